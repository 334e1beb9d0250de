package io.readpulse.alerts;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The addresses of an e-mail destination. Only plain {@code local@domain} addresses, in ASCII, are
 * accepted, with letters, digits, dots and {@code _+-} before the {@code @}: no display names,
 * comments, quoted local parts, IP literals, spaces or control
 * characters, so no address can carry a CR/LF into a header or a second recipient into RCPT TO.
 * They are stored as a {@code mailto:} URI, comma-separated.
 */
public final class EmailAddresses {
    public static final int MAX_ADDRESSES = 10;
    /** RFC 5321's limits: 64 for the local part, 254 for the path. */
    private static final int MAX_LENGTH = 254;
    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9_+-]+(\\.[A-Za-z0-9_+-]+)*");
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    private EmailAddresses() {
    }

    /**
     * {@code a@example.com,b@example.com} as a {@code mailto:} URI.
     *
     * @throws IllegalArgumentException saying which address is wrong and why
     */
    public static URI parse(String text) {
        if (text.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("the addresses must hold no control characters (no line breaks)");
        }
        List<String> addresses = new ArrayList<>(new LinkedHashSet<>(List.of(text.split(",", -1))).stream().map(String::strip).toList());
        if (addresses.size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException("at most " + MAX_ADDRESSES + " addresses");
        }
        for (int i = 0; i < addresses.size(); i++) {
            addresses.set(i, check(addresses.get(i), i + 1));
        }
        return URI.create("mailto:" + String.join(",", new LinkedHashSet<>(addresses)));
    }

    static List<String> ofTarget(URI target) {
        return List.of(target.getSchemeSpecificPart().split(","));
    }

    /** One address, its domain lower-cased; never echoes hostile text back. */
    public static String check(String address, int position) {
        String which = "address " + position;
        if (address.isEmpty()) {
            throw new IllegalArgumentException(which + " is empty");
        }
        if (address.length() > MAX_LENGTH || address.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException(which + " must be plain ASCII of at most " + MAX_LENGTH
                    + " characters, without spaces or control characters");
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at != address.indexOf('@')) {
            throw new IllegalArgumentException(which + " must be one local part, '@' and a domain, e.g. news-desk@example.com");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
            throw new IllegalArgumentException(which + ": the part before '@' may hold letters, digits, dots (not two in a row,"
                    + " nor first or last) and _+- only");
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException(which + ": the part after '@' must be a domain name such as example.com");
        }
        return local + "@" + domain;
    }
}
