package io.readpulse.model;

import java.time.Instant;

/**
 * What Readpulse knows of an article from a source the publisher controls: the article's own page on
 * the site's domains, or what the publisher submitted with the admin command. Public lists show only
 * this, never what a browser claimed.
 *
 * @param meta the article as its source describes it, authors and tags included (the only ones public
 *     lists may filter by), or null while it has never been read
 * @param source where {@code meta} came from, or null with it
 * @param readAt when {@code meta} was last read (or submitted)
 * @param lastHint the URL last tried, a browser's claim; never shown anywhere
 * @param failure why the last attempt failed, or null if it did not
 * @param failedAt when it failed, or null
 */
public record ArticleRecord(String site, String articleId, ArticleMeta meta, Source source, Instant readAt,
                            String lastHint, String failure, Instant failedAt) {

    public enum Source {
        /** Read from the article's page by Readpulse. */
        PAGE,
        /** Submitted by the publisher; Readpulse never replaces it by reading the page. */
        PUBLISHER
    }

    /** An article looked up and not found: nothing is known of it yet. */
    public static ArticleRecord unknown(String site, String articleId) {
        return new ArticleRecord(site, articleId, null, null, null, null, null, null);
    }

    public boolean known() {
        return meta != null;
    }

    public ArticleRecord read(ArticleMeta fresh, Source from, Instant at, String hint) {
        return new ArticleRecord(site, articleId, fresh, from, at, hint, null, null);
    }

    /** A failed attempt; what was known before is kept, so a page that is down for a minute changes no list. */
    public ArticleRecord failed(String code, Instant at, String hint) {
        return new ArticleRecord(site, articleId, meta, source, readAt, hint, code, at);
    }
}
