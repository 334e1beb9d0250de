package io.readpulse.local.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.aggregate.CounterState;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Trusted titles, end to end: public Trending lists name an article only as its own page (or its
 * publisher) describes it, and list it only once a person has read it. In headless Chromium on the
 * demo pages, against the whole runner: the scheduled job reads the demo pages from the runner.
 *
 * <p>A bot's read (headless Chromium as it is, "HeadlessChrome") lists nothing; a reader's read
 * lists the article under its page's title. Whatever browsers claim afterwards about a listed
 * article (another title, another section, another URL on the site, the real URL with a query
 * string), from many addresses and browsers, never shows: not in the widget, not in the API's JSON.
 *
 * <p>Each test reads its own article, and checks the widget on the demo front page, which is not an
 * article and sends no event, so the tests leave each other's articles alone whatever their order.
 */
class TrustedTitlesBrowserIT extends BrowserTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Not an article: its Trending box shows the site's list, and opening it counts nothing. */
    static final String FRONT_PAGE = "/demo/index.html";
    static final String WIDGET_LINKS = "[data-readpulse-trending] a";

    static final String SUMMIT_ID = "summit-in-the-capital";
    static final String SUMMIT = "/demo/world/summit-in-the-capital.html";
    static final String SUMMIT_TITLE = "Two presidents meet in the capital as the war in the south divides their allies";

    static final String PORT_STRIKE_ID = "port-strike-freight-rates";
    static final String PORT_STRIKE = "/demo/business/port-strike-freight-rates.html";
    static final String PORT_STRIKE_TITLE = "Freight rates jump as dock workers at the northern ports walk out";
    static final String PORT_STRIKE_SECTION = "Business";

    static final String FORGED_TITLE = "BREAKING: editor resigns over fabricated story";
    static final String FORGED_SECTION = "Breaking News";
    /** An article id of the forger's own, whose claimed URL is a real page that declares another id. */
    static final String FORGED_ID = "editor-resigns";

    /** Lists are cacheable for 30 seconds: a page opened before a run would otherwise be served the older list. */
    @BeforeEach
    void emptyTheBrowserCache() {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Network.clearBrowserCache", Map.of());
    }

    @Test
    void aBotsReadListsNothingAndAReadersListsTheArticleUnderItsPagesTitle() throws Exception {
        try (Chromium bot = Chromium.launchWithItsOwnUserAgent()) {
            bot.open(local.baseUrl() + SUMMIT);
            String userAgent = (String) bot.script("return navigator.userAgent;");
            assertTrue(userAgent.contains("HeadlessChrome"), "headless Chromium presents itself as such: " + userAgent);
            CounterState counters = awaitArticle(SUMMIT_ID, "the bot's view", c -> c.bots() >= 1);
            assertEquals(0, counters.views(), "a bot's view is no reader's");
        }
        local.runSchedule();
        assertFalse(ids(trending("")).contains(SUMMIT_ID), "an article read only by a bot is not listed: " + trending(""));

        open(SUMMIT);
        awaitArticle(SUMMIT_ID, "a reader's view", c -> c.views() >= 1);
        local.runSchedule();

        List<WebElement> links = widgetLinksOnTheFrontPage(SUMMIT);
        WebElement summit = links.stream().filter(link -> (local.baseUrl() + SUMMIT + "#rp").equals(link.getAttribute("href"))).findFirst()
                .orElseThrow();
        assertEquals(SUMMIT_TITLE, summit.getText(), "listed under the title of its own page (og:title, the h1)");
        JsonNode item = item(trending(""), SUMMIT_ID);
        assertEquals(SUMMIT_TITLE, item.path("title").asText());
        assertEquals("Geopolitics & Foreign Policy", item.path("section").asText());
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void browsersCannotRetitleAListedArticle() throws Exception {
        open(PORT_STRIKE);
        awaitArticle(PORT_STRIKE_ID, "a reader's view", c -> c.views() >= 1);
        local.runSchedule();
        assertListedAsItsPageSays(trending(""));

        // Readers of their own (an address and a browser each) claim another title and section, with
        // a URL of another page of the site, of a page the site does not have, or of the article's own
        // page with a query string that a careless page might echo into its title.
        String realUrl = local.baseUrl() + PORT_STRIKE;
        List<String> claimedUrls = List.of(
                local.baseUrl() + SUMMIT,
                local.baseUrl() + "/demo/business/editor-resigns.html",
                realUrl + "?title=" + URLEncoder.encode(FORGED_TITLE, StandardCharsets.UTF_8) + "&utm_source=newsletter");
        int reader = 0;
        for (String url : claimedUrls) {
            for (int i = 0; i < 3; i++) {
                forgedView(reader++, PORT_STRIKE_ID, url);
            }
        }
        // And an article of the forger's own naming the real page, which declares another id.
        for (int i = 0; i < 3; i++) {
            forgedView(reader++, FORGED_ID, realUrl);
        }
        drainStream();
        assertTrue(articleToday(PORT_STRIKE_ID).orElseThrow().views() >= 10, "the forged views were taken and counted, as any reader's are");
        for (int run = 0; run < 3; run++) {
            local.runSchedule();
        }

        for (String query : List.of("", "&window=1h", "&window=7d", "&mode=fresh", "&mode=fresh&window=1h", "&section=business")) {
            JsonNode list = trending(query);
            assertListedAsItsPageSays(list);
            for (JsonNode item : list.path("items")) {
                assertFalse(item.path("title").asText().contains(FORGED_TITLE), "a forged title in " + query + ": " + item);
                assertFalse(item.path("section").asText().contains(FORGED_SECTION), "a forged section in " + query + ": " + item);
                assertFalse(item.path("id").asText().equals(FORGED_ID), "the forger's own article is listed in " + query + ": " + item);
            }
        }
        assertEquals(0, trending("&section=breaking-news").path("items").size(), "no list for a section only browsers named");

        List<String> shown = widgetLinksOnTheFrontPage(PORT_STRIKE).stream().map(WebElement::getText).toList();
        assertTrue(shown.contains(PORT_STRIKE_TITLE), "the real title is still shown: " + shown);
        assertTrue(shown.stream().noneMatch(title -> title.contains(FORGED_TITLE)), "the forged title is never shown: " + shown);
        assertEquals(List.of(), browser.scriptErrors());
    }

    /** The port-strike article is listed with its page's title, link and section, whatever was claimed. */
    private void assertListedAsItsPageSays(JsonNode list) {
        JsonNode item = item(list, PORT_STRIKE_ID);
        assertEquals(PORT_STRIKE_TITLE, item.path("title").asText(), item.toString());
        assertEquals(local.baseUrl() + PORT_STRIKE, item.path("url").asText(), item.toString());
        assertEquals(PORT_STRIKE_SECTION, item.path("section").asText(), item.toString());
        assertEquals(local.baseUrl() + "/demo/img/business.svg", item.path("image").asText(), item.toString());
        assertTrue(Instant.parse(item.path("publishedAt").asText()).isBefore(Instant.now().minus(Duration.ofHours(4))),
                "published when its page says (five hours ago), not when browsers claim: " + item);
    }

    /** A view, as a reader's browser would send it, from the reader's own address and user agent. */
    private void forgedView(int reader, String articleId, String url) {
        ObjectNode article = MAPPER.createObjectNode().put("id", articleId).put("url", url).put("title", FORGED_TITLE)
                .put("section", FORGED_SECTION).put("publishedAt", Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS).toString())
                .put("image", local.baseUrl() + "/demo/img/world.svg");
        ObjectNode body = MAPPER.createObjectNode().put("site", SITE).put("type", "view");
        body.set("article", article);
        String userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + (130 + reader)
                + ".0.0.0 Safari/537.36";
        LoopbackClient.Response response = LoopbackClient.post(local.baseUrl() + "/v1/events", LoopbackClient.readerAddress(reader),
                Map.of("content-type", "text/plain;charset=UTF-8", "origin", local.baseUrl(), "user-agent", userAgent), body.toString());
        assertEquals(202, response.status(), response.body());
    }

    /** The links of the Trending box on the demo front page, once the article at {@code path} is among them. */
    private List<WebElement> widgetLinksOnTheFrontPage(String path) {
        emptyTheBrowserCache();
        open(FRONT_PAGE);
        return browser.await(driver -> {
            List<WebElement> links = new ArrayList<>(driver.findElements(By.cssSelector(WIDGET_LINKS)));
            return links.stream().anyMatch(link -> (local.baseUrl() + path + "#rp").equals(link.getAttribute("href"))) ? links : null;
        });
    }

    /** The site's public list, as widgets ask for it, with up to 50 entries. */
    private JsonNode trending(String query) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(local.baseUrl() + "/v1/sites/" + SITE + "/trending?limit=50" + query)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return MAPPER.readTree(response.body());
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static JsonNode item(JsonNode list, String articleId) {
        for (JsonNode item : list.path("items")) {
            if (item.path("id").asText().equals(articleId)) {
                return item;
            }
        }
        throw new AssertionError(articleId + " is not listed: " + list);
    }
}
