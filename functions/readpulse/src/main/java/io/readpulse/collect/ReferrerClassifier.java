package io.readpulse.collect;

import io.readpulse.model.ReferrerClass;
import io.readpulse.model.Site;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Puts a referring URL into the classes editors ask about: search, social, internal, direct, other.
 *
 * <p>A host belongs to a service only when its registrable domain is one of the service's: the host
 * is that domain or a subdomain of it. {@code google.attacker.example} is not Google, and neither
 * is {@code notgoogle.com}. Services that register one name under many country domains (Google's
 * {@code google.co.uk}, {@code google.com.br}, {@code google.de}) are matched by that name directly
 * under a country or generic top-level domain, or under {@code co.}/{@code com.} and a country code.
 */
public final class ReferrerClassifier {
    /** Registrable domains of search engines, and of social networks, matched as the host or a parent of it. */
    private static final Set<String> SEARCH_DOMAINS = Set.of(
            "bing.com", "duckduckgo.com", "search.yahoo.com", "search.yahoo.co.jp", "baidu.com", "ecosia.org",
            "search.brave.com", "startpage.com", "qwant.com", "naver.com", "kagi.com", "seznam.cz", "sogou.com",
            "so.com", "yahoo.co.jp");
    private static final Set<String> SOCIAL_DOMAINS = Set.of(
            "facebook.com", "fb.com", "m.me", "messenger.com", "t.co", "x.com", "twitter.com", "linkedin.com", "lnkd.in",
            "reddit.com", "instagram.com", "threads.net", "threads.com", "bsky.app", "youtube.com", "youtu.be",
            "tiktok.com", "whatsapp.com", "wa.me", "telegram.org", "t.me", "news.ycombinator.com", "flipboard.com",
            "mastodon.social", "mastodon.online", "mstdn.social", "vk.com", "weibo.com", "snapchat.com", "tumblr.com");
    /** Names registered under many country domains: the name, a dot, then one of {@link #COUNTRY_STYLE_SUFFIX}. */
    private static final List<String> SEARCH_NAMES = List.of("google", "yandex");
    private static final List<String> SOCIAL_NAMES = List.of("pinterest");
    private static final Pattern COUNTRY_STYLE_SUFFIX = Pattern.compile("(?:com|net|org|[a-z]{2}|(?:co|com)\\.[a-z]{2})");

    /** The referrer's class; a null or unparsable referrer counts as direct. */
    public ReferrerClass classify(String referrerHost, Site site) {
        if (referrerHost == null || referrerHost.isEmpty()) {
            return ReferrerClass.DIRECT;
        }
        if (site.ownsHost(referrerHost)) {
            return ReferrerClass.INTERNAL;
        }
        if (underAny(referrerHost, SEARCH_DOMAINS) || underCountryDomains(referrerHost, SEARCH_NAMES)) {
            return ReferrerClass.SEARCH;
        }
        if (underAny(referrerHost, SOCIAL_DOMAINS) || underCountryDomains(referrerHost, SOCIAL_NAMES)) {
            return ReferrerClass.SOCIAL;
        }
        return ReferrerClass.OTHER;
    }

    /** The referrer's host without "www.", lower-cased; null if it has none. Paths are never kept. */
    public String hostOf(String referrerUrl) {
        if (referrerUrl == null) {
            return null;
        }
        try {
            URI uri = new URI(referrerUrl);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return null;
            }
            String host = uri.getHost();
            if (host == null) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (Exception unparsable) {
            return null;
        }
    }

    /** True if the host is one of the domains or a subdomain of one: each parent of the host is looked up. */
    private static boolean underAny(String host, Set<String> domains) {
        for (String candidate = host; candidate != null; candidate = parent(candidate)) {
            if (domains.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** True if some parent of the host (or the host) is NAME.SUFFIX for one of the names, SUFFIX country-style. */
    private static boolean underCountryDomains(String host, List<String> names) {
        for (String candidate = host; candidate != null; candidate = parent(candidate)) {
            int dot = candidate.indexOf('.');
            if (dot > 0 && names.contains(candidate.substring(0, dot))
                    && COUNTRY_STYLE_SUFFIX.matcher(candidate.substring(dot + 1)).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String parent(String host) {
        int dot = host.indexOf('.');
        return dot < 0 ? null : host.substring(dot + 1);
    }
}
