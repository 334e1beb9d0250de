package io.readpulse.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.aggregate.AggregateService;
import io.readpulse.collect.CollectService;
import io.readpulse.entrypoints.AggregateHandler;
import io.readpulse.entrypoints.CollectHandler;
import io.readpulse.entrypoints.ComputeTrendingHandler;
import io.readpulse.metadata.ArticleMetadataService;
import io.readpulse.entrypoints.ReportsHandler;
import io.readpulse.entrypoints.TrendingQueryHandler;
import io.readpulse.store.dynamodb.DynamoActiveReaderStore;
import io.readpulse.store.dynamodb.DynamoActiveReaderStore;
import io.readpulse.store.dynamodb.DynamoBatchMarkers;
import io.readpulse.entrypoints.SendAlertsHandler;
import io.readpulse.entrypoints.SendDigestsHandler;
import io.readpulse.alerts.Digest;
import io.readpulse.alerts.DigestSchedule;
import io.readpulse.alerts.DigestService;
import io.readpulse.alerts.AlertService;
import io.readpulse.alerts.Destination;
import io.readpulse.alerts.Trigger;
import io.readpulse.alerts.delivery.DeliveryPolicy;
import io.readpulse.alerts.delivery.HttpAlertSender;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.ArticleRecord;
import io.readpulse.store.dynamodb.DynamoAlertStore;
import io.readpulse.store.dynamodb.DynamoArticleStore;
import io.readpulse.testkit.AlertReceiver;
import java.net.URI;
import java.time.ZoneOffset;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.store.dynamodb.DynamoRawEventStore;
import io.readpulse.store.dynamodb.DynamoSaltStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.store.dynamodb.DynamoTrendingStore;
import io.readpulse.template.SamTemplate.SamFunction;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.MutableClock;
import io.readpulse.testkit.ReadpulseTable;
import io.readpulse.testkit.RealEngineTest;
import io.readpulse.testkit.ReportEvents;
import io.readpulse.testkit.StreamPump;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB calls each function really makes, recorded through an SDK interceptor while its
 * handler runs against Dynoxide, are exactly what its policies in template.yaml allow: every
 * call is allowed, and every action granted is used. A new function is one more entry in
 * {@link #scenarios()}.
 */
class DynamoAccessIT extends RealEngineTest {
    private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");

    private final SamTemplate template = SamTemplate.repository();
    private MutableClock clock;

    /** How each function's handler is driven, on a client that records its calls. */
    private Map<String, Consumer<DynamoDbClient>> scenarios() {
        return Map.of(
                "CollectFunction", this::collect,
                "AggregateFunction", this::aggregate,
                "ReportsFunction", this::reports,
                "ComputeTrendingFunction", this::computeTrending,
                "TrendingQueryFunction", this::trendingQuery,
                "SendAlertsFunction", this::sendAlerts,
                "SendDigestsFunction", this::sendDigests);
    }

    @BeforeEach
    void registerTheSite() {
        clock = new MutableClock(NOW);
        createSite("demo-news", "news.example");
    }

    @TestFactory
    Stream<DynamicTest> everyCallIsAllowedAndEveryGrantIsUsed() {
        return template.functions().values().stream().map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
            List<CallRecorder.Call> calls = callsOf(function);
            IamPolicies policies = IamPolicies.of(template, function);
            String tableArn = tableArn();
            for (CallRecorder.Call call : calls) {
                assertEquals(Set.of(table), call.tables(), call.action() + " must touch only the template's table");
                assertTrue(policies.allows(call.action(), tableArn, call.leadingKeys()),
                        function.logicalId() + " calls " + call.action() + " on partition keys " + call.leadingKeys()
                                + ", which its policies in template.yaml do not allow");
            }
            for (String granted : grantedOn(policies, tableArn)) {
                assertTrue(calls.stream().anyMatch(used -> IamPolicies.matches(granted, used.action(), true)),
                        function.logicalId() + " is granted " + granted + " but never uses it: remove it, or drive the path that does");
            }
            for (IamPolicies.Statement statement : policies.statements()) {
                if (!statement.allow() || statement.leadingKeys() == null) {
                    continue;
                }
                for (String action : statement.actions()) {
                    for (String prefix : statement.leadingKeys()) {
                        assertTrue(calls.stream().anyMatch(call -> IamPolicies.matches(action, call.action(), true)
                                        && call.leadingKeys().stream().anyMatch(key -> IamPolicies.matches(prefix, key, false))),
                                statement.source() + " lets " + function.logicalId() + " call " + action + " on " + prefix
                                        + ", which it never does: remove it, or drive the path that does");
                    }
                }
            }
        }));
    }

    /**
     * The negative control: the same calls against a copy of the template in which one function's
     * LeadingKeys condition lacks one prefix it needs. The check must refuse them, naming the call.
     */
    @TestFactory
    Stream<DynamicTest> aPolicyMissingAPrefixRefusesTheCallsThatNeedIt() {
        return Stream.of(
                        new MissingPrefix("CollectFunction", "SALT"),
                        new MissingPrefix("CollectFunction", "EV#*"),
                        new MissingPrefix("ReportsFunction", "KEYS#*"),
                        new MissingPrefix("AggregateFunction", "AGGB#*"),
                        new MissingPrefix("TrendingQueryFunction", "TR#*"),
                        new MissingPrefix("SendAlertsFunction", "AL#*"))
                .map(missing -> DynamicTest.dynamicTest(missing.function() + " without " + missing.prefix(), () -> {
                    SamFunction function = template.function(missing.function());
                    List<CallRecorder.Call> calls = callsOf(function);
                    IamPolicies narrowed = IamPolicies.of(template, withoutPrefix(function, missing.prefix()));
                    List<CallRecorder.Call> refused = calls.stream()
                            .filter(call -> !narrowed.allows(call.action(), tableArn(), call.leadingKeys())).toList();
                    assertFalse(refused.isEmpty(), "without " + missing.prefix() + ", every call of " + missing.function()
                            + " would still be allowed: the check does not evaluate LeadingKeys");
                    refused.forEach(call -> assertTrue(call.leadingKeys().stream().anyMatch(key -> IamPolicies.matches(missing.prefix(), key, false)),
                            "refused a call that does not need " + missing.prefix() + ": " + call));
                }));
    }

    private record MissingPrefix(String function, String prefix) {
    }

    /** A copy of the function with {@code prefix} taken out of every LeadingKeys list of its inline policies. */
    private static SamFunction withoutPrefix(SamFunction function, String prefix) {
        ObjectNode properties = function.properties().deepCopy();
        boolean removed = false;
        for (JsonNode condition : properties.path("Policies").findValues("Condition")) {
            for (JsonNode operator : condition) {
                JsonNode values = operator.path(IamPolicies.LEADING_KEYS);
                for (int i = values.size() - 1; i >= 0; i--) {
                    if (values.get(i).asText().equals(prefix)) {
                        ((com.fasterxml.jackson.databind.node.ArrayNode) values).remove(i);
                        removed = true;
                    }
                }
            }
        }
        assertTrue(removed, function.logicalId() + "'s policies name no LeadingKeys prefix " + prefix);
        return new SamFunction(function.logicalId(), properties);
    }

    /** Runs the function's scenario on a recording client, on a fresh table, and returns its calls. */
    private List<CallRecorder.Call> callsOf(SamFunction function) {
        Consumer<DynamoDbClient> scenario = scenarios().get(function.logicalId());
        assertNotNull(scenario, "nothing drives " + function.logicalId() + "'s handler here: add its entry to DynamoAccessIT.scenarios()");
        table = "readpulse-" + UUID.randomUUID().toString().substring(0, 8);
        ReadpulseTable.create(dynamo, table);
        registerTheSite();
        CallRecorder recorder = new CallRecorder(partitionKey());
        try (DynamoDbClient recording = engine.client(recorder)) {
            scenario.accept(recording);
        }
        assertFalse(recorder.calls().isEmpty(), function.logicalId() + "'s scenario made no DynamoDB call");
        return recorder.calls();
    }

    private String tableArn() {
        return IamPolicies.arnOf(template, tableLogicalId());
    }

    /** The table's HASH key attribute, as the template declares it. */
    private String partitionKey() {
        for (JsonNode key : template.resources().path(tableLogicalId()).path("Properties").path("KeySchema")) {
            if ("HASH".equals(key.path("KeyType").asText())) {
                return key.path("AttributeName").asText();
            }
        }
        throw new AssertionError(tableLogicalId() + " declares no HASH key");
    }

    @Test
    void theAggregatorsStreamFilterPassesRawEventInsertsAndNothingItWritesItself() {
        StreamFilter filter = StreamFilter.of(dynamoDbEvent(template.function("AggregateFunction")));
        StreamPump pump = new StreamPump(engine.streams(), dynamo, table);
        sendViews(5);
        List<ObjectNode> rawEvents = pump.poll().stream().filter(filter::admits).toList();
        assertEquals(5, rawEvents.size(), "of the site, the day's salt and five raw events, the filter must pass the raw events only");

        aggregatorOn(dynamo).handle(StreamPump.lambdaEvent(rawEvents));
        List<ObjectNode> ownWrites = pump.poll();
        assertFalse(ownWrites.isEmpty());
        ownWrites.forEach(record -> assertFalse(filter.admits(record), "the aggregator would be invoked by its own write: " + record));

        ObjectNode expiry = rawEvents.get(0).deepCopy();
        expiry.put("eventName", "REMOVE");
        assertFalse(filter.admits(expiry), "a TTL deletion of a raw event must not be counted");
    }

    private void collect(DynamoDbClient client) {
        CollectHandler collect = new CollectHandler(new CollectService(new DynamoSiteStore(client, table),
                new DynamoSaltStore(client, table), new DynamoRawEventStore(client, table, Duration.ofDays(7))), clock);
        assertEquals(202, collect.handle(Fixtures.event("collect-view.json")).statusCode());
        assertEquals(202, collect.handle(Fixtures.event("collect-beacon-batch.json")).statusCode());
    }

    private void aggregate(DynamoDbClient client) {
        StreamPump pump = new StreamPump(engine.streams(), dynamo, table);
        sendViews(20);
        StreamFilter filter = StreamFilter.of(dynamoDbEvent(template.function("AggregateFunction")));
        ObjectNode batch = StreamPump.lambdaEvent(pump.poll().stream().filter(filter::admits).toList());
        AggregateHandler aggregate = aggregatorOn(client);
        assertTrue(aggregate.handle(batch) > 0);
        aggregate.handle(batch);
    }

    /** The key check (GetItem), an article's and the site's days and referrers (BatchGetItem), and the top list and sections (Query), and "now" (BatchGetItem). */
    private void reports(DynamoDbClient client) {
        sendViews(5);
        aggregatorOn(dynamo).handle(StreamPump.lambdaEvent(new StreamPump(engine.streams(), dynamo, table).poll()));
        String key = ReportEvents.createKey(dynamo, table, clock, "demo-news");
        ReportsHandler reports = new ReportsHandler(environment(), client, clock);
        for (String report : List.of("articles/raisi-putin-moscow", "site", "top", "sections", "referrers", "now", "authors", "tags",
                "campaigns", "devices", "countries")) {
            assertEquals(200, reports.handle(ReportEvents.get("demo-news", report, key)).statusCode(), report);
        }
    }

    /**
     * Sites (Query), today's and yesterday's counters (Query), baselines and article records
     * (BatchGetItem), pins and lists, and the record of an article page read (PutItem); a minute
     * later, the same instance's refresh asks the raw events which articles changed (Query). The
     * page read itself is not what this test is about: it fails at once, which is recorded all the same.
     */
    private void computeTrending(DynamoDbClient client) {
        sendViews(5);
        aggregatorOn(dynamo).handle(StreamPump.lambdaEvent(new StreamPump(engine.streams(), dynamo, table).poll()));
        ComputeTrendingHandler job = new ComputeTrendingHandler(ComputeTrendingHandler.wire(environment(), client,
                (site, articleId, url) -> ArticleMetadataService.Outcome.failed("unresolvable")), clock);
        job.handle(Fixtures.event("compute-trending-schedule.json"));
        clock.advance(Duration.ofMinutes(1));
        sendViews(2);
        aggregatorOn(dynamo).handle(StreamPump.lambdaEvent(new StreamPump(engine.streams(), dynamo, table).poll()));
        job.handle(Fixtures.event("compute-trending-schedule.json"));
    }

    /** Before the first ranking, a GetItem of the list and one of the site (it exists, so the answer is an empty list); then the list. */
    private void trendingQuery(DynamoDbClient client) {
        TrendingQueryHandler query = new TrendingQueryHandler(new DynamoTrendingStore(client, table), new DynamoSiteStore(client, table), clock);
        assertEquals(200, query.handle(Fixtures.event("trending-query.json")).statusCode());
        computeTrending(dynamo);
        assertEquals(200, query.handle(Fixtures.event("trending-query.json")).statusCode());
    }

    /**
     * Sites, the site's destinations (Query), the lists (GetItem), articles' descriptions and
     * counters and the site's counters (BatchGetItem), recent raw events (Query: the site usually
     * has 40 views at this hour, so the last 15 minutes are looked at), the claim of an alert
     * (PutItem) and its delivery counted (UpdateItem). The receiver is a real one on loopback.
     */
    private void sendAlerts(DynamoDbClient client) {
        // The seven days before: 40 views of an older article from 08:05 each day.
        for (int back = 7; back >= 1; back--) {
            clock.set(NOW.minus(Duration.ofDays(back)).plus(Duration.ofMinutes(5)));
            CollectHandler collect = new CollectHandler(CollectHandler.wire(environment(), dynamo), clock);
            for (int i = 0; i < 40; i++) {
                ObjectNode view = Fixtures.asVisitor(Fixtures.event("collect-view.json"), "198.51.100." + i, "Mozilla/5.0 reader-" + i);
                view.put("body", view.get("body").asText().replace("raisi-putin-moscow", "older-article").replace("2026-11-29T06:30:00Z", "2026-11-01T06:30:00Z"));
                assertEquals(202, collect.handle(view).statusCode());
            }
            aggregatorOn(dynamo).handle(StreamPump.lambdaEvent(new StreamPump(engine.streams(), dynamo, table).poll()));
        }
        Instant eighthDay = NOW;
        clock.set(eighthDay.plus(Duration.ofMinutes(20)));
        new DynamoArticleStore(dynamo, table, Duration.ofDays(400)).save(ArticleRecord.unknown("demo-news", "raisi-putin-moscow").read(
                new ArticleMeta("raisi-putin-moscow", "https://news.example/world/raisi-putin-moscow", "Raisi meets Putin", "World", NOW, null),
                ArticleRecord.Source.PUBLISHER, NOW, null));
        computeTrending(dynamo);
        clock.set(eighthDay.plus(Duration.ofMinutes(24)));
        try (AlertReceiver receiver = AlertReceiver.http()) {
            new DynamoAlertStore(dynamo, table).save(new Destination("demo-news", "0a1b2c3d", Destination.Kind.WEBHOOK,
                    URI.create("http://127.0.0.1:" + receiver.port() + "/hook"), "whsec_test",
                    Set.of(Trigger.RISING, Trigger.MILESTONE, Trigger.SILENCE, Trigger.TRAFFIC), 1, null, ZoneOffset.UTC, null, NOW, 0, 0, null, null));
            SendAlertsHandler alerts = new SendAlertsHandler(SendAlertsHandler.wire(environment(), client, new HttpAlertSender(DeliveryPolicy.local())), clock);
            AlertService.RunSummary summary = alerts.handle(Fixtures.event("send-alerts-schedule.json"));
            assertTrue(summary.delivered() > 0, summary + " " + new DynamoAlertStore(dynamo, table).destinations("demo-news"));
        }
    }

    /**
     * SendDigests at the site's digest hour: the sites (Query), their destinations (Query) and digest
     * schedule (GetItem), the reports of the day before and the day before that as the Reports function
     * reads them (Query and BatchGetItem of counters, BatchGetItem of descriptions), the claim (PutItem)
     * and the delivery counted (UpdateItem), to a real Slack-shaped receiver on loopback.
     */
    private void sendDigests(DynamoDbClient client) {
        for (Instant day : List.of(NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(1)))) {
            clock.set(day.plus(Duration.ofHours(2)));
            CollectHandler collect = new CollectHandler(CollectHandler.wire(environment(), dynamo), clock);
            for (int i = 0; i < 5; i++) {
                ObjectNode view = Fixtures.asVisitor(Fixtures.event("collect-view.json"), "198.51.100." + i, "Mozilla/5.0 reader-" + i);
                view.put("body", view.get("body").asText().replace("2026-11-29T06:30:00Z", "2026-11-01T06:30:00Z"));
                assertEquals(202, collect.handle(view).statusCode());
            }
            aggregatorOn(dynamo).handle(StreamPump.lambdaEvent(new StreamPump(engine.streams(), dynamo, table).poll()));
        }
        new DynamoArticleStore(dynamo, table, Duration.ofDays(400)).save(ArticleRecord.unknown("demo-news", "raisi-putin-moscow").read(
                new ArticleMeta("raisi-putin-moscow", "https://news.example/world/raisi-putin-moscow", "Raisi meets Putin", "World", NOW, null),
                ArticleRecord.Source.PUBLISHER, NOW, null));
        clock.set(NOW.plus(Duration.ofMinutes(5)));
        try (AlertReceiver receiver = AlertReceiver.http()) {
            DynamoAlertStore store = new DynamoAlertStore(dynamo, table);
            store.save(new Destination("demo-news", "0a1b2c3d", Destination.Kind.SLACK, URI.create("http://127.0.0.1:" + receiver.port() + "/slack"),
                    null, Set.of(), 1, null, ZoneOffset.UTC, Digest.DAILY, NOW, 0, 0, null, null));
            store.saveDigestSchedule("demo-news", new DigestSchedule(8, ZoneOffset.UTC));
            SendDigestsHandler digests = new SendDigestsHandler(SendDigestsHandler.wire(environment(), client,
                    new HttpAlertSender(DeliveryPolicy.local()), clock), clock);
            DigestService.RunSummary summary = digests.handle(Fixtures.event("send-alerts-schedule.json"));
            assertEquals(1, summary.delivered(), summary.toString());
        }
    }

    private AggregateHandler aggregatorOn(DynamoDbClient client) {
        return new AggregateHandler(new AggregateService(new DynamoCounterStore(client, table, Duration.ofDays(400), 8), new DynamoBatchMarkers(client, table),
                new DynamoActiveReaderStore(client, table), clock));
    }

    private void sendViews(int count) {
        CollectHandler collect = new CollectHandler(new CollectService(new DynamoSiteStore(dynamo, table),
                new DynamoSaltStore(dynamo, table), new DynamoRawEventStore(dynamo, table, Duration.ofDays(7))), clock);
        for (int i = 0; i < count; i++) {
            ObjectNode view = Fixtures.asVisitor(Fixtures.event("collect-view.json"), "198.51.100." + i, "Mozilla/5.0 reader-" + i);
            assertEquals(202, collect.handle(view).statusCode());
            clock.advance(Duration.ofSeconds(1));
        }
    }

    /** The table the functions get as TABLE_NAME. */
    private String tableLogicalId() {
        return template.root().path("Globals").path("Function").path("Environment").path("Variables").path("TABLE_NAME").path("Ref").asText();
    }

    private static List<String> grantedOn(IamPolicies policies, String resourceArn) {
        return policies.statements().stream()
                .filter(statement -> statement.allow() && statement.resources().stream().anyMatch(pattern -> IamPolicies.matches(pattern, resourceArn, false)))
                .flatMap(statement -> statement.actions().stream()).toList();
    }

    private static JsonNode dynamoDbEvent(SamFunction function) {
        return function.events().values().stream().filter(event -> "DynamoDB".equals(event.path("Type").asText())).findFirst()
                .orElseThrow(() -> new AssertionError(function.logicalId() + " reads no DynamoDB stream"));
    }
}
