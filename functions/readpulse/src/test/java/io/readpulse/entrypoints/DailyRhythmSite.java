package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.readpulse.config.Environment;
import io.readpulse.testkit.AlertReceiver;
import io.readpulse.testkit.Engine;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.IntUnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The scenario of the site-wide alerts (silence, traffic): demo-news with three articles and a
 * daily rhythm of views, a week of it through Collect and Aggregate on Dynoxide (on a table without
 * a stream: a week of views is too long for the engine's stream), then the eighth day, on which
 * SendAlerts runs on the simulated clock and delivers to a real webhook receiver.
 */
final class DailyRhythmSite {
    static final LocalDate FIRST_DAY = LocalDate.parse("2026-11-16");
    /** The day the tests watch, with a week of the same rhythm behind it. */
    static final LocalDate EIGHTH_DAY = FIRST_DAY.plusDays(7);
    private static final String SITE = "demo-news";
    private static final Pipeline.Article[] ARTICLES = {
            new Pipeline.Article("summit", "https://news.example/world/summit", "Summit ends", "World", Instant.parse("2026-11-15T08:00:00Z")),
            new Pipeline.Article("budget", "https://news.example/politics/budget", "Budget passes", "Politics", Instant.parse("2026-11-15T08:00:00Z")),
            new Pipeline.Article("derby", "https://news.example/sport/derby", "Derby day", "Sport", Instant.parse("2026-11-15T08:00:00Z"))};

    final Pipeline pipeline;
    private final DynamoDbClient dynamo;
    private final String browserName;
    private final Duration firstViewIntoHour;
    private int readers;

    /**
     * Each reader is new: an address and a browser ({@code browserName} and a number) of its own.
     * {@code firstViewIntoHour} places the hour's first view; each test keeps the timing its alert
     * delays were measured with.
     */
    DailyRhythmSite(Engine engine, DynamoDbClient dynamo, Environment environment, String browserName, Duration firstViewIntoHour) {
        this.dynamo = dynamo;
        this.browserName = browserName;
        this.firstViewIntoHour = firstViewIntoHour;
        this.pipeline = Pipeline.withoutTableStream(engine, dynamo, environment, FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant());
        pipeline.createSite(SITE, "news.example");
    }

    /** Seven days of views, {@code viewsInHour} in each hour of the day, each day aggregated at its end. */
    void aWeekOf(IntUnaryOperator viewsInHour) {
        for (int day = 0; day < 7; day++) {
            for (int hour = 0; hour < 24; hour++) {
                sendHour(FIRST_DAY.plusDays(day), hour, viewsInHour.applyAsInt(hour));
            }
            pipeline.aggregate();
        }
    }

    /** SendAlerts as deployed, with one webhook destination: the receiver, for this trigger only. */
    AlertRig webhookTo(AlertReceiver receiver, String trigger) {
        AlertRig rig = new AlertRig(pipeline.environment(), dynamo, pipeline.clock, null);
        assertEquals(0, rig.admin("add", SITE, "webhook", "http://127.0.0.1:" + receiver.port() + "/hook", "--triggers", trigger),
                rig.output());
        return rig;
    }

    /**
     * The eighth day from midnight until {@code endHour}, {@code viewsInHour} an hour. SendAlerts runs
     * every five minutes through the night (to 06:00), whose long gaps between views are normal, and
     * every ten minutes after.
     */
    void eighthDayUntil(int endHour, IntUnaryOperator viewsInHour, AlertRig rig) {
        for (int hour = 0; hour < endHour; hour++) {
            eighthDayViews(hour, viewsInHour.applyAsInt(hour));
            int step = hour < 6 ? 5 : 10;
            for (int minute = step; minute <= 60; minute += step) {
                pipeline.clock.set(eighthDayAt(hour).plus(Duration.ofMinutes(minute)));
                rig.run();
            }
        }
    }

    /** {@code views} views in this hour of the eighth day, spread evenly over it. */
    void eighthDayViews(int hour, int views) {
        sendHour(EIGHTH_DAY, hour, views);
    }

    /** The start of this hour of the eighth day. */
    Instant eighthDayAt(int hour) {
        return EIGHTH_DAY.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(hour));
    }

    /** Runs SendAlerts each minute for {@code minutes}; returns when the receiver's count first reached {@code count}, or null. */
    Instant runEveryMinute(AlertRig rig, AlertReceiver receiver, Instant from, int minutes, int count) {
        Instant reached = null;
        for (int minute = 1; minute <= minutes; minute++) {
            pipeline.clock.set(from.plus(Duration.ofMinutes(minute)));
            rig.run();
            if (reached == null && receiver.received().size() >= count) {
                reached = pipeline.clock.instant();
            }
        }
        return reached;
    }

    private void sendHour(LocalDate day, int hour, int views) {
        Instant firstView = day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(hour)).plus(firstViewIntoHour);
        for (int i = 0; i < views; i++) {
            pipeline.clock.set(firstView.plusMillis(3_600_000L * i / views));
            readers++;
            pipeline.view(SITE, ARTICLES[readers % ARTICLES.length], "10." + (readers >> 16 & 0xFF) + "." + (readers >> 8 & 0xFF) + "." + (readers & 0xFF),
                    "Mozilla/5.0 " + browserName + readers);
        }
    }
}
