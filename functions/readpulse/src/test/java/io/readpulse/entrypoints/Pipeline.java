package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.admin.Admin;
import io.readpulse.aggregate.AggregateService;
import io.readpulse.config.Environment;
import io.readpulse.http.HttpApiResponse;
import io.readpulse.metadata.ArticleMetadataService;
import io.readpulse.metadata.ArticleVerifier;
import io.readpulse.metadata.FetchPolicy;
import io.readpulse.metadata.PageFetcher;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.ArticleRecord;
import io.readpulse.store.dynamodb.DynamoArticleStore;
import io.readpulse.store.dynamodb.DynamoBatchMarkers;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.store.dynamodb.DynamoTrendingStore;
import io.readpulse.testkit.ArticlePages;
import io.readpulse.testkit.Engine;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.MutableClock;
import io.readpulse.testkit.ReadpulseTable;
import io.readpulse.testkit.StreamPump;
import io.readpulse.testkit.WrittenItemsStream;
import io.readpulse.trending.TrendingService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The deployed path, in process, on a clock the test drives: CollectHandler with the fixtures' event
 * shape, the table's stream into AggregateHandler, ComputeTrendingHandler on the scheduled event's
 * fixture, and TrendingQueryHandler on the query fixture.
 *
 * <p>What lists show comes from the publisher. By default the pipeline plays a publisher that
 * submits each article's description (title, link, section, time) the first time a test's reader
 * views it, as a publisher whose pages cannot be read would with the admin command. Tests of where
 * descriptions come from turn that off and serve real article pages instead ({@link #publisher}),
 * which the job reads over HTTP on loopback; no other host resolves.
 */
final class Pipeline {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** What the template's event source mapping delivers at most per batch. */
    static final int STREAM_BATCH_SIZE = 10_000;

    final MutableClock clock;
    final CollectHandler collect;
    final AggregateHandler aggregate;
    final ComputeTrendingHandler compute;
    final TrendingQueryHandler query;
    private final StreamPump pump;
    private final WrittenItemsStream collectWrites;
    private final DynamoDbClient dynamo;
    private final DynamoDbClient collectClient;
    private final String table;
    private final Environment environment;
    private final DynamoArticleStore articles;
    private final Set<String> described = ConcurrentHashMap.newKeySet();
    /** Whether the publisher submits each article's description when a reader first views it. */
    boolean publisherDescribesArticles = true;
    private volatile ArticlePages publisher;

    /** Where the aggregator's records come from. */
    enum Stream {
        /** The table's own stream, read back from the engine as the event source mapping would. */
        TABLE,
        /**
         * The items collect writes, as the INSERT records the stream would carry, for tables created
         * without a stream: Dynoxide's stream slows every write down in proportion to its length,
         * which long replays cannot afford.
         */
        COLLECT_WRITES
    }

    /** On the test's table, with its stream. */
    Pipeline(Engine engine, DynamoDbClient dynamo, Environment environment, Instant start) {
        this(engine, dynamo, environment, start, Stream.TABLE);
    }

    Pipeline(Engine engine, DynamoDbClient dynamo, Environment environment, Instant start, Stream stream) {
        this.dynamo = dynamo;
        this.table = environment.required(Environment.TABLE_NAME);
        this.environment = environment;
        this.clock = new MutableClock(start);
        this.collectWrites = stream == Stream.COLLECT_WRITES ? new WrittenItemsStream() : null;
        this.pump = stream == Stream.TABLE ? new StreamPump(engine.streams(), dynamo, table) : null;
        this.collectClient = stream == Stream.COLLECT_WRITES ? engine.client(collectWrites) : dynamo;
        this.collect = new CollectHandler(CollectHandler.wire(environment, collectClient), clock);
        this.aggregate = new AggregateHandler(new AggregateService(new DynamoCounterStore(dynamo, table, Duration.ofDays(400), 8), new DynamoBatchMarkers(dynamo, table), clock));
        this.articles = new DynamoArticleStore(dynamo, table, Duration.ofDays(400));
        this.compute = newComputeInstance(dynamo);
        this.query = new TrendingQueryHandler(new DynamoTrendingStore(dynamo, table), new DynamoSiteStore(dynamo, table), clock);
    }

    /** A pipeline whose aggregator reads collect's writes, on a new table created without a stream. */
    static Pipeline withoutTableStream(Engine engine, DynamoDbClient dynamo, Environment environment, Instant start) {
        String streamless = environment.required(Environment.TABLE_NAME) + "-nostream";
        ReadpulseTable.create(dynamo, streamless, false);
        Map<String, String> variables = new HashMap<>(environment.variables());
        variables.put(Environment.TABLE_NAME, streamless);
        return new Pipeline(engine, dynamo, new Environment(variables), start, Stream.COLLECT_WRITES);
    }

    /**
     * Where the alert tests start: demo-news (on news.example), whose article {@code readers} readers
     * have read, aggregated and ranked once, so that a milestone has its reads to count.
     */
    static Pipeline afterReaders(Engine engine, DynamoDbClient dynamo, Environment environment, Instant start, Article article, int readers) {
        Pipeline pipeline = new Pipeline(engine, dynamo, environment, start);
        pipeline.createSite("demo-news", "news.example");
        pipeline.readers("demo-news", article, readers);
        pipeline.aggregate();
        pipeline.computeTrending();
        return pipeline;
    }

    /** The variables this pipeline's functions were built with: its own table's name among them. */
    Environment environment() {
        return environment;
    }

    /** Another instance of ComputeTrending on this pipeline's clock and article pages, through the given client. */
    ComputeTrendingHandler newComputeInstance(DynamoDbClient client) {
        return new ComputeTrendingHandler(ComputeTrendingHandler.wire(environment, client, pageReader()), clock);
    }

    /** Serves the site's article pages from this server: its host resolves to loopback, for the job's page reads only. */
    void publisher(ArticlePages pages) {
        this.publisher = pages;
        this.publisherDescribesArticles = false;
    }

    private ArticleMetadataService.PageReader pageReader() {
        PageFetcher fetcher = new PageFetcher(FetchPolicy.local(), host -> {
            ArticlePages pages = publisher;
            if (pages != null && host.equals(URI.create(pages.origin()).getHost())) {
                return List.of(InetAddress.getLoopbackAddress());
            }
            throw new UnknownHostException(host + " (tests resolve only their publisher's host)");
        });
        return ArticleMetadataService.reading(new ArticleVerifier(fetcher, clock));
    }

    /** The publisher's own description of an article, as `admin article set` submits it. */
    void describe(String site, Article article) {
        articles.save(ArticleRecord.unknown(site, article.id()).read(
                new ArticleMeta(article.id(), article.url(), article.title(), article.section(), article.publishedAt(), null,
                        article.authors(), article.tags()),
                ArticleRecord.Source.PUBLISHER, clock.instant(), null));
        described.add(site + "/" + article.id());
    }

    private void describeOnFirstView(String site, Article article) {
        if (publisherDescribesArticles && !described.contains(site + "/" + article.id())) {
            describe(site, article);
        }
    }

    /** A second collect instance, as a concurrent Lambda environment would be: its own in-memory memory of recent views. */
    CollectHandler anotherCollectInstance() {
        return new CollectHandler(CollectHandler.wire(environment, collectClient), clock);
    }

    void createSite(String site, String... domains) {
        String[] args = new String[3 + 2 * domains.length];
        args[0] = "site";
        args[1] = "create";
        args[2] = site;
        for (int i = 0; i < domains.length; i++) {
            args[3 + 2 * i] = "--domain";
            args[4 + 2 * i] = domains[i];
        }
        assertEquals(0, Admin.sitesOnly(new DynamoSiteStore(dynamo, table), new PrintStream(new ByteArrayOutputStream())).run(args));
    }

    /** An article as its page describes itself in a view event; authors and tags are sent only when there are some. */
    record Article(String id, String url, String title, String section, Instant publishedAt, List<String> authors, List<String> tags) {
        Article(String id, String url, String title, String section, Instant publishedAt) {
            this(id, url, title, section, publishedAt, List.of(), List.of());
        }

        ObjectNode json() {
            ObjectNode node = MAPPER.createObjectNode();
            node.put("id", id);
            node.put("url", url);
            node.put("title", title);
            node.put("section", section);
            node.put("publishedAt", publishedAt.toString());
            if (!authors.isEmpty()) {
                authors.forEach(node.putArray("authors")::add);
            }
            if (!tags.isEmpty()) {
                tags.forEach(node.putArray("tags")::add);
            }
            return node;
        }
    }

    /** One reader's page view, sent as the collect fixture with this reader's address and browser. */
    void view(String site, Article article, String visitorIp, String userAgent) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("site", site);
        body.put("type", "view");
        body.set("article", article.json());
        send(collect, body, visitorIp, userAgent);
        describeOnFirstView(site, article);
    }

    /** {@code count} readers view the article once each, every one from an address and a browser of its own. */
    void readers(String site, Article article, int count) {
        for (int reader = 0; reader < count; reader++) {
            view(site, article, "198.51.100." + reader, "Mozilla/5.0 reader-" + reader);
        }
    }

    /** One reader's views of several articles in one beacon batch (at most 50). */
    void views(String site, List<Article> articles, String visitorIp, String userAgent) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("site", site);
        ArrayNode events = body.putArray("events");
        for (Article article : articles) {
            ObjectNode event = events.addObject();
            event.put("type", "view");
            event.set("article", article.json());
        }
        send(collect, body, visitorIp, userAgent);
        articles.forEach(article -> describeOnFirstView(site, article));
    }

    void share(String site, Article article, String network, String visitorIp, String userAgent) {
        ObjectNode body = referring(site, "share", article);
        body.put("network", network);
        send(collect, body, visitorIp, userAgent);
    }

    void engage(String site, Article article, int seconds, String visitorIp, String userAgent) {
        ObjectNode body = referring(site, "engage", article);
        body.put("seconds", seconds);
        send(collect, body, visitorIp, userAgent);
    }

    /** An event that names its article as t.js names it in pings and shares: id, URL and section. */
    private static ObjectNode referring(String site, String type, Article article) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("site", site);
        body.put("type", type);
        ObjectNode ref = body.putObject("article");
        ref.put("id", article.id());
        ref.put("url", article.url());
        ref.put("section", article.section());
        return body;
    }

    static void send(CollectHandler handler, ObjectNode body, String visitorIp, String userAgent) {
        HttpApiResponse response;
        try {
            response = handler.handle(Fixtures.asVisitor(Fixtures.collectEvent(MAPPER.writeValueAsString(body)), visitorIp, userAgent));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(202, response.statusCode(), response.body());
    }

    /**
     * Plays the event source mapping: the raw events written since the last call, in template-sized
     * batches. Like the template's filter criteria, it passes on only inserts of raw events.
     */
    void aggregate() {
        List<ObjectNode> records = pump != null ? pump.poll() : collectWrites.drain();
        List<ObjectNode> rawEvents = records.stream()
                .filter(record -> record.path("eventName").asText().equals("INSERT")
                        && record.path("dynamodb").path("Keys").path("pk").path("S").asText().startsWith("EV#"))
                .toList();
        StreamPump.batches(rawEvents, STREAM_BATCH_SIZE).forEach(aggregate::handle);
    }

    /** Plays the EventBridge schedule: one run, with the scheduled-event fixture. */
    TrendingService.RunSummary computeTrending() {
        return compute.handle(Fixtures.event("compute-trending-schedule.json"));
    }

    /** The query fixture for a site with these query parameters (null values are left out). */
    static ObjectNode queryEvent(String site, Map<String, String> parameters) {
        ObjectNode event = Fixtures.event("trending-query.json");
        event.put("rawPath", "/v1/sites/" + site + "/trending");
        ((ObjectNode) event.get("pathParameters")).put("site", site);
        ObjectNode query = event.putObject("queryStringParameters");
        StringBuilder raw = new StringBuilder();
        parameters.forEach((name, value) -> {
            query.put(name, value);
            raw.append(raw.length() == 0 ? "" : "&").append(name).append('=').append(value);
        });
        event.put("rawQueryString", raw.toString());
        return event;
    }

    HttpApiResponse query(String site, Map<String, String> parameters) {
        return query.handle(queryEvent(site, parameters));
    }

    /** The list as a widget gets it; fails unless the answer is 200. */
    JsonNode trending(String site, Map<String, String> parameters) {
        HttpApiResponse response = query(site, parameters);
        assertEquals(200, response.statusCode(), response.body());
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
