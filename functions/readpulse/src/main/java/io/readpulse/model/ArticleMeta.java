package io.readpulse.model;

import java.time.Instant;
import java.util.List;

/**
 * What an article page says about itself. From a browser it is an untrusted claim, validated (sizes,
 * URL schemes, the site's own domains) and kept for editors' reports and as the URL to read the page
 * from; what public lists show is read from the article's own page (see {@code ArticleRecord}).
 *
 * @param title null when only the URL is known (engagement and share events, repeated views)
 * @param image may be null
 * @param publishedAt may be null when only an engagement or share event named the article
 * @param authors the bylines, in the page's order; empty when none were given (never null)
 * @param tags the article's tags, in the page's order; empty when none were given (never null)
 */
public record ArticleMeta(String id, String url, String title, String section, Instant publishedAt, String image,
                          List<String> authors, List<String> tags) {

    public ArticleMeta {
        authors = authors == null ? List.of() : List.copyOf(authors);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** An article without authors or tags. */
    public ArticleMeta(String id, String url, String title, String section, Instant publishedAt, String image) {
        this(id, url, title, section, publishedAt, image, List.of(), List.of());
    }
}
