package io.readpulse.store.dynamodb;

import io.readpulse.collect.Limits;
import io.readpulse.model.EventType;
import io.readpulse.model.TrackedEvent;
import io.readpulse.store.RawEventStore;
import io.readpulse.store.StoreUnavailableException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Raw events, one item each, under one of {@link Keys#RAW_EVENT_BUCKETS} partition keys per site
 * and hour: no key ever takes a hot article's whole load, and an hour of a site can still be read
 * back bucket by bucket for a replay.
 *
 * <p>An event with a client id is stored at a key made of that id and the client's time alone, so
 * a retried request writes the very same items again: a single event's conditional put finds it
 * there, a batch's put replaces it, and neither is a new item, so the stream (whose filter passes
 * only inserts) counts each id once. Other events get a random key, as a retry of them cannot be
 * told from a new event.
 */
public final class DynamoRawEventStore implements RawEventStore {
    private static ExecutorService readers;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;
    private final BatchWriter writer;
    /**
     * Seeds each request's key randomness from the OS. A generator seeded in memory would be
     * copied, seed and all, into every instance SnapStart restores from one snapshot, and
     * instances started together would then write the same keys, one event overwriting another.
     */
    private final SecureRandom seeds = new SecureRandom();

    public DynamoRawEventStore(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.writer = new BatchWriter(dynamo, table);
    }

    @Override
    public void append(List<TrackedEvent> events) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(events.size());
        SplittableRandom random = new SplittableRandom(seeds.nextLong());
        for (int i = 0; i < events.size(); i++) {
            items.add(toItem(events.get(i), i, random));
        }
        try {
            if (items.size() == 1) {
                putOnce(items.get(0));
                return;
            }
            writer.writeAll(items.stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                    .toList(), "events");
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not store events", e);
        }
    }

    /** A retried single event is already there: the put's condition fails, and the event is stored as it was. */
    private void putOnce(Map<String, AttributeValue> item) {
        try {
            dynamo.putItem(request -> request.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException alreadyStored) {
            // Stored by the request this one retries.
        }
    }

    @Override
    public List<TrackedEvent> readHour(String site, Instant hourStart) {
        List<TrackedEvent> events = new ArrayList<>();
        try {
            for (int bucket = 0; bucket < Keys.RAW_EVENT_BUCKETS; bucket++) {
                String partition = Keys.rawEvents(site, hourStart, bucket);
                dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                                .keyConditionExpression("pk = :pk")
                                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition))).build())
                        .items().forEach(item -> events.add(RawEventCodec.fromItem(item)));
            }
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not read raw events of " + site, e);
        }
        events.sort(Comparator.comparing(TrackedEvent::occurredAt));
        return events;
    }

    @Override
    public Set<String> articlesWithEventsSince(String site, Instant from, Instant to) {
        List<Callable<Set<String>>> queries = new ArrayList<>();
        // Events are logged at their client's time, which may run a few minutes ahead of the server's.
        Instant last = to.plusMillis(Limits.MAX_CLOCK_SKEW_MILLIS);
        for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); !hour.isAfter(last); hour = hour.plus(Duration.ofHours(1))) {
            for (int bucket = 0; bucket < Keys.RAW_EVENT_BUCKETS; bucket++) {
                String partition = Keys.rawEvents(site, hour, bucket);
                queries.add(() -> {
                    Set<String> articles = new HashSet<>();
                    dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                                    .keyConditionExpression("pk = :pk and sk >= :from")
                                    .projectionExpression("#article").expressionAttributeNames(Map.of("#article", RawEventCodec.ARTICLE))
                                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition),
                                            ":from", AttributeValue.fromS(Keys.rawEventsFrom(from)))).build())
                            .items().stream().filter(item -> item.containsKey(RawEventCodec.ARTICLE)) // the box's events name none
                            .forEach(item -> articles.add(item.get(RawEventCodec.ARTICLE).s()));
                    return articles;
                });
            }
        }
        Set<String> articles = new HashSet<>();
        try {
            for (Future<Set<String>> query : readers().invokeAll(queries)) {
                articles.addAll(query.get());
            }
        } catch (ExecutionException e) {
            throw new StoreUnavailableException("could not read raw events of " + site, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while reading raw events of " + site, e);
        }
        return articles;
    }

    @Override
    public long humanViewsBetween(String site, Instant from, Instant to) {
        List<Callable<Long>> queries = new ArrayList<>();
        for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
            for (int bucket = 0; bucket < Keys.RAW_EVENT_BUCKETS; bucket++) {
                String partition = Keys.rawEvents(site, hour, bucket);
                queries.add(() -> {
                    long count = 0;
                    for (var page : dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                            .keyConditionExpression("pk = :pk and sk between :from and :to")
                            .filterExpression("#type = :view and attribute_not_exists(#bot)")
                            .expressionAttributeNames(Map.of("#type", RawEventCodec.TYPE, "#bot", RawEventCodec.BOT))
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition),
                                    ":from", AttributeValue.fromS(Keys.rawEventsFrom(from)), ":to", AttributeValue.fromS(Keys.rawEventsFrom(to)),
                                    ":view", AttributeValue.fromS(EventType.VIEW.storedCode())))
                            .select(Select.COUNT).build())) {
                        count += page.count();
                    }
                    return count;
                });
            }
        }
        long views = 0;
        try {
            for (Future<Long> query : readers().invokeAll(queries)) {
                views += query.get();
            }
        } catch (ExecutionException e) {
            throw new StoreUnavailableException("could not count raw events of " + site, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while counting raw events of " + site, e);
        }
        return views;
    }

    /** The bucket queries of a read run side by side; made on first use, so collect never starts it. */
    private static synchronized ExecutorService readers() {
        if (readers == null) {
            readers = Executors.newFixedThreadPool(16, runnable -> {
                Thread thread = new Thread(runnable, "raw-event-reader");
                thread.setDaemon(true);
                return thread;
            });
        }
        return readers;
    }

    private Map<String, AttributeValue> toItem(TrackedEvent event, int indexInRequest, SplittableRandom random) {
        String partitionKey;
        String sortKey;
        if (event.eventId() != null) {
            partitionKey = Keys.rawEvents(event.site(), event.loggedAt(), Math.floorMod(event.eventId().hashCode(), Keys.RAW_EVENT_BUCKETS));
            sortKey = event.loggedAt().toEpochMilli() + "#" + event.eventId();
        } else {
            partitionKey = Keys.rawEvents(event.site(), event.loggedAt(), random.nextInt(Keys.RAW_EVENT_BUCKETS));
            sortKey = event.loggedAt().toEpochMilli() + "#" + Long.toString(random.nextLong() >>> 1, 36) + "#" + indexInRequest;
        }
        long ttl = event.occurredAt().plus(retention).getEpochSecond();
        return RawEventCodec.toItem(event, partitionKey, sortKey, ttl);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while retrying a write", e);
        }
    }
}
