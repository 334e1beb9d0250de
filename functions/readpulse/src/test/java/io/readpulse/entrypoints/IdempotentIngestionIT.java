package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.aggregate.AggregateService;
import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.CounterState;
import io.readpulse.http.HttpApiResponse;
import io.readpulse.store.dynamodb.DynamoBatchMarkers;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.MutableClock;
import io.readpulse.testkit.ReadpulseTable;
import io.readpulse.testkit.RealEngineTest;
import io.readpulse.testkit.StreamPump;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;

/**
 * "A retried request never double-counts": events carrying the client's id and time, through
 * collect, the table's real stream and the aggregator on the real engine, with the counts checked
 * exactly after each kind of retry.
 */
class IdempotentIngestionIT extends RealEngineTest {
    static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");
    static final LocalDate DAY = LocalDate.parse("2026-11-29");

    MutableClock clock;

    @BeforeEach
    void site() {
        createSite("demo-news", "news.example");
        clock = new MutableClock(NOW);
    }

    /** A beacon batch of {@code count} views of one article, each with its own id and time, as t.js makes them. */
    ObjectNode batch(String requestTag, int count) {
        ObjectNode body = Pipeline.MAPPER.createObjectNode();
        body.put("site", "demo-news");
        ArrayNode events = body.putArray("events");
        for (int i = 0; i < count; i++) {
            ObjectNode event = events.addObject();
            event.put("type", "view");
            event.put("id", requestTag + "-event-" + i);
            event.put("ts", NOW.minusSeconds(2).toEpochMilli() + i);
            event.set("article", new Pipeline.Article("story-" + (i % 5), "https://news.example/story-" + (i % 5), "Story " + (i % 5),
                    "World", NOW.minus(Duration.ofHours(1))).json());
        }
        return body;
    }

    HttpApiResponse send(CollectHandler collect, ObjectNode body, int reader) {
        return collect.handle(Fixtures.asVisitor(Fixtures.collectEvent(body.toString()), "198.51.100." + reader, "Mozilla/5.0 reader " + reader));
    }

    CollectHandler collect(ExecutionInterceptor... interceptors) {
        return new CollectHandler(CollectHandler.wire(environment(), engine.client(interceptors)), clock);
    }

    /** Plays the stream into the aggregator as the template's mapping does: only raw-event inserts pass. */
    void aggregate(StreamPump pump) {
        List<ObjectNode> inserts = pump.poll().stream()
                .filter(record -> record.path("eventName").asText().equals("INSERT")
                        && record.path("dynamodb").path("Keys").path("pk").path("S").asText().startsWith("EV#"))
                .toList();
        StreamPump.batches(inserts, 10_000).forEach(new AggregateHandler(new AggregateService(
                new DynamoCounterStore(dynamo, table, Duration.ofDays(400), 8), new DynamoBatchMarkers(dynamo, table), clock))::handle);
    }

    long views() {
        DynamoCounterStore counters = new DynamoCounterStore(dynamo, table, Duration.ofDays(400), 1);
        return counters.find(CounterKey.siteTotal("demo-news", DAY)).map(CounterState::views).orElse(0L);
    }

    @Test
    void aRequestRetriedAfterA503MidBatchCountsEachEventOnce() {
        StreamPump pump = new StreamPump(engine.streams(), dynamo, table);
        AtomicInteger batchWrites = new AtomicInteger();
        ExecutionInterceptor failSecondChunk = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                SdkRequest request = context.request();
                if (request instanceof BatchWriteItemRequest && batchWrites.incrementAndGet() == 2) {
                    throw SdkClientException.create("the engine dropped the connection");
                }
            }
        };
        ObjectNode fifty = batch("retried", 50);
        HttpApiResponse failed = send(collect(failSecondChunk), fifty, 1);
        assertEquals(503, failed.statusCode(), failed.body());
        assertTrue(ReadpulseTable.snapshot(dynamo, table).keySet().stream().anyMatch(key -> key.startsWith("EV#")),
                "the first 25 events were stored before the failure");

        clock.advance(Duration.ofSeconds(3));
        assertEquals(202, send(collect(), fifty, 1).statusCode(), "the client retries the same request");
        clock.advance(Duration.ofSeconds(3));
        assertEquals(202, send(collect(), fifty, 1).statusCode(), "and, unsure, once more");
        aggregate(pump);
        assertEquals(50, views(), "every event counted once");
    }

    @Test
    void theSameEventIdInTwoRequestsCountsOnce() {
        StreamPump pump = new StreamPump(engine.streams(), dynamo, table);
        ObjectNode single = batch("single", 1);
        ObjectNode one = (ObjectNode) single.get("events").get(0);
        one.put("site", "demo-news");
        CollectHandler collect = collect();
        assertEquals(202, send(collect, one, 2).statusCode());
        clock.advance(Duration.ofSeconds(40));
        assertEquals(202, send(collect(), one, 2).statusCode(), "another instance, forty seconds later");

        ObjectNode ten = batch("ten", 10);
        assertEquals(202, send(collect, ten, 3).statusCode());
        ObjectNode overlapping = batch("ten", 12);
        assertEquals(202, send(collect, overlapping, 3).statusCode(), "a later request repeating ten ids and adding two");
        aggregate(pump);
        assertEquals(1 + 12, views());
    }

    @Test
    void aBatchWithOneBadEventIsRefusedWholeAndWritesNothing() {
        Map<String, Map<String, AttributeValue>> before = ReadpulseTable.snapshot(dynamo, table);
        ObjectNode fifty = batch("bad", 50);
        ((ObjectNode) fifty.get("events").get(39).get("article")).put("title", "HALF_A_PAIR");
        // JSON can escape half of a surrogate pair; it decodes to a string DynamoDB would refuse mid-batch.
        String body = fifty.toString().replace("HALF_A_PAIR", "Half a pair \\ud800 here");
        HttpApiResponse refused = collect().handle(Fixtures.asVisitor(Fixtures.collectEvent(body), "198.51.100.4", "Mozilla/5.0 reader 4"));
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("events[39].article.title"), refused.body());
        assertEquals(before, ReadpulseTable.snapshot(dynamo, table), "nothing of the request was stored");
    }
}
