package io.readpulse.local.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.Campaign;
import io.readpulse.model.EventType;
import io.readpulse.model.TrackedEvent;
import io.readpulse.store.dynamodb.DynamoArticleStore;
import io.readpulse.store.dynamodb.DynamoRawEventStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Stored XSS: titles and sections carrying markup, script and Unicode tricks come out in headless
 * Chromium. Nothing executes, the markup shows as text, and no link leads off the site. (URLs with
 * {@code javascript:} or off the site's domains never get in: collect refuses them, see CollectIT
 * and HostileInputIT.)
 *
 * <p>Two ways in, one set of articles each, so the tests need no order. Browsers' claims, through
 * the real {@code POST /v1/events}: the editors' dashboard names an article as browsers claimed
 * while its page has not been read. And the publisher's own descriptions ({@code article set}), the
 * only titles public Trending lists show: browsers' claims never reach them.
 *
 * <p>The claims also carry hostile authors, tags and utm values: they are stored as the text they
 * are, the dashboard's author, tag and campaign panels and its article view show them as text and
 * run nothing, and the reports' CSV neutralises the one that is a formula.
 */
class StoredXssBrowserIT extends BrowserTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<String> HOSTILE_NAMES = List.of(
            "<img src=x onerror=\"window.__xss='author'\">Ana",
            "=HYPERLINK(\"https://evil.example\",\"click\")",
            "\"><svg onload=window.__xss='tag'>",
            "<script>window.__xss='name'</script>");
    static final String HOSTILE_CAMPAIGN = "<img src=x onerror=\"window.__xss='utm'\">+@SUM(1)";

    String key;
    String published;

    @BeforeAll
    void hostileArticles() throws Exception {
        key = lastLine(local.admin("key", "create", SITE, "--label", "xss test"));
        published = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS).toString();
        for (int i = 0; i < 2 * HOSTILE_TITLES.size(); i++) {
            String id = (i < HOSTILE_TITLES.size() ? "claimed-hostile-" : "hostile-") + (i % HOSTILE_TITLES.size());
            com.fasterxml.jackson.databind.node.ObjectNode article = MAPPER.createObjectNode().put("id", id)
                    .put("url", local.baseUrl() + "/demo/world/" + id + ".html")
                    .put("title", HOSTILE_TITLES.get(i % HOSTILE_TITLES.size())).put("section", "<b>World</b>")
                    .put("publishedAt", published);
            HOSTILE_NAMES.forEach(article.putArray("authors")::add);
            HOSTILE_NAMES.forEach(article.putArray("tags")::add);
            String body = MAPPER.writeValueAsString(MAPPER.createObjectNode().put("site", SITE).put("type", "view")
                    .put("utm_source", HOSTILE_CAMPAIGN).put("utm_medium", HOSTILE_NAMES.get(1)).put("utm_campaign", HOSTILE_NAMES.get(0))
                    .set("article", article));
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(local.baseUrl() + "/v1/events"))
                    .header("content-type", "application/json").header("user-agent", "Mozilla/5.0 (X11; Linux x86_64) xss-reader-" + i)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, response.statusCode(), response.body());
        }
        drainStream();
    }

    /**
     * Both sets of articles, the claimed ones named by what browsers said (no page was read for them)
     * and the others by the publisher's record or, before the widget test submits it, by claims too:
     * the same hostile text every way.
     */
    @Test
    void theDashboardShowsHostileTitlesAsTextAndRunsNothing() {
        open("/dashboard/index.html");
        browser.driver().findElement(By.id("site")).clear();
        browser.driver().findElement(By.id("site")).sendKeys(SITE);
        browser.driver().findElement(By.id("api-key")).sendKeys(key);
        browser.driver().findElement(By.id("load")).click();
        browser.await(driver -> driver.findElements(By.cssSelector("#top-list tbody tr")).size() == 2 * HOSTILE_TITLES.size());

        List<String> shown = browser.driver().findElements(By.cssSelector("#top-list tbody tr .title button")).stream()
                .map(WebElement::getText).sorted().toList();
        List<String> expected = new java.util.ArrayList<>();
        HOSTILE_TITLES.forEach(title -> expected.addAll(List.of(title.replaceAll("\\s+", " ").strip(), title.replaceAll("\\s+", " ").strip())));
        assertEquals(expected.stream().sorted().toList(), shown, "the titles appear as the text they are");
        assertNoInjection();
    }

    @Test
    void theAuthorTagAndCampaignPanelsAndTheArticleViewShowHostileNamesAsTextAndRunNothing() {
        open("/dashboard/index.html");
        browser.driver().findElement(By.id("site")).clear();
        browser.driver().findElement(By.id("site")).sendKeys(SITE);
        browser.driver().findElement(By.id("api-key")).sendKeys(key);
        browser.driver().findElement(By.id("load")).click();
        browser.await(driver -> driver.findElements(By.cssSelector("#campaigns-list tbody td.name")).size() == 1 ? true : null);

        List<String> sorted = HOSTILE_NAMES.stream().sorted().toList();
        assertEquals(sorted, texts("#authors-list tbody td.name").stream().sorted().toList(), "every author, as the text it is");
        assertEquals(sorted, texts("#tags-list tbody td.name").stream().sorted().toList());
        assertEquals(List.of(HOSTILE_NAMES.get(0) + " (" + HOSTILE_CAMPAIGN + " · " + HOSTILE_NAMES.get(1) + ")"),
                texts("#campaigns-list tbody td.name"));
        assertNoInjection();

        browser.driver().findElement(By.cssSelector("#top-list tbody tr[data-article-id='claimed-hostile-0'] .title button")).click();
        browser.await(driver -> driver.findElement(By.id("article")).isDisplayed() ? true : null);
        browser.await(driver -> !driver.findElement(By.id("article-names")).getText().isEmpty() ? true : null);
        String names = browser.driver().findElement(By.id("article-names")).getText();
        assertEquals("By " + String.join(", ", HOSTILE_NAMES) + " · Tags: " + String.join(", ", HOSTILE_NAMES), names);
        assertEquals(List.of(HOSTILE_NAMES.get(0) + " (" + HOSTILE_CAMPAIGN + " · " + HOSTILE_NAMES.get(1) + ")"),
                texts("#article-campaigns li .label"));
        assertNoInjection();
    }

    @Test
    void theNewReportsCsvNeutralisesHostileNamesThatAreFormulas() throws Exception {
        for (String report : List.of("authors", "tags", "campaigns")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(local.baseUrl() + "/v1/sites/" + SITE + "/reports/" + report + "?format=csv&limit=100"))
                    .header("authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            String csv = response.body();
            assertTrue(csv.contains("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"click\"\")\""),
                    report + ": the formula starts with an apostrophe and is quoted: " + csv);
            assertFalse(csv.contains(",=HYPERLINK") || csv.contains("\n=HYPERLINK"), report + ": no cell starts with the formula");
            assertTrue(csv.contains("<img src=x onerror="), report + ": markup is kept as text, a CSV file runs nothing");
        }
    }

    List<String> texts(String selector) {
        return browser.driver().findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
    }

    /**
     * Changed with trusted titles: public lists no longer show what browsers send, so hostile titles
     * can reach the widget only from the publisher's side. Here the publisher submits them (a careless
     * or compromised CMS), for the articles the browsers above read.
     */
    @Test
    void theWidgetShowsHostileTitlesAsTextLinksOnlyOnTheSiteAndRunsNothing() {
        for (int i = 0; i < HOSTILE_TITLES.size(); i++) {
            local.admin("article", "set", SITE, "hostile-" + i, "--url", local.baseUrl() + "/demo/world/hostile-" + i + ".html",
                    "--title", HOSTILE_TITLES.get(i), "--section", "<b>World</b>", "--published", published);
        }
        local.runSchedule();
        open("/demo/world/summit-in-the-capital.html");
        browser.await(driver -> driver.findElements(By.cssSelector("[data-readpulse-trending] a")).size() >= HOSTILE_TITLES.size() ? true : null);

        List<String> shown = browser.driver().findElements(By.cssSelector("[data-readpulse-trending] a")).stream()
                .map(WebElement::getText).toList();
        for (String title : HOSTILE_TITLES) {
            assertTrue(shown.contains(title.replaceAll("\\s+", " ").strip()), "the widget shows '" + title + "' as text: " + shown);
        }
        assertNoInjection();
    }

    @Test
    void hostileAuthorsTagsAndCampaignsAreStoredAsTheTextTheyAre() {
        DynamoRawEventStore raw = new DynamoRawEventStore(local.dynamo(), local.table(), Duration.ofDays(7));
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<TrackedEvent> views = new java.util.ArrayList<>();
        for (Instant bucket : List.of(hour.minus(Duration.ofHours(1)), hour)) {
            raw.readHour(SITE, bucket).stream().filter(event -> event.type() == EventType.VIEW && event.articleId().startsWith("claimed-hostile-"))
                    .forEach(views::add);
        }
        assertEquals(HOSTILE_TITLES.size(), views.size());
        for (TrackedEvent view : views) {
            assertEquals(HOSTILE_NAMES, view.meta().authors(), "markup and formulas are kept as text, not stripped or escaped");
            assertEquals(HOSTILE_NAMES, view.meta().tags());
            assertEquals(new Campaign(HOSTILE_CAMPAIGN, HOSTILE_NAMES.get(1), HOSTILE_NAMES.get(0)), view.campaign());
        }

        local.admin("article", "set", SITE, "hostile-0", "--url", local.baseUrl() + "/demo/world/hostile-0.html",
                "--title", HOSTILE_TITLES.get(0), "--section", "<b>World</b>", "--published", published,
                "--authors", HOSTILE_NAMES.get(0) + ", " + HOSTILE_NAMES.get(3), "--tags", HOSTILE_NAMES.get(2));
        ArticleMeta described = new DynamoArticleStore(local.dynamo(), local.table(), Duration.ofDays(400))
                .findAll(SITE, List.of("hostile-0")).get("hostile-0").meta();
        assertEquals(List.of(HOSTILE_NAMES.get(0), HOSTILE_NAMES.get(3)), described.authors());
        assertEquals(List.of(HOSTILE_NAMES.get(2)), described.tags());
    }

    /** Nothing ran, no element was injected, and every link stays on the page's own origin. */
    void assertNoInjection() {
        assertNull(browser.script("return window.__xss === undefined ? null : window.__xss;"), "a hostile title ran script");
        assertEquals(0, browser.driver().findElements(By.cssSelector("img[src='x'], svg[onload], script:not([src])")).size());
        for (WebElement link : browser.driver().findElements(By.cssSelector("a[href]"))) {
            String href = link.getAttribute("href");
            assertTrue(href.startsWith(local.baseUrl()), "a link leads off the site: " + href);
        }
        assertEquals(List.of(), browser.scriptErrors());
    }

    static String lastLine(String output) {
        String[] lines = output.trim().split("\n");
        return lines[lines.length - 1].trim();
    }

}
