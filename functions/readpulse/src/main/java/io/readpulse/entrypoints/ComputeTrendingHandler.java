package io.readpulse.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.config.DynamoClients;
import io.readpulse.config.Environment;
import io.readpulse.config.JsonLog;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.store.dynamodb.DynamoRawEventStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.store.dynamodb.DynamoTrendingStore;
import io.readpulse.trending.TrendingService;
import io.readpulse.trending.TrendingSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The EventBridge schedule in, every active site's Trending lists out. The event says only that it
 * is time; "now" is the clock's. A failure throws, and the next run starts over from the counters.
 * An instance remembers what it read (see {@link TrendingService}): the schedule's one-a-minute
 * invocations keep it warm, so most runs read only what changed.
 */
public final class ComputeTrendingHandler implements RequestStreamHandler {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The eight article shards of today and of yesterday are queried side by side. */
    private static final int READ_CONCURRENCY = 16;

    private final TrendingService trending;
    private final Clock clock;

    public ComputeTrendingHandler() {
        this(Environment.system());
    }

    public ComputeTrendingHandler(Environment environment) {
        this(wire(environment, DynamoClients.create(environment)), Clock.systemUTC());
    }

    public ComputeTrendingHandler(TrendingService trending, Clock clock) {
        this.trending = trending;
        this.clock = clock;
    }

    public static TrendingService wire(Environment environment, DynamoDbClient dynamo) {
        String table = environment.required(Environment.TABLE_NAME);
        TrendingSettings settings = new TrendingSettings(
                environment.hours(Environment.TRENDING_TOP_MAX_AGE_HOURS, TrendingSettings.DEFAULT_TOP_MAX_AGE_HOURS),
                environment.hours(Environment.TRENDING_FRESH_MAX_AGE_HOURS, TrendingSettings.DEFAULT_FRESH_MAX_AGE_HOURS));
        return new TrendingService(new DynamoSiteStore(dynamo, table),
                new DynamoCounterStore(dynamo, table, environment.days(Environment.COUNTER_RETENTION_DAYS, 400), READ_CONCURRENCY),
                new DynamoRawEventStore(dynamo, table, environment.days(Environment.RAW_EVENT_RETENTION_DAYS, 7)),
                new DynamoTrendingStore(dynamo, table), settings);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handle(MAPPER.readTree(input));
    }

    public TrendingService.RunSummary handle(JsonNode scheduledEvent) {
        Instant now = clock.instant();
        long started = System.nanoTime();
        TrendingService.RunSummary summary = trending.computeAll(now);
        JsonLog.info("trending computed", "scheduledAt", scheduledEvent.path("time").asText(null),
                "sitesRanked", summary.sitesRanked(), "sitesIdle", summary.sitesIdle(),
                "articlesRanked", summary.articlesRanked(), "articlesRead", summary.articlesRead(), "listsWritten", summary.listsWritten(),
                "millis", (System.nanoTime() - started) / 1_000_000);
        return summary;
    }
}
