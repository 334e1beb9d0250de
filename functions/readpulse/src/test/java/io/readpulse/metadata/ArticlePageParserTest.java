package io.readpulse.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.model.ArticleMeta;
import io.readpulse.model.Site;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArticlePageParserTest {
    private static final Site SITE = new Site("demo-news", "The Demo Courier", List.of("news.example", "localhost"), new byte[16]);
    private static final URI PAGE = URI.create("https://news.example/world/summit-in-the-capital.html");
    private static final String TAGS = """
            <link rel="canonical" href="https://news.example/world/summit-in-the-capital.html">
            <meta property="og:title" content="Two presidents meet in the capital">
            <meta property="og:image" content="https://news.example/img/world.jpg">
            <meta property="article:section" content="Geopolitics &amp; Foreign Policy">
            <meta property="article:published_time" content="2026-11-29T07:30:00Z">
            """;

    private final ArticlePageParser parser = new ArticlePageParser();

    @Test
    void metaTagsDescribeTheArticle() {
        ArticleMeta meta = article(html("<title>Summit | The Demo Courier</title>" + TAGS, "<p>text</p>"), PAGE);
        assertEquals(new ArticleMeta("summit-in-the-capital", "https://news.example/world/summit-in-the-capital.html",
                "Two presidents meet in the capital", "Geopolitics & Foreign Policy", Instant.parse("2026-11-29T07:30:00Z"),
                "https://news.example/img/world.jpg"), meta);
    }

    @Test
    void dataAttributesWinOverTags() {
        String body = """
                <article data-article-id="summit-2026" data-title="The summit, as the newsroom titles it" data-section="World"
                         data-published="2026-11-29T06:00:00+01:00" data-image="/img/summit.jpg">text</article>
                """;
        ArticleMeta meta = article(html(TAGS, body), PAGE);
        assertEquals("summit-2026", meta.id());
        assertEquals("The summit, as the newsroom titles it", meta.title());
        assertEquals("World", meta.section());
        assertEquals(Instant.parse("2026-11-29T05:00:00Z"), meta.publishedAt());
        assertEquals("https://news.example/img/summit.jpg", meta.image());
        assertEquals("https://news.example/world/summit-in-the-capital.html", meta.url());
    }

    @Test
    void aDataArticleIdIsCleanedAsTheTrackingScriptCleansIt() {
        ArticleMeta meta = article(html(TAGS, "<div data-article-id=\"--Summit in the capital!\"></div>"), PAGE);
        assertEquals("Summit-in-the-capital-", meta.id());
    }

    @Test
    void ogUrlStandsInForAMissingCanonicalLink() {
        String head = TAGS.replace("<link rel=\"canonical\" href=\"https://news.example/world/summit-in-the-capital.html\">",
                "<meta property=\"og:url\" content=\"https://www.news.example/2026/11/summit/\">");
        ArticleMeta meta = article(html(head, ""), URI.create("https://news.example/amp/summit?from=home"));
        assertEquals("summit", meta.id());
        assertEquals("https://www.news.example/2026/11/summit/", meta.url());
    }

    @Test
    void withoutCanonicalOrOgUrlThePageUrlWithoutQueryOrFragmentIsTheUrl() {
        String head = TAGS.replace("<link rel=\"canonical\" href=\"https://news.example/world/summit-in-the-capital.html\">", "");
        ArticleMeta meta = article(html(head, ""), URI.create("https://news.example/2026/11/rates-rise.htm?utm_source=x#comments"));
        assertEquals("rates-rise", meta.id());
        assertEquals("https://news.example/2026/11/rates-rise.htm", meta.url());
    }

    @Test
    void theDocumentTitleStandsInForAMissingOgTitle() {
        String head = "<title>\n  Summit   in the\tcapital  </title>" + TAGS.replace("<meta property=\"og:title\" content=\"Two presidents meet in the capital\">", "");
        assertEquals("Summit in the capital", article(html(head, ""), PAGE).title());
    }

    @Test
    void aRelativeCanonicalLinkIsResolvedAgainstThePage() {
        String head = TAGS.replace("https://news.example/world/summit-in-the-capital.html", "/world/./summit-in-the-capital.html");
        ArticleMeta meta = article(html(head, ""), URI.create("https://news.example/amp/world/summit-in-the-capital.html?x=1"));
        assertEquals("https://news.example/world/summit-in-the-capital.html", meta.url());
        assertEquals("summit-in-the-capital", meta.id());
    }

    @Test
    void anOffSiteCanonicalIsNotTheUrlButStillNamesTheIdAsInTheBrowser() {
        String head = TAGS.replace("https://news.example/world/summit-in-the-capital.html", "https://aggregator.example/copied/other-story");
        ArticleMeta meta = article(html(head, ""), PAGE);
        assertEquals("https://news.example/world/summit-in-the-capital.html", meta.url());
        assertEquals("other-story", meta.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://cdn.elsewhere.example/world.jpg", "javascript:alert(1)", "data:image/png;base64,AAAA",
        "ftp://news.example/world.jpg", "https://user@news.example/world.jpg"})
    void anImageOffTheSiteOrNotHttpIsDropped(String image) {
        String head = TAGS.replace("https://news.example/img/world.jpg", image);
        ArticleMeta meta = article(html(head, ""), PAGE);
        assertNull(meta.image());
        assertEquals("Two presidents meet in the capital", meta.title());
    }

    @Test
    void anImageOnASubdomainIsKept() {
        String head = TAGS.replace("https://news.example/img/world.jpg", "//img.news.example/world.jpg");
        assertEquals("https://img.news.example/world.jpg", article(html(head, ""), PAGE).image());
    }

    @Test
    void jsonLdAloneDescribesTheArticle() {
        String head = """
                <title>Rates rise | Demo</title>
                <script type="application/ld+json">
                {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Central bank raises rates",
                 "articleSection": ["Business", "Economy"], "datePublished": "2026-11-28T18:00:00-05:00",
                 "image": {"@type": "ImageObject", "url": "https://news.example/img/rates.jpg"},
                 "url": "https://news.example/business/rates-rise"}
                </script>
                """;
        ArticleMeta meta = article(html(head, ""), URI.create("https://news.example/business/rates-rise"));
        assertEquals(new ArticleMeta("rates-rise", "https://news.example/business/rates-rise", "Central bank raises rates", "Business",
                Instant.parse("2026-11-28T23:00:00Z"), "https://news.example/img/rates.jpg"), meta);
    }

    @Test
    void jsonLdInsideAGraphIsFound() {
        String head = """
                <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
                  {"@type": "WebSite", "name": "Demo", "url": "https://news.example/"},
                  {"@type": ["WebPage"], "@id": "https://news.example/science/comet/"},
                  {"@type": ["ReportageNewsArticle", "Thing"], "headline": "A comet returns",
                   "articleSection": "Science", "datePublished": "2026-11-27",
                   "image": ["https://news.example/img/comet.jpg", "https://news.example/img/comet-wide.jpg"],
                   "mainEntityOfPage": {"@id": "https://news.example/science/comet/"}}]}
                </script>
                """;
        ArticleMeta meta = article(html(head, ""), URI.create("https://news.example/science/comet/?ref=rss"));
        assertEquals("comet", meta.id());
        assertEquals("A comet returns", meta.title());
        assertEquals("Science", meta.section());
        assertEquals(Instant.parse("2026-11-27T00:00:00Z"), meta.publishedAt());
        assertEquals("https://news.example/img/comet.jpg", meta.image());
        assertEquals("https://news.example/science/comet/", meta.url());
    }

    @Test
    void jsonLdInAnArrayWithAPrefixedTypeIsFoundAndBrokenBlocksAreSkipped() {
        String head = """
                <script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>
                <script type="application/ld+json; charset=utf-8">[{"@type": "Organization", "name": "Demo"},
                  {"@type": "schema:Article", "headline": "Harbour festival", "articleSection": "Culture",
                   "datePublished": "2026-11-26T10:00:00Z"}]</script>
                """;
        ArticleMeta meta = article(html(head, ""), URI.create("https://news.example/culture/harbour-festival.html"));
        assertEquals("harbour-festival", meta.id());
        assertEquals("Harbour festival", meta.title());
        assertEquals("Culture", meta.section());
    }

    @Test
    void tagsWinOverJsonLd() {
        String head = TAGS + """
                <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Not this", "articleSection": "Not this",
                 "datePublished": "2020-01-01T00:00:00Z", "url": "https://news.example/not-this"}</script>
                """;
        ArticleMeta meta = article(html(head, ""), PAGE);
        assertEquals("Two presidents meet in the capital", meta.title());
        assertEquals("Geopolitics & Foreign Policy", meta.section());
        assertEquals(Instant.parse("2026-11-29T07:30:00Z"), meta.publishedAt());
        assertEquals("https://news.example/world/summit-in-the-capital.html", meta.url());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<meta property=\"og:title\" content=\"Two presidents meet in the capital\">|the page has no title",
        "<meta property=\"article:section\" content=\"Geopolitics &amp; Foreign Policy\">|the page names no section",
        "<meta property=\"article:published_time\" content=\"2026-11-29T07:30:00Z\">|the page has no published time"})
    void aPageWithoutTitleSectionOrTimeIsNotAnArticle(String removed, String reason) {
        assertEquals(new ArticlePageParser.NotAnArticle(reason), parser.parse(html(TAGS.replace(removed, ""), ""), PAGE, SITE));
    }

    @Test
    void aBlankTitleIsNoTitle() {
        String head = TAGS.replace("Two presidents meet in the capital", " \u202E\u0001 ");
        assertEquals(new ArticlePageParser.NotAnArticle("the page has no title"), parser.parse(html(head, ""), PAGE, SITE));
    }

    @Test
    void anIdThatCleansToNothingIsNoArticle() {
        ArticlePageParser.Result result = parser.parse(html(TAGS, "<div data-article-id=\"---\"></div>"), PAGE, SITE);
        assertEquals(new ArticlePageParser.NotAnArticle("the page names no article id"), result);
    }

    @Test
    void underscoresStayInIds() {
        assertEquals("summit_2026", article(html(TAGS, "<div data-article-id=\"summit_2026\"></div>"), PAGE).id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "+999999999-12-31T23:59:59-18:00",
        "-999999999-01-01", "99999999999-01-01T00:00:00Z", "1989-12-31T23:59:59Z", "2201-01-01T00:00:00Z", "0000-01-01",
        "yesterday", "2026-02-30T00:00:00Z", "2026-11-29T25:00:00Z", "1764401400", ""})
    void anAbsurdOrUnreadablePublishedTimeIsNoArticle(String published) {
        String head = TAGS.replace("2026-11-29T07:30:00Z", published);
        assertInstanceOf(ArticlePageParser.NotAnArticle.class, parser.parse(html(head, ""), PAGE, SITE));
        assertNull(ArticlePageParser.parsePublished(published));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-29T07:30:00Z, 2026-11-29T07:30:00Z",
        "2026-11-29T07:30:00.123z, 2026-11-29T07:30:00.123Z",
        "2026-11-29T08:30:00+01:00, 2026-11-29T07:30:00Z",
        "2026-11-29T08:30:00+0100, 2026-11-29T07:30:00Z",
        "2026-11-29T07:30:00, 2026-11-29T07:30:00Z",
        "2026-11-29 07:30:00, 2026-11-29T07:30:00Z",
        "2026-11-29T07:30, 2026-11-29T07:30:00Z",
        "2026-11-29, 2026-11-29T00:00:00Z",
        "' 1990-01-01T00:00:00Z ', 1990-01-01T00:00:00Z",
        "2200-12-31T23:59:59Z, 2200-12-31T23:59:59Z"})
    void publishedTimesAreReadLeniently(String text, String expected) {
        assertEquals(Instant.parse(expected), ArticlePageParser.parsePublished(text));
    }

    @Test
    void controlAndBidiCharactersAreStrippedAndWhitespaceCollapsed() {
        String head = TAGS.replace("Two presidents meet in the capital", "Two\u0001 presidents&#x202E; meet\u2066 in\t\tthe&nbsp;capital\u0007")
                .replace("Geopolitics &amp; Foreign Policy", "\u200F World\n\n");
        ArticleMeta meta = article(html(head, ""), PAGE);
        assertEquals("Two presidents meet in the capital", meta.title());
        assertEquals("World", meta.section());
    }

    @Test
    void longTitlesAndSectionsAreCutNotRefused() {
        String head = TAGS.replace("Two presidents meet in the capital", "t".repeat(299) + "\uD83D\uDE00 and more")
                .replace("Geopolitics &amp; Foreign Policy", "s".repeat(100));
        ArticleMeta meta = article(html(head, ""), PAGE);
        assertEquals("t".repeat(299), meta.title());
        assertEquals("s".repeat(64), meta.section());
    }

    @Test
    void cleaningKeepsASurrogatePairThatFits() {
        assertEquals("ab\uD83D\uDE00", ArticlePageParser.clean("ab\uD83D\uDE00c", 4));
        assertEquals("ab", ArticlePageParser.clean("ab\uD83D\uDE00c", 3));
        assertEquals("a b", ArticlePageParser.clean("\u00A0 a \n\u2003 b\t", 10));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "|https://news.example/world/summit-in-the-capital.html|summit-in-the-capital",
        "|https://news.example/world/summit-in-the-capital.htm|summit-in-the-capital",
        "|https://news.example/world/Summit.HTML|Summit.HTML",
        "|https://news.example/world/summit///|summit",
        "|https://news.example/2026/11/story?id=5|story-id-5",
        "|https://news.example/2026/11/story/?id=5|id-5",
        "|https://news.example/world/caf%C3%A9|caf-C3-A9",
        "|https://news.example/|news.example",
        "|https://news.example/__init__|init__",
        "summit in the capital|https://news.example/other|summit-in-the-capital",
        "~~~.x|https://news.example/other|x",
        "caf\u00e9|https://news.example/other|caf-"})
    void idsFollowTheTrackingScript(String declared, String url, String expected) {
        assertEquals(expected, ArticlePageParser.articleId(declared == null ? "" : declared, url));
    }

    @Test
    void idsAreCutTo128Characters() {
        assertEquals("a".repeat(128), ArticlePageParser.articleId("", "https://news.example/" + "a".repeat(200)));
    }

    @Test
    void aPageServedOffTheSiteIsNotAnArticle() {
        assertInstanceOf(ArticlePageParser.NotAnArticle.class,
                parser.parse(html(TAGS, ""), URI.create("https://elsewhere.example/world/summit-in-the-capital.html"), SITE));
    }

    @Test
    void theDemoArticleParsesAsTheTrackingScriptReadsIt() throws IOException {
        String html = Files.readString(Path.of("../../web/demo/world/summit-in-the-capital.html"), StandardCharsets.UTF_8)
                .replace("{{hours-ago:2}}", "2026-11-29T05:30:00Z");
        ArticleMeta meta = article(html, URI.create("http://localhost:3000/demo/world/summit-in-the-capital.html?utm_source=demo"));
        assertEquals(new ArticleMeta("summit-in-the-capital", "http://localhost:3000/demo/world/summit-in-the-capital.html",
                "Two presidents meet in the capital as the war in the south divides their allies", "Geopolitics & Foreign Policy",
                Instant.parse("2026-11-29T05:30:00Z"), "http://localhost:3000/demo/img/world.svg"), meta);
    }

    @Test
    void anEmptyOrHostilePageIsNoArticleAndNoException() {
        for (String html : List.of("", "<", "<html><head><title>x", "\u0000\u0000", "<script type=application/ld+json>" + "[".repeat(5000))) {
            assertInstanceOf(ArticlePageParser.NotAnArticle.class, parser.parse(html, PAGE, SITE));
        }
    }

    private ArticleMeta article(String html, URI page) {
        ArticlePageParser.Result result = parser.parse(html, page, SITE);
        assertTrue(result instanceof ArticlePageParser.Article, () -> "not an article: " + result);
        return ((ArticlePageParser.Article) result).meta();
    }

    private static String html(String head, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">" + head + "</head><body>" + body + "</body></html>";
    }
}
