package io.readpulse.local.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.aggregate.CounterState;
import io.readpulse.collect.VisitorKeys;
import io.readpulse.model.EventType;
import io.readpulse.model.ShareNetwork;
import io.readpulse.store.dynamodb.DynamoRawEventStore;
import io.readpulse.testkit.Dynoxide;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/** web/t.js on the demo article pages, in headless Chromium, counted by the real API and aggregator. */
class TrackingScriptBrowserIT extends BrowserTest {
    static final String SUMMIT = "/demo/world/summit-in-the-capital.html";
    static final String PORT_STRIKE = "/demo/business/port-strike-freight-rates.html";
    /** Another reader's browser: of another browser class than {@link Chromium#READER_USER_AGENT}, so another visitor. */
    static final String SECOND_READER_USER_AGENT = otherBrowserClass(Chromium.READER_USER_AGENT);

    @Test
    void openingAnArticleRecordsAViewWithThePagesMetadata() {
        open(SUMMIT);
        CounterState counters = awaitArticle("summit-in-the-capital", "a view", c -> c.views() == 1);
        assertEquals("Two presidents meet in the capital as the war in the south divides their allies", counters.meta().title());
        assertEquals("Geopolitics & Foreign Policy", counters.meta().section());
        assertEquals(local.baseUrl() + SUMMIT, counters.meta().url());
        assertNull(counters.meta().image(), "no image is claimed: lists show the one the page itself gives the job");
        Instant published = counters.meta().publishedAt();
        assertEquals(published.truncatedTo(ChronoUnit.HOURS), published, "the runner fills in a publication time on the hour");
        assertTrue(published.isBefore(Instant.now()), "published in the past: " + published);
        assertEquals(0, counters.bots(), "the harness presents a reader's user agent");
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void engagedTimeIsSentWhenTheReaderLeaves() {
        long opened = System.nanoTime();
        open(PORT_STRIKE);
        awaitArticle("port-strike-freight-rates", "a view", c -> c.views() >= 1);
        // Several seconds more than the 3 asserted: on a busy machine the script's one-second
        // ticks come late, and a tick counts at most two seconds.
        sleep(5000);
        new Actions(browser.driver()).scrollByAmount(0, 400).perform();
        sleep(1000);
        long openSeconds = (System.nanoTime() - opened) / 1_000_000_000L;
        browser.open("about:blank");
        CounterState counters = awaitArticle("port-strike-freight-rates", "engaged seconds", c -> c.engagedSeconds() >= 3);
        assertEquals(1, counters.engagePings(), "one ping with the time read so far");
        assertTrue(counters.engagedSeconds() <= openSeconds + 1,
                "no more than the " + openSeconds + " s the page was open: " + counters.engagedSeconds());
    }

    @Test
    void anActiveReaderSendsAnEngagementPingEveryFifteenSeconds() {
        open("/demo/science/glacier-survey-ice-loss.html");
        long deadline = System.nanoTime() + 17_000_000_000L;
        while (System.nanoTime() < deadline) {
            new Actions(browser.driver()).scrollByAmount(0, 40).perform();
            sleep(1000);
        }
        CounterState counters = awaitArticle("glacier-survey-ice-loss", "a ping", c -> c.engagePings() >= 1);
        long pings = counters.engagePings();
        assertTrue(counters.engagedSeconds() >= 15 * pings && counters.engagedSeconds() <= 17 * pings,
                "about 15 s in each of " + pings + " pings: " + counters.engagedSeconds());
    }

    /**
     * Changed with "shares once per visitor": a visitor's shares of an article count once a day,
     * whatever the network. So the first reader's click on X is counted, their second click (on
     * WhatsApp) reaches the server but is not; and a second reader's click on WhatsApp is counted
     * for WhatsApp. The second reader is the same browser presenting another user agent, of another
     * browser class, so another visitor from the same address.
     */
    @Test
    void aShareClickIsCountedForItsNetwork() {
        String article = "/demo/sport/late-winner-lifts-rovers.html";
        open(article);
        awaitArticle("late-winner-lifts-rovers", "a view", c -> c.views() >= 1);
        // The demo's own share script would open x.com: tests reach no host but this one.
        browser.script("window.open = function () { return null; };");
        browser.driver().findElement(By.cssSelector("[data-share='x']")).click();
        assertEquals(Map.of("x", 1L), awaitArticle("late-winner-lifts-rovers", "a share", c -> c.totalShares() == 1).shares());

        browser.driver().findElement(By.cssSelector("[data-share='whatsapp']")).click();
        awaitRawShare("late-winner-lifts-rovers", ShareNetwork.WHATSAPP);
        assertEquals(Map.of("x", 1L), articleToday("late-winner-lifts-rovers").orElseThrow().shares(),
                "the same reader's second share of the article is not counted again");

        ChromeDriver chrome = (ChromeDriver) browser.driver();
        chrome.executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent", SECOND_READER_USER_AGENT));
        try {
            open(article);
            awaitArticle("late-winner-lifts-rovers", "the second reader's view", c -> c.views() >= 2);
            browser.script("window.open = function () { return null; };");
            browser.driver().findElement(By.cssSelector("[data-share='whatsapp']")).click();
            CounterState counters = awaitArticle("late-winner-lifts-rovers", "two shares", c -> c.totalShares() == 2);
            assertEquals(Map.of("x", 1L, "whatsapp", 1L), counters.shares());
        } finally {
            chrome.executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent", Chromium.READER_USER_AGENT));
        }
    }

    private static String otherBrowserClass(String userAgent) {
        VisitorKeys keys = new VisitorKeys();
        byte[] salt = new byte[32];
        String theirs = keys.visitorKey(salt, SITE, "127.0.0.1", userAgent);
        for (int version = 120; version < 200; version++) {
            String candidate = "Mozilla/5.0 (X11; Linux x86_64; rv:" + version + ".0) Gecko/20100101 Firefox/" + version + ".0";
            if (!keys.visitorKey(salt, SITE, "127.0.0.1", candidate).equals(theirs)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no user agent of another browser class");
    }

    /** Waits until a share of the article on this network is in the raw event log, counted or not. */
    private void awaitRawShare(String articleId, ShareNetwork network) {
        DynamoRawEventStore raw = new DynamoRawEventStore(local.dynamo(), local.table(), Duration.ofDays(7));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
            for (Instant bucket : List.of(hour.minus(Duration.ofHours(1)), hour)) {
                if (raw.readHour(SITE, bucket).stream().anyMatch(event -> event.type() == EventType.SHARE
                        && event.articleId().equals(articleId) && event.network() == network)) {
                    return;
                }
            }
            sleep(100);
        }
        throw new AssertionError("within 10 s, no " + network + " share of " + articleId + " reached the raw event log");
    }

    @Test
    void aSinglePageAppNavigationToAnotherArticleIsASecondView() {
        open("/demo/technology/council-opens-transport-data.html");
        awaitArticle("council-opens-transport-data", "a view", c -> c.views() == 1);
        // What a single-page app does: render the next article, then push its URL.
        browser.script("""
                document.querySelector('[data-article-id]').setAttribute('data-article-id', 'tram-fares-frozen');
                document.querySelector('link[rel=canonical]').href = '/demo/technology/tram-fares-frozen.html';
                document.querySelector('meta[property="og:title"]').content = 'Tram fares frozen for another year';
                document.title = 'Tram fares frozen for another year';
                history.pushState({}, '', '/demo/technology/tram-fares-frozen.html');
                """);
        CounterState second = awaitArticle("tram-fares-frozen", "a view", c -> c.views() == 1);
        assertEquals("Tram fares frozen for another year", second.meta().title());
        assertEquals("Technology", second.meta().section());
        assertEquals(1, second.referrerClasses().getOrDefault("internal", 0L), "the first article referred the second: " + second.referrerClasses());

        browser.script("history.pushState({}, '', location.pathname + '#comments');");
        sleep(500);
        assertEquals(1, viewsToday("tram-fares-frozen"), "a change of fragment is not a navigation");
        assertEquals(1, viewsToday("council-opens-transport-data"));
    }

    @Test
    void doNotTrackAndGlobalPrivacyControlSendNothing() throws Exception {
        for (String signal : new String[] {"doNotTrack', {get: () => '1'}", "globalPrivacyControl', {get: () => true}"}) {
            String id = browser.driver() instanceof org.openqa.selenium.chrome.ChromeDriver chrome
                    ? (String) chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                            Map.of("source", "Object.defineProperty(Navigator.prototype, '" + signal + ");")).get("identifier")
                    : null;
            open("/demo/culture/harbour-festival-returns.html");
            sleep(1500);
            assertEquals(0, viewsToday("harbour-festival-returns"), "nothing is sent under " + signal);
            ((org.openqa.selenium.chrome.ChromeDriver) browser.driver()).executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", id));
        }
        open("/demo/culture/harbour-festival-returns.html");
        awaitArticle("harbour-festival-returns", "a view once the signals are gone", c -> c.views() == 1);
    }

    @Test
    void withTheApiDownTheScriptsLetNoErrorIntoThePage() throws Exception {
        String article = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(local.baseUrl() + "/demo/health/clinics-extend-evening-hours.html")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String deadApi = "http://127.0.0.1:" + Dynoxide.freePort();
        // The publisher's page on its own origin, the scripts from the runner, the API unreachable.
        String page = article
                .replace("<script src=\"/t.js\" data-site=\"demo-news\" async></script>",
                        "<script src=\"" + local.baseUrl() + "/t.js\" data-site=\"demo-news\" data-api=\"" + deadApi + "\" async></script>")
                .replace("<script src=\"/widget.js\" async></script>",
                        "<script src=\"" + local.baseUrl() + "/widget.js\" data-api=\"" + deadApi + "\" async></script>")
                .replace("<script src=\"/demo/share.js\"></script>", "")
                .replace("href=\"/demo/demo.css\"", "href=\"" + local.baseUrl() + "/demo/demo.css\"");
        try (PageServer publisher = PageServer.serving(page)) {
            browser.open(publisher.baseUrl() + "/health/clinics-extend-evening-hours.html");
            new Actions(browser.driver()).scrollByAmount(0, 300).perform();
            browser.driver().findElement(By.cssSelector("[data-share='linkedin']")).click();
            browser.script("history.pushState({}, '', '/health/another-story.html');");
            sleep(1500);
            assertEquals("Clinics extend evening hours to cut waiting lists", browser.driver().findElement(By.tagName("h1")).getText(),
                    "the page itself is untouched");
            browser.open("about:blank");
            assertEquals(List.of(), browser.scriptErrors(), "neither t.js nor the widget let an error into the page");
            assertTrue(browser.failedLoads().size() >= 2 && browser.failedLoads().stream().allMatch(url -> url.startsWith(deadApi + "/v1/")),
                    "only the calls to the unreachable API failed, which Chromium itself logs: " + browser.failedLoads());
        }
    }
}
