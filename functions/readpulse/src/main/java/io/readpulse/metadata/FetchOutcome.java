package io.readpulse.metadata;

import java.net.URI;

/**
 * What one page fetch came to. A publisher's site that is down, slow, huge or hostile is an expected
 * answer, so it is a value to branch on rather than an exception.
 */
public sealed interface FetchOutcome permits FetchOutcome.Page, FetchOutcome.Failed {

    /** @param finalUrl the URL the page was served from, after any redirects */
    record Page(URI finalUrl, String html) implements FetchOutcome {
    }

    /**
     * @param code one of not_http, invalid_url, off_site, unresolvable, address_not_allowed,
     *             port_not_allowed, connect_failed, tls_failed, read_failed, timeout, too_large,
     *             redirect_off_site, too_many_redirects, http_status, not_html, malformed_response
     * @param detail for logs: what was refused and why
     */
    record Failed(String code, String detail) implements FetchOutcome {
    }
}
