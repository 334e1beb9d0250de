package io.readpulse.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.model.ArticleMeta;
import io.readpulse.model.Site;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Authors and tags as the article's own page gives them, by the rules t.js reads them with. */
class ArticlePageAuthorsAndTagsTest {
    private static final Site SITE = new Site("demo-news", "The Demo Courier", List.of("news.example"), new byte[16]);
    private static final URI PAGE = URI.create("https://news.example/world/summit-in-the-capital.html");
    private static final String TAGS = """
            <link rel="canonical" href="https://news.example/world/summit-in-the-capital.html">
            <meta property="og:title" content="Two presidents meet in the capital">
            <meta property="article:section" content="World">
            <meta property="article:published_time" content="2026-11-29T07:30:00Z">
            """;

    private final ArticlePageParser parser = new ArticlePageParser();

    private ArticleMeta article(String head, String body) {
        String html = "<!doctype html><html><head><meta charset=\"utf-8\">" + TAGS + head + "</head><body>" + body + "</body></html>";
        ArticlePageParser.Result result = parser.parse(html, PAGE, SITE);
        assertTrue(result instanceof ArticlePageParser.Article, () -> "not an article: " + result);
        return ((ArticlePageParser.Article) result).meta();
    }

    private static String linkedData(String json) {
        return "<script type=\"application/ld+json\">" + json + "</script>";
    }

    @Test
    void metaTagsNameTheAuthorsAndTagsInTheirOrder() {
        ArticleMeta meta = article("""
                <meta name="author" content="Ana Lima">
                <meta property="article:author" content="https://www.facebook.com/ana.lima">
                <meta property="article:author" content="Bo  Chen">
                <meta property="article:tag" content="Elections">
                <meta property="article:tag" content="Europe">
                <meta property="article:tag" content="Elections">
                """, "");
        assertEquals(List.of("Ana Lima", "Bo Chen"), meta.authors(), "a profile link is no name");
        assertEquals(List.of("Elections", "Europe"), meta.tags());
    }

    @Test
    void jsonLdNamesAnAuthorObjectAndAKeywordList() {
        ArticleMeta meta = article(linkedData("""
                {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Summit",
                 "author": {"@type": "Person", "name": "Ana Lima"}, "keywords": "Elections, Europe ,  Diplomacy"}
                """), "");
        assertEquals(List.of("Ana Lima"), meta.authors());
        assertEquals(List.of("Elections", "Europe", "Diplomacy"), meta.tags());
    }

    @Test
    void jsonLdNamesAnArrayOfAuthorsAndOfKeywords() {
        ArticleMeta meta = article(linkedData("""
                [{"@type": "BreadcrumbList"},
                 {"@type": ["NewsArticle"], "author": [{"@type": "Person", "name": "Ana Lima"}, "Bo Chen", {"@type": "Person"}, 7],
                  "keywords": ["Elections", "Europe"]}]
                """), "");
        assertEquals(List.of("Ana Lima", "Bo Chen"), meta.authors());
        assertEquals(List.of("Elections", "Europe"), meta.tags());
    }

    @Test
    void jsonLdInAGraph() {
        ArticleMeta meta = article(linkedData("""
                {"@context": "https://schema.org", "@graph": [
                  {"@type": "WebPage", "@id": "https://news.example/world/summit-in-the-capital.html"},
                  {"@type": "Organization", "name": "The Demo Courier"},
                  {"@type": "ReportageNewsArticle", "author": [{"@type": "Person", "name": "Ana Lima"}, {"@type": "Person", "name": "Bo Chen"}],
                   "keywords": ["Elections"]}]}
                """), "");
        assertEquals(List.of("Ana Lima", "Bo Chen"), meta.authors());
        assertEquals(List.of("Elections"), meta.tags());
    }

    @Test
    void dataAttributesWinOverMetasWhichWinOverJsonLd() {
        String metas = "<meta name=\"author\" content=\"Meta Author\"><meta property=\"article:tag\" content=\"meta-tag\">"
                + linkedData("{\"@type\":\"NewsArticle\",\"author\":{\"name\":\"Linked Author\"},\"keywords\":\"linked-tag\"}");
        ArticleMeta fromData = article(metas, "<article data-article-id=\"summit\" data-authors=\"Ana Lima, Bo Chen\" data-tags=\"a,b, c\">x</article>");
        assertEquals(List.of("Ana Lima", "Bo Chen"), fromData.authors());
        assertEquals(List.of("a", "b", "c"), fromData.tags());

        ArticleMeta fromScript = article(metas, "<script src=\"/t.js\" data-site=\"demo-news\" data-authors=\"Script Author\"></script>");
        assertEquals(List.of("Script Author"), fromScript.authors(), "data-authors on the script tag");
        assertEquals(List.of("meta-tag"), fromScript.tags());

        ArticleMeta fromLinked = article(linkedData("{\"@type\":\"NewsArticle\",\"author\":{\"name\":\"Linked Author\"},\"keywords\":\"linked-tag\"}"), "");
        assertEquals(List.of("Linked Author"), fromLinked.authors());
        assertEquals(List.of("linked-tag"), fromLinked.tags());
    }

    @Test
    void namesAreCleanedAndCutToCollectsLimitsNotRefused() {
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            tags.append("<meta property=\"article:tag\" content=\"tag ").append(i).append("\">");
        }
        ArticleMeta meta = article(tags + "<meta name=\"author\" content=\"" + "A".repeat(150) + "\">"
                + "<meta name=\"author\" content=\"Ana\u0007 &lt;b&gt;Lima&lt;/b&gt;\u202e\">", "");
        assertEquals(20, meta.tags().size());
        assertEquals("tag 19", meta.tags().get(19));
        assertEquals(List.of("A".repeat(100), "Ana <b>Lima</b>"), meta.authors(), "control characters dropped, markup kept as text");
    }

    @Test
    void withoutAnyTheListsAreEmpty() {
        ArticleMeta meta = article("", "");
        assertEquals(List.of(), meta.authors());
        assertEquals(List.of(), meta.tags());
    }

    @Test
    void utmParametersOfTheCanonicalLinkAreNotPartOfTheUrlOrId() {
        String head = "<link rel=\"canonical\" href=\"https://news.example/world/summit.html?utm_source=x&amp;page=2&amp;utm_medium=y\">";
        String html = "<!doctype html><html><head>" + head + TAGS.substring(TAGS.indexOf('\n') + 1) + "</head><body></body></html>";
        ArticleMeta stripped = ((ArticlePageParser.Article) parser.parse(html, PAGE, SITE)).meta();
        assertEquals("https://news.example/world/summit.html?page=2", stripped.url());
        String campaignOnly = html.replace("?utm_source=x&amp;page=2&amp;utm_medium=y", "?utm_source=x&amp;utm_medium=y");
        ArticleMeta summit = ((ArticlePageParser.Article) parser.parse(campaignOnly, PAGE, SITE)).meta();
        assertEquals("summit", summit.id(), "the id t.js takes from the URL without its campaign");
        assertEquals("https://news.example/world/summit.html", summit.url());
        assertEquals("https://news.example/a", ArticlePageParser.withoutCampaign("https://news.example/a?utm_source=x"));
        assertEquals("https://news.example/a#top", ArticlePageParser.withoutCampaign("https://news.example/a?utm_source=x&utm_campaign=y#top"));
    }
}
