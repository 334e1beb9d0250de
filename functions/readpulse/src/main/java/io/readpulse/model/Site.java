package io.readpulse.model;

import java.util.List;
import java.util.Locale;

/**
 * A publisher's site.
 *
 * @param domains host names whose pages may report for this site; a domain also admits its subdomains
 * @param sketchSalt secret that keys the unique-visitor sketch; never logged or returned
 */
public record Site(String id, String name, List<String> domains, byte[] sketchSalt) {

    public Site {
        domains = List.copyOf(domains);
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
