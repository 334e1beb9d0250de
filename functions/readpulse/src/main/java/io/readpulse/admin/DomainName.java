package io.readpulse.admin;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A site's domain as an operator types it, checked and put in the form browsers send before it is
 * saved. A site admits every host that is one of its domains or ends in "." and one of them, so a
 * domain must be one registrant's name: not a public suffix (com, co.uk, github.io), and nothing
 * that would never match a host (a URL, a wildcard, a path or a port, spaces).
 *
 * <p>Internationalised names are saved as punycode (bücher.example as xn--bcher-kva.example), the
 * form in {@code Origin} headers and URLs, with {@link IDN}. That class implements IDNA 2003, where
 * ß, ς and the zero-width joiners map to other letters than in the IDNA 2008 that browsers use, so
 * names holding those are refused: the operator gives their punycode form instead.
 *
 * <p>Single labels are refused (they are top-level domains or names only a local network knows),
 * except {@code localhost}; IP addresses are refused except loopback ones (127.0.0.0/8, ::1), all
 * for local use. Public suffixes of more than one label are known only from {@link PublicSuffixes}.
 */
final class DomainName {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
    private static final String IPV6_LOOPBACK = "[::1]";
    /** ß, final sigma, zero-width non-joiner and joiner: IDNA 2003 and 2008 disagree on them. */
    private static final String IDNA_DEVIATIONS = "\u00df\u03c2\u200c\u200d";
    private static final int MAX_LENGTH = 253;

    private DomainName() {
    }

    /**
     * @return the domain in lower-case ASCII, as {@code Site.ownsHost} compares it
     * @throws UsageError saying what is wrong with it, and what to type instead
     */
    static String normalise(String typed) {
        String shown = "--domain '" + ControlCharacters.escape(typed) + "'";
        if (typed.isEmpty()) {
            throw new UsageError("--domain needs a host name, such as news.example");
        }
        if (typed.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            throw new UsageError(shown + " has spaces in it: give the host name alone, such as news.example");
        }
        ControlCharacters.refuse("--domain", typed);
        if (typed.contains("://")) {
            throw new UsageError(shown + " is a URL: give its host name alone, such as news.example");
        }
        if (typed.indexOf('*') >= 0) {
            throw new UsageError(shown + " has a wildcard: a domain admits its subdomains already, so give news.example for *.news.example");
        }
        if (typed.equals("::1") || typed.equals(IPV6_LOOPBACK)) {
            return IPV6_LOOPBACK;
        }
        if (typed.chars().anyMatch(c -> "/?#@\\".indexOf(c) >= 0)) {
            throw new UsageError(shown + " has a path or more: give the host name alone, such as news.example");
        }
        if (typed.indexOf(':') >= 0 || typed.indexOf('[') >= 0 || typed.indexOf(']') >= 0) {
            throw new UsageError(shown + " has a port: give the host name alone; a domain admits any port");
        }
        if (typed.endsWith(".")) {
            throw new UsageError(shown + " ends in a dot: give it without, such as news.example");
        }
        if (typed.startsWith(".") || typed.contains("..")) {
            throw new UsageError(shown + " has an empty label (a dot at the start, or two in a row)");
        }
        if (typed.chars().anyMatch(c -> IDNA_DEVIATIONS.indexOf(c) >= 0)) {
            throw new UsageError(shown + " holds ß, ς or a zero-width joiner, which browsers and this command turn into different"
                    + " names: give its punycode (xn--) form as the browser shows it");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(typed).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new UsageError(shown + " is not a valid host name");
        }
        if (ascii.length() > MAX_LENGTH) {
            throw new UsageError(shown + " is longer than a host name can be (" + MAX_LENGTH + " characters)");
        }
        String[] labels = ascii.split("\\.");
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new UsageError(shown + ": '" + label + "' is not a host name label, which is 1 to 63 letters, digits"
                        + " and hyphens, and neither starts nor ends with a hyphen");
            }
        }
        if (ascii.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            if (isIpv4Loopback(ascii)) {
                return ascii;
            }
            throw new UsageError(shown + " is an IP address: only loopback ones (127.0.0.1, ::1) are accepted, for local use");
        }
        if (labels.length == 1) {
            if (ascii.equals("localhost")) {
                return ascii;
            }
            throw new UsageError(shown + " is a single label: a top-level domain, or a name only a local network knows;"
                    + " give the site's own domain, such as news.example (localhost is accepted, for local use)");
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw new UsageError(shown + " ends in a label of digits only, which no top-level domain is");
        }
        if (PublicSuffixes.isListed(ascii)) {
            throw new UsageError(shown + " is a public suffix, under which anyone can register a name: give the site's own"
                    + " domain under it, such as news." + ascii);
        }
        return ascii;
    }

    private static boolean isIpv4Loopback(String address) {
        Matcher octets = IPV4.matcher(address);
        if (!octets.matches() || !octets.group(1).equals("127")) {
            return false;
        }
        for (int i = 2; i <= 4; i++) {
            if (Integer.parseInt(octets.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }
}
