package io.readpulse.local.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.readpulse.model.Campaign;
import io.readpulse.model.DeviceClass;
import io.readpulse.model.EventType;
import io.readpulse.model.TrackedEvent;
import io.readpulse.store.dynamodb.DynamoRawEventStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Authors, tags, campaigns, device and read depth from real pages in headless Chromium: publishers'
 * pages on their own origin carry authors and tags as meta tags, JSON-LD and {@code data-}
 * attributes, are opened with utm parameters on a desktop, a phone's and a tablet's user agent and
 * scrolled to known depths; the raw events the real API stored hold exactly what the pages said.
 */
class NewsroomDimensionsBrowserIT extends BrowserTest {
    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            + "Version/17.6 Mobile/15E148 Safari/604.1";
    static final String IPAD = "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            + "Version/17.6 Mobile/15E148 Safari/604.1";

    /** A publisher's article page: a 300 px masthead, the article body of the given height, and a long footer. */
    String page(String head, String articleAttributes, int articleHeight) {
        return page(head, articleAttributes, articleHeight, "");
    }

    /** @param scriptAttributes more attributes of t.js's script tag */
    String page(String head, String articleAttributes, int articleHeight, String scriptAttributes) {
        String published = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS).toString();
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>A story</title>"
                + "<meta property=\"og:title\" content=\"A story\"><meta property=\"article:section\" content=\"World\">"
                + "<meta property=\"article:published_time\" content=\"" + published + "\">" + head
                + "<script src=\"" + local.baseUrl() + "/t.js\" data-site=\"" + SITE + "\" data-api=\"" + local.baseUrl() + "\" " + scriptAttributes + " async></script>"
                + "</head><body style=\"margin:0\"><header style=\"height:300px\">The Courier</header>"
                + "<article " + articleAttributes + " style=\"height:" + articleHeight + "px\"><h1>A story</h1><p>Text.</p></article>"
                + "<footer style=\"height:2000px\">More stories</footer></body></html>";
    }

    @AfterEach
    void desktopAgain() {
        userAgent(Chromium.READER_USER_AGENT);
    }

    void userAgent(String userAgent) {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent", userAgent));
    }

    /** Scrolls so that this share of the article body has come above the window's bottom. */
    void scrollThroughArticle(double share) {
        browser.script("var r = document.querySelector('article').getBoundingClientRect();"
                + "window.scrollTo(0, window.scrollY + r.top + r.height * arguments[0] - window.innerHeight);", share);
    }

    /** Reads a page for a moment and leaves it, which sends the final engagement ping. */
    void readAndLeave() {
        sleep(2500);
        browser.open("about:blank");
    }

    @Test
    void metaTagsAndANewsletterCampaignOnADesktopReadHalfway() {
        String head = "<link rel=\"canonical\" href=\"/world/meta-story.html?utm_source=cms&amp;utm_medium=web\">"
                + "<meta name=\"author\" content=\"Ana Lima\">"
                + "<meta property=\"article:author\" content=\"https://social.example/ana.lima\">"
                + "<meta property=\"article:author\" content=\"Bo Chen\">"
                + "<meta property=\"article:tag\" content=\"Elections\"><meta property=\"article:tag\" content=\"Europe\">"
                + "<meta property=\"article:tag\" content=\"Parliament\"><meta property=\"article:tag\" content=\"Coalitions\">"
                + "<meta property=\"article:tag\" content=\"Polls\">";
        try (PageServer publisher = PageServer.serving(page(head, "", 3000))) {
            browser.open(publisher.baseUrl() + "/world/meta-story.html?utm_source=newsletter&utm_medium=email&utm_campaign=monday-briefing&page=1");
            TrackedEvent view = awaitRaw("meta-story", "a view", e -> e.type() == EventType.VIEW);
            assertEquals(1, rawEvents("meta-story").size(), "one view, nothing else yet");
            scrollThroughArticle(0.6);
            readAndLeave();
            TrackedEvent ping = awaitRaw("meta-story", "a ping", e -> e.type() == EventType.ENGAGE);

            assertEquals(List.of("Ana Lima", "Bo Chen"), view.meta().authors(), "a profile link is not an author");
            assertEquals(List.of("Elections", "Europe", "Parliament", "Coalitions", "Polls"), view.meta().tags());
            assertEquals(new Campaign("newsletter", "email", "monday-briefing"), view.campaign());
            assertEquals(publisher.baseUrl() + "/world/meta-story.html", view.meta().url(), "the URL without its utm parameters");
            assertEquals(DeviceClass.DESKTOP, view.device());
            assertEquals(TrackedEvent.UNKNOWN_COUNTRY, view.country(), "no CDN in front: unknown");
            assertEquals(50, ping.readDepth(), "60% of the body seen is the 50% milestone");
            assertEquals(DeviceClass.DESKTOP, ping.device());
            assertEquals(view.campaign(), ping.campaign(), "the campaign goes with every event of the page view");
            assertEquals(0, ping.readDepthFrom(), "the first depth sent grows from 0");
            assertEquals(List.of(), ping.meta().authors(), "authors and tags go with the view's claim only");
        }
        assertEquals(List.of(), browser.scriptErrors());
    }

    /**
     * Headless Chromium sends a page's last beacon, on leaving it, with the browser's own user agent
     * rather than the one the test sets for the page; so the phone's pings are sent while the page is
     * open (every 2 engaged seconds, {@code data-ping="2"}), as a real phone sends all of them.
     */
    @Test
    void jsonLdInAGraphAndASocialCampaignOnAPhoneReadToTheEnd() {
        String head = """
                <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
                  {"@type": "WebPage", "name": "A story"},
                  {"@type": "NewsArticle", "headline": "A story",
                   "author": [{"@type": "Person", "name": "Carla Diaz"}, {"@type": "Person", "name": "Dev Patel"}],
                   "keywords": "Climate, Glaciers, Science"}]}</script>""";
        userAgent(IPHONE);
        try (PageServer publisher = PageServer.serving(page(head, "", 2400, "data-ping=\"2\""))) {
            browser.open(publisher.baseUrl() + "/science/linked-story.html?utm_source=social&utm_campaign=launch");
            TrackedEvent view = awaitRaw("linked-story", "a view", e -> e.type() == EventType.VIEW);
            browser.script("window.scrollTo(0, document.body.scrollHeight);");
            TrackedEvent ping = awaitRaw("linked-story", "a ping from the end of the article",
                    e -> e.type() == EventType.ENGAGE && Integer.valueOf(100).equals(e.readDepth()));
            browser.open("about:blank");

            assertEquals(List.of("Carla Diaz", "Dev Patel"), view.meta().authors());
            assertEquals(List.of("Climate", "Glaciers", "Science"), view.meta().tags());
            assertEquals(new Campaign("social", null, "launch"), view.campaign());
            assertEquals(DeviceClass.MOBILE, view.device());
            assertEquals(100, ping.readDepth());
            assertEquals(DeviceClass.MOBILE, ping.device());
        }
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void dataAttributesAndAShortArticleOnATabletWithoutACampaign() {
        String head = "<meta name=\"author\" content=\"Not This One\">"
                + "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"keywords\": [\"not\", \"these\"]}</script>";
        userAgent(IPAD);
        try (PageServer publisher = PageServer.serving(page(head,
                "data-article-id=\"data-story\" data-authors=\"Eve Okafor, Finn Berg\" data-tags=\"Health,Hospitals\"", 200))) {
            browser.open(publisher.baseUrl() + "/health/data-story.html");
            TrackedEvent view = awaitRaw("data-story", "a view", e -> e.type() == EventType.VIEW);
            readAndLeave();
            TrackedEvent ping = awaitRaw("data-story", "a ping", e -> e.type() == EventType.ENGAGE);

            assertEquals(List.of("Eve Okafor", "Finn Berg"), view.meta().authors(), "data- attributes win over metas");
            assertEquals(List.of("Health", "Hospitals"), view.meta().tags(), "and over JSON-LD");
            assertNull(view.campaign());
            assertEquals(DeviceClass.TABLET, view.device());
            assertEquals(100, ping.readDepth(), "an article that fits the screen is read through without a scroll");
        }
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void underDoNotTrackOrGlobalPrivacyControlNothingIsSent() {
        String head = "<meta name=\"author\" content=\"Ana Lima\"><meta property=\"article:tag\" content=\"Elections\">";
        ChromeDriver chrome = (ChromeDriver) browser.driver();
        try (PageServer publisher = PageServer.serving(page(head, "", 3000))) {
            for (String signal : List.of("doNotTrack', {get: () => '1'}", "globalPrivacyControl', {get: () => true}")) {
                String id = (String) chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                        Map.of("source", "Object.defineProperty(Navigator.prototype, '" + signal + ");")).get("identifier");
                try {
                    browser.open(publisher.baseUrl() + "/world/private-story.html?utm_source=newsletter&utm_campaign=x");
                    scrollThroughArticle(1.0);
                    readAndLeave();
                    assertEquals(List.of(), rawEvents("private-story"), "nothing is sent under " + signal);
                } finally {
                    chrome.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", id));
                }
            }
        }
    }

    /** The article's raw events of this hour and the last, as the real API stored them. */
    List<TrackedEvent> rawEvents(String articleId) {
        DynamoRawEventStore raw = new DynamoRawEventStore(local.dynamo(), local.table(), Duration.ofDays(7));
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<TrackedEvent> events = new ArrayList<>();
        for (Instant bucket : List.of(hour.minus(Duration.ofHours(1)), hour)) {
            raw.readHour(SITE, bucket).stream().filter(event -> event.articleId().equals(articleId)).forEach(events::add);
        }
        return events;
    }

    TrackedEvent awaitRaw(String articleId, String what, Predicate<TrackedEvent> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<TrackedEvent> events = List.of();
        while (System.nanoTime() < deadline) {
            events = rawEvents(articleId);
            List<TrackedEvent> matching = events.stream().filter(condition).toList();
            if (!matching.isEmpty()) {
                return matching.get(0);
            }
            sleep(100);
        }
        throw new AssertionError("within 10 s, no " + what + " of " + articleId + " reached the raw event log: " + events);
    }
}
