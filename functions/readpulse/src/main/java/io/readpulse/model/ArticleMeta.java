package io.readpulse.model;

import java.time.Instant;

/**
 * What an article page says about itself. Untrusted: it arrives from the page and is validated
 * (sizes, URL schemes, the site's own domains) before it is stored.
 *
 * @param image may be null
 * @param publishedAt may be null when only an engagement or share event named the article
 */
public record ArticleMeta(String id, String url, String title, String section, Instant publishedAt, String image) {
}
