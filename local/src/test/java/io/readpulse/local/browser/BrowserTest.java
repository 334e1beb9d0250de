package io.readpulse.local.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.CounterState;
import io.readpulse.local.LocalReadpulse;
import io.readpulse.aggregate.CounterStore;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the browser tests: per test class, the whole service in process ({@link LocalReadpulse}
 * on a free port, data in memory, nothing in the background) and one headless Chromium. Pages are
 * the real files of {@code web/}, served by the runner; events travel from the page through the
 * real API route into Dynoxide, and {@link #drainStream()} turns them into counters.
 *
 * <p>Skipped with a message where Chromium is not installed.
 */
@EnabledIfChromium
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTest {
    protected static final String SITE = LocalReadpulse.DEMO_SITE;
    private static final Duration EVENT_WAIT = Duration.ofSeconds(10);
    /**
     * Titles that would run script, break out of an attribute or pass for a link if shown as
     * markup: what the XSS tests store. Each script sets {@code window.__xss}, so a test can tell.
     */
    protected static final List<String> HOSTILE_TITLES = List.of(
            "<img src=x onerror=\"window.__xss='img'\">Breaking",
            "<script>window.__xss='script'</script>Markets",
            "\"><svg onload=window.__xss='svg'>",
            "Ｓａｆｅ ｔｉｔｌｅ <a href=\"https://evil.example\">click</a>");

    protected LocalReadpulse local;
    protected Chromium browser;
    protected CounterStore counters;

    /** Subclasses that need another runner set-up override this. */
    protected LocalReadpulse.Options options() {
        return LocalReadpulse.Options.forTests();
    }

    @BeforeAll
    void startServiceAndBrowser() {
        local = LocalReadpulse.start(options());
        counters = new DynamoCounterStore(local.dynamo(), local.table(), Duration.ofDays(400), 1);
        browser = Chromium.launch();
    }

    @AfterAll
    void stopServiceAndBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (local != null) {
            local.close();
        }
    }

    @BeforeEach
    void blankPage() {
        browser.open("about:blank");
        browser.clearConsole();
    }

    /** Opens a path of the runner, such as {@code /demo/world/summit-in-the-capital.html}. */
    protected void open(String path) {
        browser.open(local.baseUrl() + path);
    }

    /** Delivers everything written so far to the aggregator. */
    protected void drainStream() {
        local.drainStream();
    }

    /** An article's counters for today (UTC), after delivering the stream; empty if it has none. */
    protected Optional<CounterState> articleToday(String articleId) {
        drainStream();
        return counters.find(CounterKey.article(SITE, LocalDate.now(ZoneOffset.UTC), articleId));
    }

    /**
     * Waits until the article's counters for today satisfy the condition: the page sends its events
     * asynchronously, so they are stored a moment after the browser action that caused them.
     */
    protected CounterState awaitArticle(String articleId, String what, Predicate<CounterState> condition) {
        long deadline = System.nanoTime() + EVENT_WAIT.toNanos();
        Optional<CounterState> latest = Optional.empty();
        while (System.nanoTime() < deadline) {
            latest = articleToday(articleId);
            if (latest.isPresent() && condition.test(latest.get())) {
                return latest.get();
            }
            sleep(100);
        }
        throw new AssertionError("within " + EVENT_WAIT.toSeconds() + " s, article " + articleId + " never had " + what
                + "; counters: " + latest.map(c -> "views " + c.views() + ", engaged seconds " + c.engagedSeconds()
                + " in " + c.engagePings() + " pings, shares " + c.shares()).orElse("none"));
    }

    /** Today's views of an article, 0 if it has none yet. */
    protected long viewsToday(String articleId) {
        return articleToday(articleId).map(CounterState::views).orElse(0L);
    }

    protected void assertNoConsoleErrors() {
        List<String> errors = browser.consoleErrors();
        assertEquals(List.of(), errors, "the page logged errors to the console");
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
