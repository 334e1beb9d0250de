package io.readpulse.metadata;

import io.readpulse.model.ArticleMeta;

/** Whether an article's own page confirmed it, and what the page says of it. */
public sealed interface Verification permits Verification.Verified, Verification.Failed {

    static Verification verified(ArticleMeta meta) {
        return new Verified(meta);
    }

    static Verification failed(String code, String detail) {
        return new Failed(code, detail);
    }

    /** @param meta as the page declares it; its URL is the page's canonical URL when that is on the site */
    record Verified(ArticleMeta meta) implements Verification {
    }

    /**
     * @param code id_mismatch, not_an_article, published_in_future, invalid_article_id, or a
     *             {@link FetchOutcome.Failed} code
     * @param detail for logs
     */
    record Failed(String code, String detail) implements Verification {
    }
}
