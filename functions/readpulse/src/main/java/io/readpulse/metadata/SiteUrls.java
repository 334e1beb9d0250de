package io.readpulse.metadata;

import io.readpulse.model.Site;
import java.net.URI;
import java.util.Locale;

/** The one test of "an http(s) URL on the site's own domains", shared by the fetcher, the parser and the verifier. */
final class SiteUrls {

    private SiteUrls() {
    }

    static boolean isHttp(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && !url.isOpaque();
    }

    /** User info is refused too: {@code https://site.example@elsewhere/} reads as the site to a person, not to a client. */
    static boolean isOnSite(URI url, Site site) {
        return isHttp(url) && url.getHost() != null && url.getRawUserInfo() == null && site.ownsHost(url.getHost());
    }
}
