package io.readpulse.collect;

import io.readpulse.model.ReferrerClass;
import io.readpulse.model.Site;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Puts a referring URL into the classes editors ask about: search, social, internal, direct, other. */
public final class ReferrerClassifier {
    // Registrable-name fragments, matched against each dot-separated label run of the host.
    private static final List<String> SEARCH = List.of(
            "google.", "bing.com", "duckduckgo.com", "search.yahoo.", "yandex.", "baidu.com",
            "ecosia.org", "search.brave.com", "startpage.com", "qwant.com", "naver.com", "kagi.com");
    private static final List<String> SOCIAL = List.of(
            "facebook.com", "fb.com", "t.co", "x.com", "twitter.com", "linkedin.com", "lnkd.in",
            "reddit.com", "instagram.com", "threads.net", "bsky.app", "mastodon.", "youtube.com",
            "tiktok.com", "pinterest.", "whatsapp.com", "telegram.org", "t.me", "news.ycombinator.com",
            "flipboard.com");

    /** The referrer's class; a null or unparsable referrer counts as direct. */
    public ReferrerClass classify(String referrerHost, Site site) {
        if (referrerHost == null || referrerHost.isEmpty()) {
            return ReferrerClass.DIRECT;
        }
        if (site.ownsHost(referrerHost)) {
            return ReferrerClass.INTERNAL;
        }
        if (matches(referrerHost, SEARCH)) {
            return ReferrerClass.SEARCH;
        }
        if (matches(referrerHost, SOCIAL)) {
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
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (Exception unparsable) {
            return null;
        }
    }

    private static boolean matches(String host, List<String> fragments) {
        String dotted = "." + host;
        for (String fragment : fragments) {
            if (fragment.endsWith(".")) {
                if (dotted.contains("." + fragment)) {
                    return true;
                }
            } else if (dotted.endsWith("." + fragment)) {
                return true;
            }
        }
        return false;
    }
}
