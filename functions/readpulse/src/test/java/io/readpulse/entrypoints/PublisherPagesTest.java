package io.readpulse.entrypoints;

import io.readpulse.testkit.ArticlePages;
import io.readpulse.testkit.RealEngineTest;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests in which the publisher's own pages describe its articles: demo-news on
 * news.example, its article pages served by a real HTTP server that ComputeTrending reads, so
 * what lists show comes from those pages and never from what browsers claim.
 */
abstract class PublisherPagesTest extends RealEngineTest {
    static final Instant START = Instant.parse("2026-11-29T08:00:00Z");
    static final String SITE = "demo-news";
    static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    ArticlePages pages;
    Pipeline pipeline;

    @BeforeEach
    void publisher() {
        pages = new ArticlePages("news.example");
        pipeline = new Pipeline(engine, dynamo, environment(), START);
        pipeline.publisher(pages);
        pipeline.createSite(SITE, "news.example");
    }

    @AfterEach
    void stopPublisher() {
        pages.close();
    }

    /** {@code count} readers view the article; {@code tag} keeps their browsers apart from other articles' readers. */
    void readers(Pipeline.Article article, int count, String tag) {
        for (int i = 0; i < count; i++) {
            pipeline.view(SITE, article, "198.51.100." + (i % 250), BROWSER + " " + tag + i);
        }
    }
}
