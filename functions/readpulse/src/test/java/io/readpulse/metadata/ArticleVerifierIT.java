package io.readpulse.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.model.ArticleMeta;
import io.readpulse.model.Site;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An article named by browsers, confirmed (or not) by its own page served from a real server on loopback. */
class ArticleVerifierIT {
    private static final Site SITE = new Site("demo-news", "The Demo Courier", List.of("news.example"), new byte[16]);
    private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");
    private static final FetchPolicy LOCAL = new FetchPolicy(true, Duration.ofSeconds(1), Duration.ofSeconds(2), 2 * 1024 * 1024, 3);

    private final RecordingServer server = new RecordingServer();
    private ArticleVerifier verifier;

    @BeforeEach
    void verifier() {
        verifier = new ArticleVerifier(new PageFetcher(LOCAL, FakeDns.loopback("news.example", "www.news.example")),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aPageThatDeclaresTheArticleVerifiesIt() {
        server.page("/amp/summit", 200, "text/html", page("summit-in-the-capital", "/world/summit-in-the-capital.html",
                "Two presidents meet in the capital", "2026-11-29T07:30:00Z"));

        Verification result = verifier.verify(SITE, "summit-in-the-capital", url("/amp/summit"));

        assertEquals(Verification.verified(new ArticleMeta("summit-in-the-capital", url("/world/summit-in-the-capital.html"),
                "Two presidents meet in the capital", "World", Instant.parse("2026-11-29T07:30:00Z"), url("/img/summit.jpg"))), result);
    }

    @Test
    void aPageForAnotherArticleIsAMismatch() {
        server.page("/world/summit-in-the-capital.html", 200, "text/html",
                page("rates-rise", "/business/rates-rise", "Central bank raises rates", "2026-11-29T07:30:00Z"));
        Verification result = verifier.verify(SITE, "summit-in-the-capital", url("/world/summit-in-the-capital.html"));
        assertFailed("id_mismatch", result);
    }

    @Test
    void theHintsQueryAndFragmentAreNotFetched() {
        // A page that puts its query into its title, as careless templates do: the query must not steer it.
        server.on("/world/summit-in-the-capital.html", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String title = query == null ? "Two presidents meet in the capital" : "Sponsored: " + query;
            RecordingServer.respond(exchange, 200, "text/html",
                    page("summit-in-the-capital", "/world/summit-in-the-capital.html", title, "2026-11-29T07:30:00Z"));
        });

        Verification result = verifier.verify(SITE, "summit-in-the-capital",
                url("/world/summit-in-the-capital.html?title=Buy+now&utm_source=x#comments"));

        assertEquals("Two presidents meet in the capital", ((Verification.Verified) result).meta().title());
        assertEquals(List.of("/world/summit-in-the-capital.html"), server.targets());
    }

    @Test
    void aRedirectToTheArticleIsFollowedAndTheCanonicalUrlKept() {
        server.redirect("/s/123", 301, "http://www.news.example:" + server.port() + "/world/summit-in-the-capital.html");
        server.page("/world/summit-in-the-capital.html", 200, "text/html",
                page("summit-in-the-capital", "/world/summit-in-the-capital.html", "Two presidents meet in the capital", "2026-11-29T07:30:00Z"));

        Verification result = verifier.verify(SITE, "summit-in-the-capital", url("/s/123"));

        assertEquals(url("/world/summit-in-the-capital.html"), ((Verification.Verified) result).meta().url());
    }

    @Test
    void aPageWithoutArticleMetadataIsNotAnArticle() {
        server.page("/", 200, "text/html", "<!doctype html><title>The Demo Courier</title>");
        assertFailed("not_an_article", verifier.verify(SITE, "news.example", url("/")));
    }

    @Test
    void aPageDatedInTheFutureIsRefused() {
        server.page("/world/summit-in-the-capital.html", 200, "text/html",
                page("summit-in-the-capital", "/world/summit-in-the-capital.html", "Two presidents meet in the capital", "2027-01-01T00:00:00Z"));
        assertFailed("published_in_future", verifier.verify(SITE, "summit-in-the-capital", url("/world/summit-in-the-capital.html")));
    }

    @Test
    void hintsOffTheSiteOrNotHttpAreNeverFetched() {
        server.page("/world/summit-in-the-capital.html", 200, "text/html",
                page("summit-in-the-capital", "/world/summit-in-the-capital.html", "Two presidents meet in the capital", "2026-11-29T07:30:00Z"));
        assertFailed("off_site", verifier.verify(SITE, "summit-in-the-capital",
                "http://127.0.0.1:" + server.port() + "/world/summit-in-the-capital.html"));
        assertFailed("off_site", verifier.verify(SITE, "summit-in-the-capital",
                "http://news.example@127.0.0.1:" + server.port() + "/world/summit-in-the-capital.html"));
        assertFailed("not_http", verifier.verify(SITE, "summit-in-the-capital", "javascript:alert(1)"));
        assertFailed("invalid_url", verifier.verify(SITE, "summit-in-the-capital", "http://news.example/a b"));
        assertFailed("invalid_url", verifier.verify(SITE, "summit-in-the-capital", null));
        assertFailed("invalid_article_id", verifier.verify(SITE, "-summit", url("/world/summit-in-the-capital.html")));
        assertEquals(List.of(), server.requests());
    }

    @Test
    void fetchFailuresCarryTheirCodes() {
        assertFailed("http_status", verifier.verify(SITE, "summit-in-the-capital", url("/missing")));
    }

    @Test
    void theDemoArticleVerifies() throws IOException {
        String demo = Files.readString(Path.of("../../web/demo/world/summit-in-the-capital.html"), StandardCharsets.UTF_8)
                .replace("{{hours-ago:2}}", "2026-11-29T06:00:00Z");
        server.page("/demo/world/summit-in-the-capital.html", 200, "text/html; charset=utf-8", demo);

        Verification result = verifier.verify(SITE, "summit-in-the-capital", url("/demo/world/summit-in-the-capital.html?ref=home"));

        ArticleMeta meta = ((Verification.Verified) result).meta();
        assertEquals("Two presidents meet in the capital as the war in the south divides their allies", meta.title());
        assertEquals(url("/demo/world/summit-in-the-capital.html"), meta.url());
        assertEquals(url("/demo/img/world.svg"), meta.image());
    }

    private String url(String path) {
        return URI.create("http://news.example:" + server.port() + path).toString();
    }

    /** An article page as a CMS writes it; the canonical link is absolute, on this server. */
    private String page(String id, String canonicalPath, String title, String published) {
        return """
                <!doctype html><html><head><meta charset="utf-8"><title>%3$s | The Demo Courier</title>
                <link rel="canonical" href="%2$s">
                <meta property="og:title" content="%3$s">
                <meta property="og:image" content="%5$s">
                <meta property="article:section" content="World">
                <meta property="article:published_time" content="%4$s">
                </head><body><article data-article-id="%1$s"><h1>%3$s</h1></article></body></html>
                """.formatted(id, url(canonicalPath), title, published, url("/img/summit.jpg"));
    }

    private static void assertFailed(String code, Verification result) {
        assertTrue(result instanceof Verification.Failed failed && failed.code().equals(code), () -> "expected " + code + ", got " + result);
    }
}
