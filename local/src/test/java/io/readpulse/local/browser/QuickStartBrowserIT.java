package io.readpulse.local.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.local.LocalReadpulse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The README's quick start, as a newcomer lives it: with the stream and the schedule running in
 * the background as {@code ./readpulse local} runs them (faster here), open the demo article page;
 * its view is recorded, and within one schedule tick the article is in the Trending box of the front
 * page (and of the other articles; its own page's box leaves it out).
 */
class QuickStartBrowserIT extends BrowserTest {
    static final Duration WINDOW = Duration.ofSeconds(1);
    static final Duration TICK = Duration.ofSeconds(4);
    static final String ARTICLE = "/demo/world/summit-in-the-capital.html";
    /** The article's own box leaves it out; the front page's box lists it. */
    static final String FRONT_PAGE = "/demo/";

    @Override
    protected LocalReadpulse.Options options() {
        return LocalReadpulse.Options.forTests().withBackgroundStream(WINDOW).withScheduleInterval(TICK);
    }

    @Test
    void openingTheDemoArticlePutsItInTheFrontPagesTrendingBoxWithinOneScheduleTick() {
        List<String> missing = new ArrayList<>();
        for (String handler : List.of("io.readpulse.entrypoints.ComputeTrendingHandler", "io.readpulse.entrypoints.TrendingQueryHandler")) {
            if (!local.hasHandler(handler)) {
                missing.add(handler);
            }
        }
        if (!Files.isRegularFile(local.repository().resolve("web/widget.js"))) {
            missing.add("web/widget.js");
        }
        Assumptions.assumeTrue(missing.isEmpty(), "the quick start's Trending step needs what this build lacks: " + missing);

        open(ARTICLE);
        awaitArticle("summit-in-the-capital", "a view recorded by the background stream", counters -> counters.views() >= 1);

        // From the moment the view is counted, the next tick must list it: one tick, plus time to render.
        long deadline = System.nanoTime() + TICK.plus(WINDOW).plusSeconds(5).toNanos();
        boolean listed = false;
        while (!listed && System.nanoTime() < deadline) {
            ((ChromeDriver) browser.driver()).executeCdpCommand("Network.clearBrowserCache", Map.of());
            open(FRONT_PAGE);
            listed = browser.waitUntil(Duration.ofSeconds(2), driver ->
                    !driver.findElements(By.cssSelector("[data-readpulse-trending] a[href*='summit-in-the-capital']")).isEmpty());
        }
        assertTrue(listed, "the demo article is not in the Trending box within one tick of its view being counted");
        assertTrue(browser.scriptErrors().isEmpty(), "the page logged errors: " + browser.scriptErrors());
    }
}
