package io.readpulse.local.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.RecirculationCounts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * From the real widget on the demo front page to the recirculation report and the dashboard's
 * Trending box panel, through the local runner: five readers (sent to collect from addresses of
 * their own) read two demo articles, the job lists them, and the browser scrolls to the front
 * page's box (one impression of two entries), clicks the first (a click at position 1), and reads
 * that article: its page view, from the box, is one view and one read with its engaged seconds.
 */
class RecirculationBrowserIT extends BrowserTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SUMMIT = "summit-in-the-capital";
    static final String SUMMIT_PATH = "/demo/world/summit-in-the-capital.html";
    static final String SUMMIT_TITLE = "Two presidents meet in the capital as the war in the south divides their allies";
    static final String PORT_STRIKE_PATH = "/demo/business/port-strike-freight-rates.html";

    String key;

    @BeforeAll
    void keyAndReaders() {
        key = local.admin("key", "create", SITE, "--label", "recirculation").trim().replaceAll("(?s).*\n", "").trim();
        for (int reader = 0; reader < 3; reader++) {
            seedView(reader, SUMMIT, SUMMIT_PATH, "World");
        }
        for (int reader = 3; reader < 5; reader++) {
            seedView(reader, "port-strike-freight-rates", PORT_STRIKE_PATH, "Business");
        }
        // As a publisher's CMS would submit them: the list does not wait on reading the pages.
        local.admin("article", "set", SITE, SUMMIT, "--url", local.baseUrl() + SUMMIT_PATH, "--title", SUMMIT_TITLE,
                "--section", "Geopolitics & Foreign Policy", "--published", Instant.now().minusSeconds(7200).toString());
        local.admin("article", "set", SITE, "port-strike-freight-rates", "--url", local.baseUrl() + PORT_STRIKE_PATH, "--title",
                "Freight rates jump as dock workers at the northern ports walk out", "--section", "Business",
                "--published", Instant.now().minusSeconds(18000).toString());
        drainStream();
        local.runSchedule();
    }

    @Test
    void aReaderSeesTheBoxClicksAndReadsAndTheReportAndThePanelSayExactlySo() throws Exception {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Network.clearBrowserCache", Map.of());
        // Short enough that the article page's own box stays below the fold: only the front page's is seen.
        browser.driver().manage().window().setSize(new Dimension(1280, 500));
        try {
            open("/demo/");
            List<WebElement> links = browser.await(driver -> {
                List<WebElement> found = driver.findElements(By.cssSelector("aside.trending [data-readpulse-trending] a.readpulse-trending__link"));
                return found.isEmpty() ? null : found;
            });
            assertEquals(2, links.size(), (String) browser.script("return document.querySelector('aside.trending').outerHTML;"));
            assertEquals(local.baseUrl() + SUMMIT_PATH + "#rp", links.get(0).getAttribute("href"));
            assertEquals(0, stored().impressions(), "not scrolled to, not seen");
            browser.script("document.querySelector('aside.trending').scrollIntoView();");
            awaitStored("the impression", counts -> counts.impressions() == 1);

            links.get(0).click();
            browser.await(driver -> driver.getTitle().contains("Two presidents"));
            assertEquals(local.baseUrl() + SUMMIT_PATH, browser.await(driver -> {
                String address = driver.getCurrentUrl();
                return address.endsWith("#rp") ? null : address;
            }), "t.js takes the marker off the address");
            awaitStored("the click and the view from the box", counts -> counts.clicks() == 1 && counts.boxViews() == 1);
            sleep(3500);
            browser.open("about:blank");
            awaitStored("the engaged seconds from the box", counts -> counts.boxEngagedSeconds() >= 1);
        } finally {
            browser.driver().manage().window().setSize(new Dimension(1280, 900));
        }
        long engaged = stored().boxEngagedSeconds();
        assertEquals(engaged, counters.find(CounterKey.article(SITE, today(), SUMMIT)).orElseThrow().engagedSeconds(),
                "every engaged second of the article came from the box visit");

        JsonNode report = MAPPER.readTree(get("application/json"));
        assertEquals(1, report.get("impressions").asLong());
        assertEquals(1, report.get("clicks").asLong());
        assertEquals(1.0, report.get("ctr").asDouble());
        assertEquals(0, report.get("bots").asLong());
        assertEquals("[{\"list\":\"top-24h\",\"mode\":\"top\",\"window\":\"24h\",\"section\":null,\"impressions\":1,\"clicks\":1,\"ctr\":1.0}]",
                report.get("lists").toString());
        assertEquals("[{\"position\":1,\"impressions\":1,\"clicks\":1,\"ctr\":1.0},{\"position\":2,\"impressions\":1,\"clicks\":0,\"ctr\":0.0}]",
                report.get("positions").toString());
        assertEquals(SUMMIT, report.at("/articles/0/id").asText());
        assertEquals(SUMMIT_TITLE, report.at("/articles/0/title").asText(),
                "named as its publisher describes it");
        assertEquals(1, report.at("/articles/0/clicks").asLong());
        assertEquals(1, report.get("articles").size());
        assertEquals("{\"views\":1,\"reads\":1,\"engagedSeconds\":" + engaged + ",\"engagedSecondsPerRead\":" + (double) engaged + "}",
                report.at("/engagement/fromBox").toString());
        assertEquals("{\"views\":5,\"reads\":5,\"engagedSeconds\":0,\"engagedSecondsPerRead\":0.0}", report.at("/engagement/notFromBox").toString());
        assertEquals(0, report.at("/experiment/arms").size());

        assertEquals(String.join("\r\n",
                "kind,name,title,impressions,clicks,ctr,ci_low,ci_high,versus,p_value,impressions_still_needed,views,reads,engaged_seconds,engaged_seconds_per_read",
                "total,box,,1,1,1,,,,,,,,,",
                "list,top-24h,,1,1,1,,,,,,,,,",
                "position,1,,1,1,1,,,,,,,,,",
                "position,2,,1,0,0,,,,,,,,,",
                "article," + SUMMIT + "," + SUMMIT_TITLE + ",,1,,,,,,,,,,",
                "article,(other articles),,,0,,,,,,,,,,",
                "engagement,from_box,,,,,,,,,,1,1," + engaged + "," + engaged,
                "engagement,not_from_box,,,,,,,,,,5,5,0,0") + "\r\n", get("text/csv"));

        open("/dashboard/index.html");
        WebDriver page = browser.driver();
        page.findElement(By.id("site")).clear();
        page.findElement(By.id("site")).sendKeys(SITE);
        page.findElement(By.id("api-key")).sendKeys(key);
        page.findElement(By.id("load")).click();
        browser.await(driver -> driver.findElements(By.cssSelector("#box-lists tbody tr")).size() == 1);
        assertEquals("1", page.findElement(By.id("box-impressions")).getText());
        assertEquals("1", page.findElement(By.id("box-clicks")).getText());
        assertEquals("100 %", page.findElement(By.id("box-ctr")).getText());
        assertEquals(engaged + " s", page.findElement(By.id("box-engaged")).getText());
        assertEquals("0 s", page.findElement(By.id("box-engaged-other")).getText());
        assertEquals("100 %", page.findElement(By.cssSelector("#box-lists tr[data-list='top-24h'] .ctr")).getText());
        WebElement clicked = page.findElement(By.cssSelector("#box-articles li[data-name='" + SUMMIT + "']"));
        assertEquals(SUMMIT_TITLE,
                clicked.findElement(By.cssSelector(".label")).getText());
        assertEquals("1", clicked.findElement(By.cssSelector(".value")).getText());
        assertTrue(page.findElement(By.id("box-verdict")).getText().startsWith("No experiment"));
        assertEquals(List.of(), browser.scriptErrors());
    }

    private void seedView(int reader, String id, String path, String section) {
        String body = "{\"site\":\"demo-news\",\"type\":\"view\",\"article\":{\"id\":\"" + id + "\",\"url\":\"" + local.baseUrl() + path
                + "\",\"title\":\"" + id + "\",\"section\":\"" + section + "\",\"publishedAt\":\"" + Instant.now().minusSeconds(18000).truncatedTo(ChronoUnit.SECONDS) + "\"}}";
        LoopbackClient.Response response = LoopbackClient.post(local.baseUrl() + "/v1/events", LoopbackClient.readerAddress(reader),
                Map.of("content-type", "application/json", "user-agent", "Mozilla/5.0 (X11; Linux x86_64) box-reader-" + reader), body);
        assertEquals(202, response.status(), response.body());
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private RecirculationCounts stored() {
        drainStream();
        return Optional.ofNullable(counters.recirculation().days(SITE, List.of(today())).get(today())).orElse(RecirculationCounts.EMPTY);
    }

    private void awaitStored(String what, Predicate<RecirculationCounts> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.test(stored())) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("within 10 s, never " + what + ": " + stored());
    }

    private String get(String accept) throws IOException, InterruptedException {
        String day = today().toString();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(local.baseUrl() + "/v1/sites/" + SITE + "/reports/recirculation?from=" + day + "&to=" + day))
                .header("authorization", "Bearer " + key).header("accept", accept).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
