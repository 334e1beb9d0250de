package io.readpulse.admin;

import io.readpulse.auth.ShareLink;
import io.readpulse.auth.ShareLinkFormat;
import io.readpulse.auth.ShareLinkStore;
import io.readpulse.store.SiteStore;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code link} subcommands of the admin command: read-only, expiring share links to one site's
 * reports, for editors who should not handle an API key.
 *
 * <pre>
 * link create &lt;site&gt; --expires 30d [--label TEXT] [--dashboard URL]   prints the link, once
 * link list &lt;site&gt;                                                      ids, labels, expiry and state; never a token
 * link revoke &lt;site&gt; &lt;link id&gt;
 * </pre>
 *
 * <p>The link is the dashboard's address with the token in its fragment ({@code #token=...}): a
 * browser never sends a fragment to a server, so the token reaches no access log, and the dashboard
 * removes it from the address bar as it opens.
 */
public final class LinkAdminCommands {
    static final String USAGE = "link create <site> --expires DURATION [--label TEXT] [--dashboard URL] | link list <site>"
            + " | link revoke <site> <link-id>";
    /** Where {@code ./readpulse local} serves the dashboard; deployed, pass the distribution's with --dashboard. */
    static final String LOCAL_DASHBOARD = "http://localhost:3000/dashboard/";
    static final Duration LONGEST = Duration.ofDays(365);
    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,4})([hd])");

    private final ShareLinkStore links;
    private final Clock clock;
    private final PrintStream out;
    private final CredentialCommands commands;
    private final SecureRandom random = new SecureRandom();

    public LinkAdminCommands(SiteStore sites, ShareLinkStore links, Clock clock, PrintStream out) {
        this.links = links;
        this.clock = clock;
        this.out = out;
        this.commands = new CredentialCommands(sites, out, "link");
    }

    /** @param words the words after {@code link}; @return the exit code: 0 done, 1 refused, 2 usage error */
    public int run(List<String> words) {
        return commands.run(words, USAGE, this::create, this::list, this::revoke);
    }

    /** {@code 12h} or {@code 30d}: from one hour to {@link #LONGEST}. */
    static Duration expiry(String text) {
        Matcher matcher = text == null ? null : DURATION.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new UsageError("--expires is a number of hours or days, such as 12h or 30d");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = matcher.group(2).equals("h") ? Duration.ofHours(amount) : Duration.ofDays(amount);
        if (duration.compareTo(LONGEST) > 0) {
            throw new UsageError("--expires may be at most " + LONGEST.toDays() + "d");
        }
        return duration;
    }

    private static String dashboard(String given) {
        String url = given == null ? LOCAL_DASHBOARD : given;
        try {
            URI uri = new URI(url);
            boolean web = "https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && isLoopback(uri.getHost()));
            if (!web || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new UsageError("--dashboard is the dashboard's https address (http only for localhost), without ? or #");
            }
        } catch (URISyntaxException e) {
            throw new UsageError("--dashboard is not a URL");
        }
        return url;
    }

    private static boolean isLoopback(String host) {
        return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    }

    private int create(String site, List<String> words) {
        Options options = Options.parse(words, Set.of("--expires", "--label", "--dashboard"), Set.of());
        if (options.value("--expires") == null) {
            throw new UsageError("say how long the link works with --expires, such as 30d");
        }
        Duration lifetime = expiry(options.value("--expires"));
        String label = options.value("--label") == null ? "" : options.value("--label");
        ControlCharacters.refuse("--label", label);
        String dashboard = dashboard(options.value("--dashboard"));
        if (!commands.siteExists(site)) {
            return 1;
        }
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        return commands.issueUnderFreshId(() -> {
            String token = ShareLinkFormat.newToken(site, expires, random);
            String linkId = ShareLinkFormat.parse(token).orElseThrow().linkId();
            if (!links.create(new ShareLink(site, linkId, label, ShareLinkFormat.hash(token), now, expires, null))) {
                return false;
            }
            out.println("link " + linkId + " created for " + site + ", read-only, until " + expires
                    + ". It is shown this once and cannot be recovered:");
            out.println(dashboard + "?site=" + site + "#token=" + token);
            return true;
        });
    }

    private int list(String site) {
        Instant now = clock.instant();
        for (ShareLink link : links.list(site)) {
            String state = link.revoked() ? "revoked " + link.revokedAt() : link.expiredAt(now) ? "expired" : "active";
            out.println(ControlCharacters.escape(link.linkId()) + "\t" + state + "\tcreated " + link.createdAt()
                    + "\texpires " + link.expiresAt() + "\t" + ControlCharacters.escape(link.label()));
        }
        return 0;
    }

    private int revoke(String site, String linkId) {
        if (!links.revoke(site, linkId, clock.instant())) {
            out.println("error: site " + ControlCharacters.escape(site) + " has no unrevoked link " + ControlCharacters.escape(linkId));
            return 1;
        }
        commands.printRevoked(site, linkId);
        return 0;
    }
}
