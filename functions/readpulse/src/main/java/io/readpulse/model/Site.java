package io.readpulse.model;

import java.util.List;
import java.util.Locale;

/**
 * A publisher's site.
 *
 * @param domains host names whose pages may report for this site; a domain also admits its subdomains
 * @param sketchSalt secret that keys the unique-visitor sketch; never logged or returned
 * @param allowsNullOrigin whether events may come with {@code Origin: null}: refused by default, since
 *     any page anywhere can send it from a sandboxed frame; a site opts in only when its own readers
 *     send it (apps that show articles in a web view from local files, pages under a no-referrer policy)
 * @param metadataSource where the titles and links of public lists come from
 */
public record Site(String id, String name, List<String> domains, byte[] sketchSalt, boolean allowsNullOrigin,
                   MetadataSource metadataSource) {

    /** Where an article's public title, link, section, time and image come from; never from a browser. */
    public enum MetadataSource {
        /** Readpulse reads the article's own page on the site's domains (the default). */
        PAGE,
        /** Only what the publisher submits with the admin command: for pages Readpulse cannot fetch. */
        PUBLISHER;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static MetadataSource fromWire(String value) {
            return value == null ? PAGE : valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public Site {
        domains = List.copyOf(domains);
        metadataSource = metadataSource == null ? MetadataSource.PAGE : metadataSource;
    }

    /** A site with the defaults: no {@code Origin: null}, metadata read from its pages. */
    public Site(String id, String name, List<String> domains, byte[] sketchSalt) {
        this(id, name, domains, sketchSalt, false, MetadataSource.PAGE);
    }

    /** True if {@code host} is one of the site's domains or a subdomain of one. */
    public boolean ownsHost(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        for (String domain : domains) {
            if (lower.equals(domain) || lower.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }
}
