package io.readpulse.local.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code widget.js} in headless Chromium: on the demo pages against the real API, and on a
 * publisher's page of its own against a hostile or failing API. Titles are only ever text, only
 * http(s) links onto the site's own domains are rendered, and a failing API leaves no trace.
 */
class TrendingWidgetBrowserIT extends BrowserTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private FakeApi fakeApi;

    /** Lists are cacheable for 30 seconds: a page opened before a run would otherwise be served the older list. */
    @BeforeEach
    void emptyTheBrowserCache() {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Network.clearBrowserCache", Map.of());
    }

    @AfterEach
    void stopFakeApi() {
        if (fakeApi != null) {
            fakeApi.close();
        }
    }

    /** Read on its own page, listed in the box of the front page (its own page's box leaves it out: {@code WidgetLayoutsBrowserIT}). */
    @Test
    void theDemoPagesTrendingBoxListsWhatWasRead() {
        open("/demo/world/summit-in-the-capital.html");
        awaitArticle("summit-in-the-capital", "a view", counters -> counters.views() >= 1);
        local.runSchedule();
        emptyTheBrowserCache();

        open("/demo/");
        List<WebElement> links = browser.await(driver -> {
            List<WebElement> found = driver.findElements(By.cssSelector("aside.trending [data-readpulse-trending] ol.readpulse-trending__list li.readpulse-trending__item a.readpulse-trending__link"));
            return found.isEmpty() ? null : found;
        });
        WebElement first = links.get(0);
        assertEquals(local.baseUrl() + "/demo/world/summit-in-the-capital.html#rp", first.getAttribute("href"));
        assertEquals("Two presidents meet in the capital as the war in the south divides their allies", first.getText(),
                "listed as its own page describes it (the job read the demo page)");
        assertEquals(List.of(), browser.scriptErrors());
    }

    /**
     * Changed with trusted titles: lists show an article only as its page or its publisher describes
     * it, never as browsers claim, so the hostile titles are now the publisher's own ({@code article
     * set}: a careless or compromised CMS). The articles are still read through collect, which is
     * what gets them a place, and still refuses a {@code javascript:} URL.
     */
    @Test
    void hostileTitlesFromThePublisherShowAsTextAndRunNothing() throws Exception {
        for (int i = 0; i < HOSTILE_TITLES.size(); i++) {
            String url = local.baseUrl() + "/demo/world/hostile-" + i + ".html";
            ObjectNode article = MAPPER.createObjectNode().put("id", "hostile-" + i).put("url", url)
                    .put("title", HOSTILE_TITLES.get(i)).put("section", "<b>World</b>").put("publishedAt", recently());
            collect(MAPPER.createObjectNode().put("site", SITE).put("type", "view").set("article", article), 202);
            local.admin("article", "set", SITE, "hostile-" + i, "--url", url, "--title", HOSTILE_TITLES.get(i),
                    "--section", "<b>World</b>", "--published", recently());
        }
        ObjectNode javascriptUrl = MAPPER.createObjectNode().put("id", "hostile-js").put("url", "javascript:window.__xss='url'")
                .put("title", "A javascript: URL").put("section", "World").put("publishedAt", recently());
        collect(MAPPER.createObjectNode().put("site", SITE).put("type", "view").set("article", javascriptUrl), 400);
        drainStream();
        local.runSchedule();

        String page = "<!doctype html><title>One tag</title><h1>Article</h1>"
                + "<script src=\"" + local.baseUrl() + "/widget.js\" data-site=\"" + SITE + "\" data-mode=\"top\" data-window=\"7d\" data-count=\"50\"></script>";
        try (PageServer publisher = PageServer.serving(page)) {
            browser.open(publisher.baseUrl() + "/article.html");
            browser.await(driver -> driver.findElements(By.cssSelector("section.readpulse-trending ol li a")).size() >= HOSTILE_TITLES.size());
        }
        List<String> shown = browser.driver().findElements(By.cssSelector("section.readpulse-trending a.readpulse-trending__link")).stream()
                .map(link -> link.getAttribute("textContent")).toList();
        for (String title : HOSTILE_TITLES) {
            assertTrue(shown.contains(title), "shown as the text it is: " + title + " in " + shown);
        }
        WebElement heading = browser.driver().findElement(By.cssSelector("section.readpulse-trending > h2.readpulse-trending__title"));
        assertEquals("Trending", heading.getText());
        assertEquals(heading.getAttribute("id"), browser.driver().findElement(By.cssSelector("section.readpulse-trending")).getAttribute("aria-labelledby"));
        assertNoInjection(List.of(local.baseUrl()));
    }

    @Test
    void rendersOnlyHttpLinksOntoTheSitesDomainsWhateverTheApiSays() {
        ArrayNode items = MAPPER.createArrayNode();
        item(items, "javascript:window.__xss='href'", "Script URL");
        item(items, "JaVaScRiPt:window.__xss='mixed-case'", "Mixed-case script URL");
        item(items, "data:text/html,<script>window.__xss='data'</script>", "Data URL");
        item(items, "https://evil.example/phish", "Off the site");
        item(items, "https://news.example.evil.example/phish", "A look-alike host");
        item(items, "//evil.example/protocol-relative", "Protocol-relative");
        item(items, "https://news.example/world/real-story", "A real story");
        item(items, "http://cdn.news.example/world/other-story", "On a subdomain");
        fakeApi = FakeApi.answering(200, listJson(items, "news.example"));

        openPublisherPage("data-site=\"" + SITE + "\" data-section=\"world\" data-mode=\"rising\" data-window=\"1h\" data-count=\"8\"");
        browser.await(driver -> driver.findElements(By.cssSelector("section.readpulse-trending li")).size() == 2);

        List<String> hrefs = browser.driver().findElements(By.cssSelector("section.readpulse-trending a")).stream()
                .map(link -> link.getAttribute("href")).toList();
        assertEquals(List.of("https://news.example/world/real-story#rp", "http://cdn.news.example/world/other-story#rp"), hrefs);
        assertEquals(List.of("/v1/sites/" + SITE + "/trending?mode=rising&window=1h&limit=9&section=world"),
                fakeApi.requests.stream().filter(path -> path.contains("/trending")).toList(),
                "one more than shown, in case one is the page's own article");
        assertNoInjection(List.of("https://news.example/", "http://cdn.news.example/"));
    }

    @Test
    void rendersIntoEveryMarkedBoxWithoutAHeadingOfItsOwn() {
        ArrayNode items = MAPPER.createArrayNode();
        item(items, "https://news.example/a", "First");
        item(items, "https://news.example/b", "Second");
        fakeApi = FakeApi.answering(200, listJson(items, "news.example"));
        String boxes = "<aside><h2 id=\"t\">Most read</h2><div data-readpulse-trending data-site=\"" + SITE + "\" data-count=\"2\"></div></aside>"
                + "<div data-readpulse-trending data-site=\"" + SITE + "\" data-mode=\"fresh\" data-title=\"New and read\"></div>";
        try (PageServer publisher = PageServer.serving("<!doctype html><title>Boxes</title>" + boxes
                + "<script src=\"" + local.baseUrl() + "/widget.js\" data-api=\"" + fakeApi.baseUrl() + "\"></script>")) {
            browser.open(publisher.baseUrl() + "/front.html");
            browser.await(driver -> driver.findElements(By.cssSelector("[data-readpulse-trending] li")).size() == 4);
        }
        List<WebElement> filled = browser.driver().findElements(By.cssSelector("[data-readpulse-trending] > div.readpulse-trending"));
        assertEquals(2, filled.size());
        assertEquals("Trending", browser.driver().findElement(By.cssSelector("[data-readpulse-trending] ol")).getAttribute("aria-label"),
                "the list is labelled even without a heading of its own: by data-title, else Trending");
        assertEquals(0, filled.get(0).findElements(By.tagName("h2")).size(), "the page's own heading names the first box");
        assertEquals("New and read", filled.get(1).findElement(By.cssSelector("h2.readpulse-trending__title")).getText());
        assertEquals(0, browser.driver().findElements(By.cssSelector("section.readpulse-trending")).size(), "no one-tag widget: the tag has no data-site");
        assertTrue(fakeApi.requests.contains("/v1/sites/" + SITE + "/trending?mode=fresh&window=24h&limit=6"), fakeApi.requests.toString());
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void asksForAnAuthorsOrATagsListAsForASections() {
        ArrayNode items = MAPPER.createArrayNode();
        item(items, "https://news.example/a", "First");
        fakeApi = FakeApi.answering(200, listJson(items, "news.example"));
        String boxes = "<div data-readpulse-trending data-site=\"" + SITE + "\" data-author=\"jane-o-neil\" data-count=\"2\"></div>"
                + "<div data-readpulse-trending data-site=\"" + SITE + "\" data-tag=\"climate\" data-count=\"2\"></div>"
                + "<div data-readpulse-trending data-site=\"" + SITE + "\" data-section=\"world\" data-tag=\"climate\" data-count=\"2\"></div>";
        try (PageServer publisher = PageServer.serving("<!doctype html><title>Boxes</title>" + boxes
                + "<script src=\"" + local.baseUrl() + "/widget.js\" data-api=\"" + fakeApi.baseUrl() + "\"></script>")) {
            browser.open(publisher.baseUrl() + "/front.html");
            browser.await(driver -> driver.findElements(By.cssSelector("[data-readpulse-trending] li")).size() == 3);
        }
        String trending = "/v1/sites/" + SITE + "/trending?mode=top&window=24h&limit=3";
        assertEquals(List.of(trending + "&author=jane-o-neil", trending + "&section=world", trending + "&tag=climate"),
                fakeApi.requests.stream().filter(path -> path.contains("/trending")).sorted().toList(), "a section wins over a tag");
        assertEquals(List.of(), browser.scriptErrors());
    }

    /**
     * The box keeps its space, hidden, from the moment the script runs until the list arrives (so the
     * list shifts nothing); when the API fails, that space is given back and nothing of it is left.
     */
    @Test
    void degradesToNothingWhenTheApiFails() {
        fakeApi = FakeApi.answering(503, "{\"error\":{\"code\":\"store_unavailable\"}}");
        openPublisherPage("data-site=\"" + SITE + "\"");
        assertTrue(leavesNothing(), "a 503 renders nothing");
        assertEquals(1, fakeApi.requests.size());

        fakeApi.close();
        openPublisherPage("data-site=\"" + SITE + "\"");
        assertTrue(leavesNothing(), "an API that is down renders nothing");

        fakeApi = FakeApi.answering(200, "this is not JSON");
        openPublisherPage("data-site=\"" + SITE + "\"");
        assertTrue(leavesNothing(), "nonsense renders nothing");
        assertEquals(List.of(), browser.scriptErrors(), "and nothing is thrown into the page");
        assertEquals("Article", browser.driver().findElement(By.tagName("h1")).getText(), "the page itself is intact");
    }

    /** Within 2 seconds no element of the widget is left, and the footer sits right under the heading again. */
    private boolean leavesNothing() {
        return browser.waitUntil(Duration.ofSeconds(2), driver -> driver.findElements(By.cssSelector(".readpulse-trending")).isEmpty()
                && driver.findElement(By.tagName("h1")).getRect().getY() + driver.findElement(By.tagName("h1")).getRect().getHeight() + 60
                        > driver.findElement(By.xpath("//p[text()='Footer']")).getRect().getY());
    }

    private void openPublisherPage(String widgetAttributes) {
        String page = "<!doctype html><title>Publisher</title><h1>Article</h1><script src=\"" + local.baseUrl() + "/widget.js\" "
                + widgetAttributes + " data-api=\"" + fakeApi.baseUrl() + "\"></script><p>Footer</p>";
        try (PageServer publisher = PageServer.serving(page)) {
            browser.open(publisher.baseUrl() + "/article.html");
            browser.await(driver -> !fakeApi.requests.isEmpty() || fakeApi.closed);
        }
    }

    /** Two hours ago: well within the age limit of the top lists. */
    private static String recently() {
        return Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private void collect(ObjectNode body, int expectedStatus) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(local.baseUrl() + "/v1/events"))
                .header("content-type", "application/json").header("user-agent", "Mozilla/5.0 (X11; Linux x86_64) widget-reader-" + body.hashCode())
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, response.statusCode(), response.body());
    }

    /** Nothing ran, no element was injected, and every link starts with one of the allowed prefixes. */
    private void assertNoInjection(List<String> allowedPrefixes) {
        assertNull(browser.script("return window.__xss === undefined ? null : window.__xss;"), "hostile data ran script");
        assertEquals(0, browser.driver().findElements(By.cssSelector(".readpulse-trending img, .readpulse-trending svg, .readpulse-trending script")).size());
        for (WebElement link : browser.driver().findElements(By.cssSelector(".readpulse-trending a"))) {
            String href = link.getAttribute("href");
            assertTrue(allowedPrefixes.stream().anyMatch(href::startsWith), "a link leads off the site: " + href);
            assertEquals(0, link.findElements(By.xpath("./*")).size(), "a link holds only text");
        }
        assertEquals(List.of(), browser.scriptErrors());
    }

    private static void item(ArrayNode items, String url, String title) {
        items.addObject().put("rank", items.size() + 1).put("id", "a" + items.size()).put("url", url).put("title", title);
    }

    private static String listJson(ArrayNode items, String... domains) {
        ObjectNode list = MAPPER.createObjectNode().put("site", SITE).put("generatedAt", "2026-11-29T08:00:00Z");
        ArrayNode domainList = list.putArray("domains");
        for (String domain : domains) {
            domainList.add(domain);
        }
        list.set("items", items);
        return list.toString();
    }

    /** An API of our own on another port: answers every request with one status and body, with CORS, and records the paths asked for. */
    private static final class FakeApi implements AutoCloseable {
        final List<String> requests = new CopyOnWriteArrayList<>();
        private final HttpServer server;
        volatile boolean closed;

        private FakeApi(HttpServer server) {
            this.server = server;
        }

        static FakeApi answering(int status, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
                FakeApi api = new FakeApi(server);
                server.createContext("/", exchange -> {
                    api.requests.add(exchange.getRequestURI().toString());
                    try (exchange; OutputStream output = exchange.getResponseBody()) {
                        exchange.getResponseHeaders().add("content-type", "application/json");
                        exchange.getResponseHeaders().add("access-control-allow-origin", "*");
                        exchange.sendResponseHeaders(status, bytes.length);
                        output.write(bytes);
                    }
                });
                server.start();
                return api;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                server.stop(0);
            }
        }
    }
}
