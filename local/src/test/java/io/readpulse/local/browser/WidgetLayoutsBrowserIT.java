package io.readpulse.local.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The Trending box as publishers ship it, in headless Chromium: its three layouts with the API's
 * images, sections and ages; the article the reader is on left out; no layout shift while the list
 * and its images arrive; hostile data inert in every layout; light and dark pages and custom
 * properties; and what the box reports (impressions, clicks, experiment arms) to a real HTTP
 * receiver of our own ({@link EventReceiver}), since collect does not take those events yet.
 */
class WidgetLayoutsBrowserIT extends BrowserTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<String> LAYOUTS = List.of("list", "compact", "cards");
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    static final String STORY_TEXT = "<p>" + "The article's own text, long enough to fill a screen. ".repeat(40) + "</p>";

    private EventReceiver receiver;

    @BeforeEach
    void emptyTheBrowserCache() {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Network.clearBrowserCache", Map.of());
    }

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }

    /** Three articles described by their publisher with images, read through collect, ranked by the real job; the list comes from the real API. */
    @Test
    void eachLayoutShowsTheApisImageSectionAndAge() throws Exception {
        receiver = EventReceiver.forwardingTo(local.baseUrl());
        Map<String, Integer> hoursAgo = Map.of("layout-one", 2, "layout-two", 30, "layout-three", 75);
        for (Map.Entry<String, Integer> article : hoursAgo.entrySet()) {
            String id = article.getKey(), url = local.baseUrl() + "/demo/world/" + id + ".html";
            String published = Instant.now().minus(Duration.ofHours(article.getValue())).truncatedTo(ChronoUnit.SECONDS).toString();
            collectView(id, url, published);
            local.admin("article", "set", SITE, id, "--url", url, "--title", "The " + id.replace('-', ' ') + " story, told at some length so it wraps",
                    "--section", "Layout Desk", "--published", published, "--image", receiver.baseUrl() + "/img/" + id + ".svg");
        }
        drainStream();
        local.runSchedule();

        for (String layout : LAYOUTS) {
            emptyTheBrowserCache();
            openPublisherPage("<script src=\"" + local.baseUrl() + "/widget.js\" data-site=\"" + SITE + "\" data-api=\"" + receiver.baseUrl()
                    + "\" data-section=\"layout-desk\" data-window=\"7d\" data-count=\"3\" data-layout=\"" + layout
                    + "\" data-show=\"image section age\" data-lang=\"en\"></script>", "");
            List<WebElement> items = awaitItems(3);
            awaitImagesLoaded();
            screenshot("layout-" + layout);
            for (WebElement item : items) {
                String id = item.findElement(By.cssSelector("a")).getAttribute("href").replaceAll(".*/(.*)\\.html#rp$", "$1");
                WebElement image = item.findElement(By.cssSelector("img.readpulse-trending__img"));
                assertEquals(receiver.baseUrl() + "/img/" + id + ".svg", image.getDomAttribute("src"), layout);
                assertEquals("160", image.getDomAttribute("width"));
                assertEquals("90", image.getDomAttribute("height"));
                assertEquals("lazy", image.getDomAttribute("loading"));
                assertEquals("", image.getDomAttribute("alt"), "decorative: the title is the link's text");
                assertEquals("Layout Desk", item.findElement(By.cssSelector(".readpulse-trending__section")).getText());
                WebElement age = item.findElement(By.cssSelector("time.readpulse-trending__age"));
                int hours = hoursAgo.get(id);
                Object expected = browser.script("var f = new Intl.RelativeTimeFormat('en', {style: 'narrow'});"
                        + " return arguments[0] < 24 ? f.format(-arguments[0], 'hour') : f.format(-Math.floor(arguments[0] / 24), 'day');", hours);
                assertEquals(expected, age.getText(), layout + ": " + id);
                assertTrue(age.getAttribute("datetime").endsWith("Z"), age.getAttribute("datetime"));
                assertTrue(image.getRect().getHeight() > 20 && image.getRect().getWidth() > 20, layout + ": the image takes its box");
            }
            assertTrue(receiver.listRequests().contains("/v1/sites/" + SITE + "/trending?mode=top&window=7d&limit=4&section=layout-desk"),
                    receiver.listRequests().toString());
            assertEquals(List.of(), browser.scriptErrors());
        }

        // The labels' language: data-lang, else the page's lang.
        emptyTheBrowserCache();
        openPublisherPage("<script src=\"" + local.baseUrl() + "/widget.js\" data-site=\"" + SITE + "\" data-api=\"" + receiver.baseUrl()
                + "\" data-section=\"layout-desk\" data-window=\"7d\" data-count=\"3\" data-layout=\"compact\" data-title=\"Meistgelesen\"></script>",
                "");
        awaitItems(3);
        assertEquals("Meistgelesen", browser.driver().findElement(By.cssSelector("h2.readpulse-trending__title")).getText());
        String german = browser.driver().findElement(By.cssSelector("a[href$='layout-one.html#rp'] + .readpulse-trending__meta time")).getText();
        assertEquals(browser.script("return new Intl.RelativeTimeFormat('de', {style: 'narrow'}).format(-2, 'hour');"), german);
        assertEquals(0, browser.driver().findElements(By.cssSelector(".readpulse-trending img")).size(), "compact shows no image unless asked");
    }

    @Test
    void theArticleTheReaderIsOnIsLeftOut() throws Exception {
        String summit = local.baseUrl() + "/demo/world/summit-in-the-capital.html";
        collectView("summit-in-the-capital", summit, Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS).toString());
        collectView("port-strike-freight-rates", local.baseUrl() + "/demo/business/port-strike-freight-rates.html",
                Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS).toString());
        drainStream();
        local.runSchedule();

        open("/demo/");
        List<String> front = awaitHrefs();
        assertTrue(front.contains(summit), "the front page lists it: " + front);
        emptyTheBrowserCache();
        open("/demo/world/summit-in-the-capital.html");
        List<String> own = awaitHrefs();
        assertFalse(own.contains(summit), "its own page does not: " + own);
        assertTrue(own.contains(local.baseUrl() + "/demo/business/port-strike-freight-rates.html"), own.toString());

        // By id (data-article-id) or by canonical URL, and one more is asked for so the box stays full.
        stories(5);
        openPublisherPage(widget("data-count=\"3\""), "<link rel=\"canonical\" href=\"" + storyUrl(2) + "\">"
                + "<meta property=\"article:section\" content=\"World\"><meta property=\"article:published_time\" content=\"2026-11-30T08:00:00Z\">");
        assertEquals(List.of(storyUrl(0), storyUrl(1), storyUrl(3)), awaitHrefs());
        String tagged = "<div data-article-id=\"story-1\" data-section=\"World\" data-published=\"2026-11-30T08:00:00Z\"></div>";
        openPublisherPage(widget("data-count=\"3\""), tagged);
        assertEquals(List.of(storyUrl(0), storyUrl(2), storyUrl(3)), awaitHrefs());
        openPublisherPage(widget("data-count=\"3\" data-current=\"show\""), tagged);
        assertEquals(List.of(storyUrl(0), storyUrl(1), storyUrl(2)), awaitHrefs());
        assertEquals(List.of("limit=4", "limit=4", "limit=3"), receiver.listRequests().stream().map(path -> path.replaceAll(".*(limit=\\d+).*", "$1")).toList());
    }

    /**
     * Every layout, the list 600 ms late and its images 900 ms later: the box keeps its space from
     * the moment the script runs, so nothing below it moves. The control page moves a paragraph,
     * and the same observer sees it.
     */
    @Test
    void nothingShiftsWhileTheListAndItsImagesArrive() {
        stories(6).delayingLists(600).delayingImages(900);
        String observer = "<script>window.__shift = 0; new PerformanceObserver(function (list) { list.getEntries().forEach(function (e) {"
                + " if (!e.hadRecentInput) window.__shift += e.value; }); }).observe({type: 'layout-shift', buffered: true});</script>";
        for (String layout : LAYOUTS) {
            String page = "<!doctype html><html lang=\"en\"><head><title>Shift</title>" + observer + "</head><body style=\"margin:0;font:16px/1.5 sans-serif\">"
                    + "<h1>Article</h1>" + widget("data-count=\"5\" data-layout=\"" + layout + "\" data-show=\"image section age\"")
                    + "<p id=\"below\">Comments and the footer, right under the box.</p>" + STORY_TEXT + "</body></html>";
            try (PageServer publisher = PageServer.serving(page)) {
                browser.open(publisher.baseUrl() + "/article.html");
                double before = ((Number) browser.script("return document.getElementById('below').getBoundingClientRect().top;")).doubleValue();
                awaitItems(5);
                awaitImagesLoaded();
                sleep(300);
                double after = ((Number) browser.script("return document.getElementById('below').getBoundingClientRect().top;")).doubleValue();
                double shift = ((Number) browser.script("return window.__shift;")).doubleValue();
                assertTrue(after < 900, layout + ": the paragraph under the box is in view, where a shift would count");
                assertEquals(before, after, 0.5, layout + ": the paragraph under the box did not move");
                assertTrue(shift < 0.01, layout + ": layout shift " + shift);
            }
        }
        String control = "<!doctype html><head>" + observer + "</head><body><h1>Control</h1><div id=\"late\"></div><p>Moved</p>" + STORY_TEXT
                + "<script>setTimeout(function () { document.getElementById('late').style.height = '200px'; }, 300);</script></body>";
        try (PageServer publisher = PageServer.serving(control)) {
            browser.open(publisher.baseUrl() + "/control.html");
            assertTrue(browser.waitUntil(Duration.ofSeconds(3), driver -> ((Number) browser.script("return window.__shift;")).doubleValue() > 0.01),
                    "the observer sees a real shift");
        }
    }

    @Test
    void hostileTitlesAndUrlsStayInertInEveryLayout() {
        receiver = EventReceiver.answeringLists();
        ArrayNode items = MAPPER.createArrayNode();
        hostile(items, "javascript:window.__xss='href'", "Script URL", "https://127.0.0.1/img/a.svg");
        hostile(items, "JaVaScRiPt:window.__xss='mixed'", "Mixed-case script URL", null);
        hostile(items, "https://evil.example/phish", "Off the site", null);
        hostile(items, "https://127.0.0.1.evil.example/phish", "A look-alike host", null);
        hostile(items, storyUrl(1), "<img src=x onerror=\"window.__xss='img'\">Breaking", "javascript:window.__xss='src'");
        hostile(items, storyUrl(2), "<script>window.__xss='script'</script>Markets", "https://evil.example/track.gif");
        hostile(items, storyUrl(3), "\"><svg onload=window.__xss='svg'>", "data:image/svg+xml,<svg onload=window.__xss='data'/>");
        hostile(items, storyUrl(4), "A story with a hostile section", "//evil.example/relative.png");
        ((ObjectNode) items.get(7)).put("section", "<b onmouseover=window.__xss='section'>World</b>").put("publishedAt", "<script>");
        ObjectNode list = MAPPER.createObjectNode().put("site", SITE);
        list.putArray("domains").add("127.0.0.1");
        list.set("items", items);
        receiver.answer(list.toString());

        for (String layout : LAYOUTS) {
            openPublisherPage(widget("data-count=\"10\" data-layout=\"" + layout + "\" data-show=\"image section age\""), "");
            List<WebElement> shown = awaitItems(4);
            screenshot("hostile-" + layout);
            assertEquals(List.of("<img src=x onerror=\"window.__xss='img'\">Breaking", "<script>window.__xss='script'</script>Markets",
                    "\"><svg onload=window.__xss='svg'>", "A story with a hostile section"),
                    shown.stream().map(item -> item.findElement(By.tagName("a")).getAttribute("textContent")).toList(), layout);
            assertEquals(0, browser.driver().findElements(By.cssSelector(".readpulse-trending img")).size(),
                    layout + ": no image off the site, nor of another scheme");
            assertEquals(4, browser.driver().findElements(By.cssSelector(".readpulse-trending span.readpulse-trending__img")).size(),
                    layout + ": an empty frame keeps each row's shape");
            assertEquals("<b onmouseover=window.__xss='section'>World</b>",
                    shown.get(3).findElement(By.cssSelector(".readpulse-trending__section")).getAttribute("textContent"));
            assertEquals(0, shown.get(3).findElements(By.tagName("time")).size(), "no age from a date that is not one");
            for (WebElement link : browser.driver().findElements(By.cssSelector(".readpulse-trending a"))) {
                assertTrue(link.getAttribute("href").startsWith(receiver.baseUrl() + "/story/"), link.getAttribute("href"));
                assertEquals(0, link.findElements(By.xpath("./*")).size(), "a link holds only text");
            }
            assertNull(browser.script("return window.__xss === undefined ? null : window.__xss;"), layout + ": hostile data ran script");
            assertEquals(0, browser.driver().findElements(By.cssSelector(".readpulse-trending script, .readpulse-trending svg, .readpulse-trending b")).size());
            assertEquals(List.of(), browser.scriptErrors());
        }
    }

    /** A tall article with the box below the fold: nothing until it is half in view, then one impression, however often it comes back. */
    @Test
    void anImpressionIsSentOnlyOnceTheBoxIsSeen() throws Exception {
        stories(6);
        openPublisherPage("<div style=\"height:3000px\">" + STORY_TEXT + "</div>" + widget("data-count=\"4\" data-section=\"world\" data-mode=\"rising\" data-window=\"1h\""),
                "<div data-article-id=\"the-page\" data-section=\"World\" data-published=\"2026-11-30T08:00:00Z\"></div>");
        awaitItems(4);
        sleep(1500);
        assertEquals(List.of(), receiver.events("impression"), "below the fold: not seen");

        browser.script("document.querySelector('.readpulse-trending').scrollIntoView({block: 'center'});");
        assertTrue(browser.waitUntil(Duration.ofSeconds(5), driver -> receiver.events("impression").size() == 1), "seen once");
        browser.script("window.scrollTo(0, 0);");
        sleep(500);
        browser.script("document.querySelector('.readpulse-trending').scrollIntoView({block: 'center'});");
        sleep(1500);
        assertEquals(1, receiver.events("impression").size(), "once per page view");

        JsonNode impression = MAPPER.readTree(receiver.events("impression").get(0));
        assertEquals(Set.of("site", "type", "list", "items", "article", "id", "ts"), fields(impression));
        assertEquals(SITE, impression.get("site").asText());
        assertEquals(MAPPER.readTree("{\"mode\":\"rising\",\"window\":\"1h\",\"section\":\"world\"}"), impression.get("list"));
        assertEquals(4, impression.get("items").asInt());
        assertEquals(MAPPER.readTree("{\"id\":\"the-page\"}"), impression.get("article"));
        assertTrue(impression.get("id").asText().matches("[A-Za-z0-9_-]{22}"), impression.toString());
        assertTrue(Math.abs(impression.get("ts").asLong() - System.currentTimeMillis()) < 60_000, impression.toString());
    }

    /**
     * The third link, clicked: its position and article reach the receiver although the browser leaves at once; the link is the
     * article's own URL with the box's marker, which t.js on the article page reads and takes off the address.
     */
    @Test
    void aClickSendsItsPositionBeforeTheBrowserLeaves() throws Exception {
        stories(6);
        openPublisherPage(widget("data-count=\"5\" data-layout=\"cards\""), "");
        List<WebElement> items = awaitItems(5);
        WebElement third = items.get(2).findElement(By.tagName("a"));
        assertEquals(storyUrl(2) + "#rp", third.getAttribute("href"), "only the box's marker is appended to the link");
        third.click();
        browser.await(driver -> driver.getTitle().equals("Story 2"));
        assertTrue(browser.waitUntil(Duration.ofSeconds(5), driver -> receiver.events("click").size() == 1), receiver.requests.toString());

        JsonNode click = MAPPER.readTree(receiver.events("click").get(0));
        assertEquals(Set.of("site", "type", "list", "position", "target", "id", "ts"), fields(click), "no article: the page is not one");
        assertEquals(3, click.get("position").asInt());
        assertEquals(MAPPER.readTree("{\"id\":\"story-2\"}"), click.get("target"));
        assertEquals(MAPPER.readTree("{\"mode\":\"top\",\"window\":\"24h\"}"), click.get("list"));
        assertTrue(receiver.requests.indexOf("POST /v1/events") >= 0);
    }

    /** Two arms, drawn per page view: over many views both are shown, and each view's impression and click carry the arm it showed. */
    @Test
    void anExperimentDrawsAnArmPerPageViewAndEveryEventCarriesIt() throws Exception {
        stories(6);
        Set<String> arms = new HashSet<>();
        for (int view = 0; view < 16; view++) {
            int before = receiver.events("impression").size();
            openPublisherPage(widget("data-count=\"3\" data-experiment=\"top-24h, rising-1h\""), "");
            awaitItems(3);
            assertTrue(browser.waitUntil(Duration.ofSeconds(5), driver -> receiver.events("impression").size() == before + 1));
            JsonNode impression = MAPPER.readTree(receiver.events("impression").get(before));
            String arm = impression.get("arm").asText();
            String asked = receiver.listRequests().get(receiver.listRequests().size() - 1);
            assertEquals(arm, impression.get("list").get("mode").asText() + "-" + impression.get("list").get("window").asText());
            assertTrue(asked.contains("mode=" + impression.get("list").get("mode").asText() + "&window=" + impression.get("list").get("window").asText()),
                    "the list shown is the arm's: " + asked + " for " + arm);
            arms.add(arm);
            if (view == 0) {
                browser.driver().findElements(By.cssSelector(".readpulse-trending a")).get(0).click();
                assertTrue(browser.waitUntil(Duration.ofSeconds(5), driver -> receiver.events("click").size() == 1));
                assertEquals(arm, MAPPER.readTree(receiver.events("click").get(0)).get("arm").asText(), "the click carries the arm shown");
            }
        }
        assertEquals(Set.of("top-24h", "rising-1h"), arms, "16 views, both arms (each misses with probability 2^-16)");

        int before = receiver.events("impression").size();
        openPublisherPage(widget("data-count=\"3\" data-mode=\"fresh\" data-experiment=\"top-24h,sideways-2h\""), "");
        awaitItems(3);
        assertTrue(browser.waitUntil(Duration.ofSeconds(5), driver -> receiver.events("impression").size() == before + 1));
        JsonNode fallback = MAPPER.readTree(receiver.events("impression").get(before));
        assertFalse(fallback.has("arm"), "a bad arm list is no experiment");
        assertEquals("fresh", fallback.get("list").get("mode").asText());
    }

    @Test
    void nothingIsReportedUnderGlobalPrivacyControl() {
        stories(6);
        Object script = ((ChromeDriver) browser.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", "Object.defineProperty(navigator, 'globalPrivacyControl', {get: function () { return true; }});")).get("identifier");
        try {
            openPublisherPage(widget("data-count=\"3\""), "");
            awaitItems(3).get(0).findElement(By.tagName("a")).click();
            browser.await(driver -> driver.getTitle().equals("Story 0"));
            sleep(1000);
            assertEquals(List.of(), receiver.events, "the box renders, and reports nothing");
        } finally {
            ((ChromeDriver) browser.driver()).executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script));
        }
    }

    /** A page that turns dark under prefers-color-scheme: the box takes its text colour; custom properties restyle it. */
    @Test
    void readableOnADarkPageAndRestyledByCustomProperties() {
        stories(6);
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        String dark = "<style>body{background:#fff;color:#111} @media (prefers-color-scheme: dark) {body{background:#121212;color:#e8e8e8}}</style>";
        for (String layout : LAYOUTS) {
            openPublisherPage(widget("data-count=\"4\" data-layout=\"" + layout + "\""), dark);
            awaitItems(4);
            awaitImagesLoaded();
            screenshot("dark-" + layout);
            String link = css(".readpulse-trending__link", "color"), meta = css(".readpulse-trending__meta", "color");
            assertEquals("rgb(232, 232, 232)", link, "titles take the page's text colour");
            assertTrue(contrast(link, "rgb(18, 18, 18)") >= 7, link);
            double metaOpacity = Double.parseDouble(css(".readpulse-trending__meta", "opacity"));
            assertTrue(contrast(blend(meta, metaOpacity), "rgb(18, 18, 18)") >= 4.5, "section and age readable: " + meta + " at " + metaOpacity);
        }

        String themed = "<style>.readpulse-trending{--readpulse-link:#ff8800;--readpulse-font:italic 20px serif;--readpulse-radius:0px;"
                + "--readpulse-gap:30px;--readpulse-focus:#00ff00}</style>";
        openPublisherPage(widget("data-count=\"4\""), dark + themed);
        awaitItems(4);
        screenshot("themed-list");
        assertEquals("rgb(255, 136, 0)", css(".readpulse-trending__link", "color"));
        assertEquals("20px", css(".readpulse-trending__link", "font-size"));
        assertEquals("italic", css(".readpulse-trending__link", "font-style"));
        assertEquals("0px", css(".readpulse-trending__img", "border-top-left-radius"));
        assertEquals("30px", css(".readpulse-trending__list", "row-gap"));
        browser.script("document.querySelector('.readpulse-trending__link').focus();");
        assertEquals(List.of(true, "solid", "rgb(0, 255, 0)"), browser.script("var a = document.activeElement, s = getComputedStyle(a);"
                + " return [a.matches('.readpulse-trending__link:focus-visible'), s.outlineStyle, s.outlineColor];"), "a visible focus, themed");
    }

    // --- helpers

    private String widget(String attributes) {
        return "<script src=\"" + local.baseUrl() + "/widget.js\" data-site=\"" + SITE + "\" data-api=\"" + receiver.baseUrl() + "\" " + attributes + "></script>";
    }

    /** Opens a publisher's page on an origin of its own: {@code head} in its head, {@code body} then a paragraph in its body. */
    private String openPublisherPage(String body, String head) {
        String page = "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>Publisher</title>" + head
                + "</head><body style=\"font:16px/1.5 sans-serif\"><h1>Article</h1>" + body + "<p>Footer</p></body></html>";
        PageServer publisher = PageServer.serving(page);
        try {
            browser.open(publisher.baseUrl() + "/article.html");
            browser.await(driver -> !receiver.listRequests().isEmpty());
        } finally {
            publisher.close();
        }
        return page;
    }

    private List<WebElement> awaitItems(int count) {
        return browser.await(driver -> {
            List<WebElement> found = driver.findElements(By.cssSelector(".readpulse-trending:not([aria-busy]) li.readpulse-trending__item"));
            return found.size() == count ? found : null;
        });
    }

    private List<String> awaitHrefs() {
        return browser.await(driver -> {
            List<WebElement> links = driver.findElements(By.cssSelector(".readpulse-trending a.readpulse-trending__link"));
            return links.isEmpty() ? null : links.stream().map(link -> withoutMarker(link.getAttribute("href"))).toList();
        });
    }

    /** A box's link is the article's URL and the marker {@code #rp}, which says to t.js that the page view came from the box. */
    static String withoutMarker(String href) {
        assertTrue(href.endsWith("#rp"), href);
        return href.substring(0, href.length() - 3);
    }

    private void awaitImagesLoaded() {
        browser.await(driver -> browser.script("return Array.from(document.querySelectorAll('.readpulse-trending img'))"
                + ".every(function (i) { return i.complete && i.naturalWidth > 0; });"));
    }

    private String css(String selector, String property) {
        return (String) browser.script("return getComputedStyle(document.querySelector(arguments[0]))[arguments[1]];", selector, property);
    }

    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void collectView(String id, String url, String published) throws Exception {
        ObjectNode article = MAPPER.createObjectNode().put("id", id).put("url", url).put("title", id).put("section", "Layout Desk")
                .put("publishedAt", published);
        ObjectNode body = MAPPER.createObjectNode().put("site", SITE).put("type", "view");
        body.set("article", article);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(local.baseUrl() + "/v1/events"))
                .header("content-type", "application/json").header("user-agent", "Mozilla/5.0 (X11; Linux x86_64) layout-reader-" + id)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
    }

    /** A receiver whose lists are {@code count} stories of its own. */
    private EventReceiver stories(int count) {
        receiver = EventReceiver.answeringLists();
        return receiver.answer(listJson(0, count));
    }

    private String storyUrl(int n) {
        return receiver.baseUrl() + "/story/" + n;
    }

    /** Items {@code from} to {@code to - 1}: story-N at /story/N with an image, a section and an age of N + 1 hours. */
    private String listJson(int from, int to) {
        ObjectNode list = MAPPER.createObjectNode().put("site", SITE).put("generatedAt", "2026-11-30T08:00:00Z");
        list.putArray("domains").add("127.0.0.1");
        ArrayNode items = list.putArray("items");
        for (int n = from; n < to; n++) {
            items.addObject().put("rank", n + 1).put("id", "story-" + n).put("url", storyUrl(n))
                    .put("title", "Story number " + n + " has a headline long enough to wrap onto a second line in a narrow box")
                    .put("section", n % 2 == 0 ? "World" : "Business & Economy").put("image", receiver.baseUrl() + "/img/" + n + ".svg")
                    .put("publishedAt", Instant.now().minus(Duration.ofHours(n + 1)).truncatedTo(ChronoUnit.SECONDS).toString());
        }
        return list.toString();
    }

    private static void hostile(ArrayNode items, String url, String title, String image) {
        ObjectNode item = items.addObject().put("rank", items.size() + 1).put("id", "h" + items.size()).put("url", url).put("title", title)
                .put("section", "World").put("publishedAt", "2026-11-30T08:00:00Z");
        if (image != null) {
            item.put("image", image);
        }
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static double contrast(String a, String b) {
        double la = luminance(a), lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** A colour drawn at {@code opacity} over the dark page's background. */
    private static String blend(String rgb, double opacity) {
        int[] c = channels(rgb);
        int[] bg = {18, 18, 18};
        return "rgb(" + Math.round(c[0] * opacity + bg[0] * (1 - opacity)) + ", " + Math.round(c[1] * opacity + bg[1] * (1 - opacity)) + ", "
                + Math.round(c[2] * opacity + bg[2] * (1 - opacity)) + ")";
    }

    private static double luminance(String rgb) {
        int[] c = channels(rgb);
        double[] linear = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = c[i] / 255.0;
            linear[i] = s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
    }

    private static int[] channels(String rgb) {
        String[] parts = rgb.replaceAll("[^\\d,.]", "").split(",");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }
}
