package io.readpulse.local.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.model.EventType;
import io.readpulse.model.TrackedEvent;
import io.readpulse.store.dynamodb.DynamoRawEventStore;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * From real pages to exact reports: the pages of {@link NewsroomDimensionsBrowserIT} (authors and
 * tags as metas, JSON-LD and {@code data-} attributes; utm landing URLs; a desktop, a phone and a
 * tablet; known scroll depths) are read in headless Chromium, the stream is drained, and then every
 * new report holds exactly the views, reads, shares and read-through the pages made, and the engaged
 * seconds their pings carried (the raw event log says how many), in JSON and in CSV; the dashboard's
 * author, tag and campaign panels and its article view show them. A runner of its own, so no other
 * test's traffic is counted.
 *
 * <pre>
 * meta-story    desktop  authors Ana Lima, Bo Chen     tags Elections, Europe  newsletter/email/monday  read to 80% (75), one share
 * linked-story  phone    authors Ana Lima, Dev Patel   tags Climate, Europe    social/launch            read to the end (100)
 * data-story    tablet   authors Eve Okafor            tags Health             no campaign               fits the screen (100)
 * </pre>
 */
class NewsroomReportsBrowserIT extends BrowserTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    String page(String head, String articleAttributes, int articleHeight, String scriptAttributes) {
        String published = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS).toString();
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>A story</title>"
                + "<meta property=\"og:title\" content=\"A story\"><meta property=\"article:section\" content=\"World\">"
                + "<meta property=\"article:published_time\" content=\"" + published + "\">" + head
                + "<script src=\"" + local.baseUrl() + "/t.js\" data-site=\"" + SITE + "\" data-api=\"" + local.baseUrl() + "\" "
                + scriptAttributes + " async></script>"
                + "</head><body style=\"margin:0\"><header style=\"height:300px\">The Courier "
                + "<button data-share=\"x\" id=\"share\">Share</button></header>"
                + "<article " + articleAttributes + " style=\"height:" + articleHeight + "px\"><h1>A story</h1><p>Text.</p></article>"
                + "<footer style=\"height:2000px\">More stories</footer></body></html>";
    }

    void userAgent(String userAgent) {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent", userAgent));
    }

    @Test
    void everyNewReportHoldsExactlyWhatThePagesDid() throws Exception {
        readThePages();
        drainStream();
        List<TrackedEvent> raw = rawEvents();
        String key = lastLine(local.admin("key", "create", SITE, "--label", "newsroom reports"));

        // Engaged seconds are what the pings carried: the raw log says how many, per article and device.
        long metaSeconds = seconds(raw, e -> e.articleId().equals("meta-story"));
        long linkedSeconds = seconds(raw, e -> e.articleId().equals("linked-story"));
        long dataSeconds = seconds(raw, e -> e.articleId().equals("data-story"));

        JsonNode authors = json(key, "authors", "");
        assertEquals(4, authors.get("count").asInt());
        assertRow(row(authors, "authors", "author", "Ana Lima"), 2, 2, 2, 2, linkedSeconds + metaSeconds, 1, 2, 2, 2, 1);
        assertRow(row(authors, "authors", "author", "Bo Chen"), 1, 1, 1, 1, metaSeconds, 1, 1, 1, 1, 0);
        assertRow(row(authors, "authors", "author", "Dev Patel"), 1, 1, 1, 1, linkedSeconds, 0, 1, 1, 1, 1);
        assertRow(row(authors, "authors", "author", "Eve Okafor"), 1, 1, 1, 1, dataSeconds, 0, 1, 1, 1, 1);
        assertEquals(2, row(authors, "authors", "author", "Ana Lima").get("visitors").asLong(),
                "one reader, but a visitor key per user agent: two visitors of Ana Lima's two articles");
        assertEquals(2, row(authors, "authors", "author", "Ana Lima").get("articlesNamedByClaims").asInt(),
                "no page was read for a description: the names are the views' claims");
        assertEquals(1.0, row(authors, "authors", "author", "Dev Patel").get("readThrough").asDouble());

        JsonNode tags = json(key, "tags", "");
        assertEquals(4, tags.get("count").asInt());
        assertRow(row(tags, "tags", "tag", "Europe"), 2, 2, 2, 2, linkedSeconds + metaSeconds, 1, 2, 2, 2, 1);
        assertRow(row(tags, "tags", "tag", "Health"), 1, 1, 1, 1, dataSeconds, 0, 1, 1, 1, 1);

        JsonNode campaigns = json(key, "campaigns", "");
        assertEquals(2, campaigns.get("count").asInt(), "a view without utm parameters is in no campaign");
        JsonNode monday = campaigns.get("campaigns").get(0);
        assertEquals("newsletter", monday.get("source").asText());
        assertEquals("email", monday.get("medium").asText());
        assertEquals("monday", monday.get("campaign").asText());
        assertRow(monday, 1, 1, -1, -1, metaSeconds, 1, 1, 1, 1, 0);
        JsonNode launch = campaigns.get("campaigns").get(1);
        assertEquals("social", launch.get("source").asText());
        assertTrue(launch.get("medium").isNull());
        assertRow(launch, 1, 1, -1, -1, linkedSeconds, 0, 1, 1, 1, 1);

        JsonNode devices = json(key, "devices", "");
        Map<String, Long> deviceSeconds = new HashMap<>();
        raw.stream().filter(e -> e.type() == EventType.ENGAGE).forEach(e -> deviceSeconds.merge(e.device().wireName(), (long) e.engagedSeconds(), Long::sum));
        assertRow(row(devices, "devices", "device", "desktop"), 1, 1, -1, -1, deviceSeconds.getOrDefault("desktop", 0L), 1, 1, 1, 1, 0);
        assertRow(row(devices, "devices", "device", "mobile"), 1, 1, -1, -1, deviceSeconds.getOrDefault("mobile", 0L), 0, 1, 1, 1, 1);
        assertRow(row(devices, "devices", "device", "tablet"), 1, 1, -1, -1, deviceSeconds.getOrDefault("tablet", 0L), 0, 1, 1, 1, 1);

        JsonNode countries = json(key, "countries", "");
        assertEquals(1, countries.get("count").asInt(), "no CDN in front: every reader's country is unknown");
        assertRow(row(countries, "countries", "country", "unknown"), 3, 3, -1, -1, metaSeconds + linkedSeconds + dataSeconds, 1, 3, 3, 3, 2);

        JsonNode top = json(key, "top", "&author=" + URLEncoder.encode("Ana Lima", StandardCharsets.UTF_8));
        assertEquals(List.of("linked-story", "meta-story"), ids(top), "top narrowed to Ana Lima's articles");
        JsonNode europe = json(key, "site", "&tag=Europe");
        assertEquals(2, europe.get("totals").get("views").asLong());
        assertEquals(1, europe.get("totals").get("shares").asLong());

        JsonNode article = json(key, "articles/meta-story", "");
        assertEquals(List.of("Ana Lima", "Bo Chen"), texts(article.get("article").get("authors")));
        assertEquals(List.of("Elections", "Europe"), texts(article.get("article").get("tags")));
        assertEquals(1.0, article.get("totals").get("readThrough").asDouble(), "one view, read to 75%");
        assertEquals(1, article.get("breakdowns").get("campaigns").get("values").get(0).get("views").asLong());
        assertEquals("desktop", article.get("breakdowns").get("devices").get("values").get(0).get("device").asText());
        assertEquals("unknown", article.get("breakdowns").get("countries").get("values").get(0).get("country").asText());
        assertEquals((double) metaSeconds, article.get("totals").get("engagedSecondsPerRead").asDouble(), "one reader");

        String authorsCsv = csv(key, "authors");
        assertTrue(authorsCsv.startsWith("author,articles,articles_named_by_claims,views,reads,visitors,engaged_seconds,shares,"
                + "engaged_seconds_per_read,read_through,reached_25,reached_50,reached_75,reached_100\r\n"), authorsCsv);
        assertTrue(authorsCsv.contains("\r\nAna Lima,2,2,2,2,2," + (linkedSeconds + metaSeconds) + ",1,"), authorsCsv);
        String campaignsCsv = csv(key, "campaigns");
        assertTrue(campaignsCsv.contains("\r\nnewsletter,email,monday,1,1," + metaSeconds + ",1,"), campaignsCsv);
        assertTrue(campaignsCsv.contains("\r\nsocial,,launch,1,1," + linkedSeconds + ",0,"), campaignsCsv);
        assertTrue(csv(key, "devices").contains("\r\ntablet,1,1," + deviceSeconds.getOrDefault("tablet", 0L) + ",0,"));
        assertTrue(csv(key, "countries").contains("\r\nunknown,3,3,"));
        assertTrue(csv(key, "tags").contains("\r\nEurope,2,2,2,2,2,"));

        theDashboardShowsThem(key);
    }

    void theDashboardShowsThem(String key) {
        open("/dashboard/index.html");
        browser.driver().findElement(By.id("site")).clear();
        browser.driver().findElement(By.id("site")).sendKeys(SITE);
        browser.driver().findElement(By.id("api-key")).sendKeys(key);
        browser.driver().findElement(By.id("load")).click();
        browser.await(driver -> driver.findElements(By.cssSelector("#authors-list tbody tr td.name")).size() == 4 ? true : null);
        assertEquals(List.of("Ana Lima", "Bo Chen", "Dev Patel", "Eve Okafor"), cells("#authors-list tbody tr td.name"));
        assertEquals(List.of("2", "1", "1", "1"), cells("#authors-list tbody tr td.views .value"));
        assertEquals(List.of("100%", "100%", "100%", "100%"), cells("#authors-list tbody tr td.read-through .value"));
        assertEquals(List.of("Europe", "Climate", "Elections", "Health"), cells("#tags-list tbody tr td.name"));
        assertEquals(List.of("monday (newsletter · email)", "launch (social)"), cells("#campaigns-list tbody tr td.name"));

        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "document.querySelector('#top-list tbody tr[data-article-id=\"meta-story\"] .title button').click();");
        browser.await(driver -> "100%".equals(driver.findElement(By.id("article-read-through")).getText()) ? true : null);
        assertEquals("By Ana Lima, Bo Chen · Tags: Elections, Europe", browser.driver().findElement(By.id("article-names")).getText());
        assertEquals(List.of("monday (newsletter · email)"), attributes("#article-campaigns li", "data-name"));
        assertEquals(List.of("desktop"), attributes("#article-devices li", "data-name"));
        assertNoConsoleErrors();
    }

    void readThePages() {
        String metaHead = "<meta name=\"author\" content=\"Ana Lima\"><meta property=\"article:author\" content=\"Bo Chen\">"
                + "<meta property=\"article:tag\" content=\"Elections\"><meta property=\"article:tag\" content=\"Europe\">";
        String linkedHead = """
                <script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "A story",
                   "author": [{"@type": "Person", "name": "Ana Lima"}, {"@type": "Person", "name": "Dev Patel"}],
                   "keywords": "Climate, Europe"}</script>""";
        try (PageServer meta = PageServer.serving(page(metaHead, "", 3000, ""));
             PageServer linked = PageServer.serving(page(linkedHead, "", 2400, "data-ping=\"2\""));
             PageServer data = PageServer.serving(page("", "data-article-id=\"data-story\" data-authors=\"Eve Okafor\" data-tags=\"Health\"", 200,
                     "data-ping=\"2\""))) {
            userAgent(Chromium.READER_USER_AGENT);
            browser.open(meta.baseUrl() + "/world/meta-story.html?utm_source=newsletter&utm_medium=email&utm_campaign=monday");
            awaitRaw("meta-story", e -> e.type() == EventType.VIEW);
            browser.script("var r = document.querySelector('article').getBoundingClientRect();"
                    + "window.scrollTo(0, window.scrollY + r.top + r.height * 0.8 - window.innerHeight);");
            browser.script("document.getElementById('share').click();");
            awaitRaw("meta-story", e -> e.type() == EventType.SHARE);
            sleep(2500);
            browser.open("about:blank");
            awaitRaw("meta-story", e -> e.type() == EventType.ENGAGE);

            userAgent(NewsroomDimensionsBrowserIT.IPHONE);
            browser.open(linked.baseUrl() + "/science/linked-story.html?utm_source=social&utm_campaign=launch");
            awaitRaw("linked-story", e -> e.type() == EventType.VIEW);
            browser.script("window.scrollTo(0, document.body.scrollHeight);");
            awaitRaw("linked-story", e -> e.type() == EventType.ENGAGE && Integer.valueOf(100).equals(e.readDepth()));
            // Leave while the phone's user agent is still set: headless Chromium would send the last beacon as a desktop.
            userAgent(NewsroomDimensionsBrowserIT.IPAD);
            browser.open(data.baseUrl() + "/health/data-story.html");
            // The tablet's ping with its depth is sent while the page is open, as the phone's above.
            awaitRaw("data-story", e -> e.type() == EventType.ENGAGE && Integer.valueOf(100).equals(e.readDepth()));
            browser.open("about:blank");
        } finally {
            userAgent(Chromium.READER_USER_AGENT);
        }
        assertEquals(List.of(), browser.scriptErrors());
    }

    /** views, reads, visitors (-1: not in the row), articles (-1: not in the row), engaged seconds, shares, reached 25/50/75/100. */
    static void assertRow(JsonNode row, long views, long reads, long visitors, long articles, long engagedSeconds, long shares,
                          long r25, long r50, long r75, long r100) {
        assertEquals(views, row.get("views").asLong(), row.toString());
        assertEquals(reads, row.get("reads").asLong(), row.toString());
        if (visitors >= 0) {
            assertEquals(visitors, row.get("visitors").asLong(), row.toString());
        }
        if (articles >= 0) {
            assertEquals(articles, row.get("articles").asLong(), row.toString());
        }
        assertEquals(engagedSeconds, row.get("engagedSeconds").asLong(), row.toString());
        assertEquals(shares, row.get("shares").asLong(), row.toString());
        assertEquals(List.of(r25, r50, r75, r100), List.of(row.get("reached").get("25").asLong(), row.get("reached").get("50").asLong(),
                row.get("reached").get("75").asLong(), row.get("reached").get("100").asLong()), row.toString());
    }

    static JsonNode row(JsonNode report, String list, String field, String name) {
        for (JsonNode row : report.get(list)) {
            if (row.get(field).asText().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("no " + field + " " + name + " in " + report);
    }

    static List<String> ids(JsonNode top) {
        List<String> ids = new ArrayList<>();
        top.get("articles").forEach(article -> ids.add(article.get("id").asText()));
        return ids.stream().sorted().toList();
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    List<String> cells(String selector) {
        return browser.driver().findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
    }

    List<String> attributes(String selector, String attribute) {
        return browser.driver().findElements(By.cssSelector(selector)).stream().map(element -> element.getAttribute(attribute)).toList();
    }

    static long seconds(List<TrackedEvent> raw, Predicate<TrackedEvent> which) {
        return raw.stream().filter(e -> e.type() == EventType.ENGAGE).filter(which).mapToLong(TrackedEvent::engagedSeconds).sum();
    }

    JsonNode json(String key, String report, String query) throws Exception {
        return MAPPER.readTree(get(key, report, "?limit=100" + query, "application/json"));
    }

    String csv(String key, String report) throws Exception {
        return get(key, report, "?limit=100", "text/csv");
    }

    String get(String key, String report, String query, String accept) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(local.baseUrl() + "/v1/sites/" + SITE + "/reports/" + report + query))
                .header("authorization", "Bearer " + key).header("accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), report + ": " + response.body());
        return response.body();
    }

    List<TrackedEvent> rawEvents() {
        DynamoRawEventStore raw = new DynamoRawEventStore(local.dynamo(), local.table(), Duration.ofDays(7));
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<TrackedEvent> events = new ArrayList<>();
        for (Instant bucket : List.of(hour.minus(Duration.ofHours(1)), hour)) {
            events.addAll(raw.readHour(SITE, bucket));
        }
        return events;
    }

    void awaitRaw(String articleId, Predicate<TrackedEvent> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (rawEvents().stream().filter(e -> e.articleId().equals(articleId)).anyMatch(condition)) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("within 10 s, no such event of " + articleId + ": " + rawEvents());
    }

    static String lastLine(String output) {
        String[] lines = output.trim().split("\n");
        return lines[lines.length - 1].trim();
    }
}
