package io.readpulse.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.config.DynamoClients;
import io.readpulse.config.Environment;
import io.readpulse.observe.Invocation;
import io.readpulse.observe.Log;
import io.readpulse.observe.Metrics;
import io.readpulse.metadata.ArticleMetadataService;
import io.readpulse.metadata.ArticleVerifier;
import io.readpulse.metadata.FetchPolicy;
import io.readpulse.metadata.PageFetcher;
import io.readpulse.store.dynamodb.DynamoArticleStore;
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
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
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
    /** Article pages are read over the internet: mostly waiting, so several side by side. */
    private static final int PAGE_READS_SIDE_BY_SIDE = 8;

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

    /** The service as the function builds it: article pages read from public addresses, or loopback when the environment says so. */
    public static TrendingService wire(Environment environment, DynamoDbClient dynamo) {
        FetchPolicy policy = environment.flag(Environment.ARTICLE_PAGES_ON_LOOPBACK) ? FetchPolicy.local() : FetchPolicy.production();
        return wire(environment, dynamo, ArticleMetadataService.reading(new ArticleVerifier(new PageFetcher(policy), Clock.systemUTC())));
    }

    /** The service with another way of reading article pages: tests point it at their own publisher's server. */
    public static TrendingService wire(Environment environment, DynamoDbClient dynamo, ArticleMetadataService.PageReader pages) {
        String table = environment.required(Environment.TABLE_NAME);
        Duration counterRetention = environment.days(Environment.COUNTER_RETENTION_DAYS, 400);
        TrendingSettings settings = new TrendingSettings(
                environment.hours(Environment.TRENDING_TOP_MAX_AGE_HOURS, TrendingSettings.DEFAULT_TOP_MAX_AGE_HOURS),
                environment.hours(Environment.TRENDING_FRESH_MAX_AGE_HOURS, TrendingSettings.DEFAULT_FRESH_MAX_AGE_HOURS));
        ArticleMetadataService metadata = new ArticleMetadataService(new DynamoArticleStore(dynamo, table, counterRetention), pages,
                Executors.newFixedThreadPool(PAGE_READS_SIDE_BY_SIDE, runnable -> {
                    Thread thread = new Thread(runnable, "article-page-reader");
                    thread.setDaemon(true);
                    return thread;
                }));
        return new TrendingService(new DynamoSiteStore(dynamo, table),
                new DynamoCounterStore(dynamo, table, counterRetention, READ_CONCURRENCY),
                new DynamoRawEventStore(dynamo, table, environment.days(Environment.RAW_EVENT_RETENTION_DAYS, 7)),
                new DynamoTrendingStore(dynamo, table), metadata, settings);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = MAPPER.readTree(input);
        try (Invocation invocation = Invocations.begin(context, null)) {
            handle(event);
        }
    }

    public TrendingService.RunSummary handle(JsonNode scheduledEvent) {
        Instant now = clock.instant();
        long started = System.nanoTime();
        TrendingService.RunSummary summary = trending.computeAll(now);
        long millis = (System.nanoTime() - started) / 1_000_000;
        Log.info("trending computed", "scheduledAt", scheduledEvent.path("time").asText(null),
                "sitesRanked", summary.sitesRanked(), "sitesIdle", summary.sitesIdle(),
                "articlesRanked", summary.articlesRanked(), "articlesRead", summary.articlesRead(), "listsWritten", summary.listsWritten(),
                "pagesRead", summary.pagesRead(), "sitesOverTime", summary.sitesOverTime(), "millis", millis);
        for (String site : summary.silentSites()) {
            Log.warn("site silent", "site", site, "detail", "no events in the last complete hour, after traffic in the day before");
        }
        Metrics.of("ComputeTrending").milliseconds("RunMillis", millis).count("SitesRanked", summary.sitesRanked())
                .count("SitesOverTime", summary.sitesOverTime()).count("SitesSilent", summary.silentSites().size())
                .count("ListsWritten", summary.listsWritten()).count("ArticlePagesRead", summary.pagesRead())
                .count("ArticlesRead", summary.articlesRead()).emit();
        return summary;
    }
}
