package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.s;

import io.readpulse.aggregate.CounterChange;
import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.CounterState;
import io.readpulse.aggregate.CounterStore;
import io.readpulse.aggregate.RankingInputs;
import io.readpulse.aggregate.ReadsBaseline;
import io.readpulse.aggregate.RecirculationStore;
import io.readpulse.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Counter items, updated by read-modify-write: the store reads each item, applies the batch's
 * change to it ({@link CounterChange}: the rules are the domain's) and puts the whole item back on
 * condition that its version has not moved. Each item keeps a
 * short ledger of the batches applied to it, which is what makes a redelivered batch (or a bisected
 * half of one) change nothing. One write per item per batch, no transactions (which cost double).
 *
 * <p>A replay rebuilds days in a key space of its own ({@link #startRebuild}), through this same
 * code, and swaps the rebuilt items in only once every day is folded.
 */
public final class DynamoCounterStore implements CounterStore {
    /** Longer than the event source mapping's MaximumRecordAgeInSeconds (one hour) allows a retry to come. */
    static final Duration LEDGER_HORIZON = Duration.ofMinutes(90);
    private static final Projection KEY_AND_VERSION = Projection.of(Keys.PK, Keys.SK, CounterItemMapper.VERSION);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration counterRetention;
    /** The live counters, or a replay's rebuild of some days. */
    private final KeySpace space;
    /** Runs the counter writes of a batch, and the shard queries of a site-day, side by side. */
    private final ExecutorService workers;
    private final BatchWriter writer;
    private final VersionedPuts versionedPuts;

    public DynamoCounterStore(DynamoDbClient dynamo, String table, Duration counterRetention, int concurrency) {
        this(dynamo, table, counterRetention, KeySpace.LIVE, Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "counter-io");
            thread.setDaemon(true);
            return thread;
        }));
    }

    private DynamoCounterStore(DynamoDbClient dynamo, String table, Duration counterRetention, KeySpace space, ExecutorService workers) {
        this.dynamo = dynamo;
        this.table = table;
        this.counterRetention = counterRetention;
        this.space = space;
        this.workers = workers;
        this.writer = new BatchWriter(dynamo, table);
        this.versionedPuts = new VersionedPuts(dynamo, table, "could not write counters");
    }

    /**
     * Where a store's counter items are: the live ones, or a rebuild's, whose partition keys are the
     * live ones behind {@link Keys#rebuildSpace} and whose items expire unless they are swapped in.
     *
     * @param firstDay a rebuild's first day: the days before it are read from the live counters
     * @param expiresAt when a rebuild's items expire; null for the live counters, which keep theirs
     */
    private record KeySpace(String prefix, LocalDate firstDay, Instant expiresAt) {
        static final KeySpace LIVE = new KeySpace("", null, null);

        boolean live() {
            return prefix.isEmpty();
        }

        /** Where a day's items are read from: a rebuild reads the days before its first from the live counters. */
        KeySpace holding(LocalDate day) {
            return live() || !day.isBefore(firstDay) ? this : LIVE;
        }

        String partition(String livePartition) {
            return prefix + livePartition;
        }

        Map<String, AttributeValue> itemKey(CounterKey key) {
            Map<String, AttributeValue> live = CounterItemMapper.key(key);
            return live() ? live : Map.of(Keys.PK, s(partition(live.get(Keys.PK).s())), Keys.SK, live.get(Keys.SK));
        }
    }

    @Override
    public int applyOnce(Map<CounterKey, CounterChange> changes, String batchId, Set<String> ancestorBatchIds, Instant now) {
        if (changes.isEmpty()) {
            return 0;
        }
        Map<CounterKey, Map<String, AttributeValue>> current = getItems(space, changes.keySet(), true, null);
        // The day before of the items not written yet, from where a day's first items are (a rebuild reads its first day's from the live ones).
        Map<KeySpace, List<CounterKey>> previousDayKeys = new HashMap<>();
        changes.keySet().stream().filter(key -> !current.containsKey(key)).forEach(key ->
                previousDayKeys.computeIfAbsent(space.holding(key.day().minusDays(1)), in -> new ArrayList<>()).add(key.previousDay()));
        Map<CounterKey, Map<String, AttributeValue>> previousDay = new HashMap<>();
        previousDayKeys.forEach((in, keys) -> previousDay.putAll(getItems(in, keys, true, null)));

        Set<Long> applied = VersionedPuts.appliedFingerprints(batchId, ancestorBatchIds);
        List<Future<Boolean>> writes = new ArrayList<>(changes.size());
        changes.forEach((key, change) -> writes.add(workers.submit(() ->
                applyOne(key, change, current.get(key), previousDay.get(key.previousDay()), batchId, applied, now))));
        int written = 0;
        for (boolean wrote : awaitAll(writes, "could not apply counters")) {
            written += wrote ? 1 : 0;
        }
        return written;
    }

    /** Every task's result in order; the first failure is rethrown once all have finished. */
    private static <T> List<T> awaitAll(List<Future<T>> tasks, String failureMessage) {
        List<T> results = new ArrayList<>(tasks.size());
        RuntimeException failure = null;
        for (Future<T> task : tasks) {
            try {
                results.add(task.get());
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new StoreUnavailableException("interrupted: " + failureMessage, e);
            }
        }
        if (failure != null) {
            throw failure instanceof StoreUnavailableException unavailable ? unavailable
                    : new StoreUnavailableException(failureMessage, failure);
        }
        return results;
    }

    private boolean applyOne(CounterKey key, CounterChange change, Map<String, AttributeValue> item,
                             Map<String, AttributeValue> previousDayItem, String batchId, Set<Long> appliedMarkers, Instant now) {
        Map<String, AttributeValue> stored = item;
        for (int attempt = 0; attempt < VersionedPuts.MAX_ATTEMPTS; attempt++) {
            BatchLedger ledger = stored == null ? BatchLedger.empty() : CounterItemMapper.ledger(stored);
            if (ledger.containsAny(appliedMarkers)) {
                return false;
            }
            CounterState state = stored == null
                    ? change.apply(null, previousDayItem == null ? null : CounterItemMapper.fromItem(key.previousDay(), previousDayItem))
                    : change.apply(CounterItemMapper.fromItem(key, stored), null);
            if (state == null) {
                return false;
            }
            long version = stored == null ? 0 : CounterItemMapper.version(stored);
            BatchLedger newLedger = ledger.prunedWith(batchId, now, LEDGER_HORIZON);
            long ttl = space.live() ? liveExpiry(key.day()) : space.expiresAt().getEpochSecond();
            Map<String, AttributeValue> newItem = CounterItemMapper.toItem(key, state, version + 1, newLedger, ttl);
            newItem.putAll(space.itemKey(key));
            if (stored == null ? versionedPuts.putIfAbsent(newItem) : versionedPuts.putIfVersion(newItem, version)) {
                return true;
            }
            stored = getItems(space, List.of(key), true, null).get(key);
        }
        throw new StoreUnavailableException("counter item kept changing under us: " + key, null);
    }

    /** A live counter item of a day expires the retention after the day ends. */
    private long liveExpiry(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() + counterRetention.toSeconds();
    }

    @Override
    public RecirculationStore recirculation() {
        return new DynamoRecirculationStore(dynamo, table, space.prefix(),
                day -> space.live() ? liveExpiry(day) : space.expiresAt().getEpochSecond());
    }

    @Override
    public Optional<CounterState> find(CounterKey key) {
        return Optional.ofNullable(findAll(List.of(key)).get(key));
    }

    @Override
    public Map<CounterKey, CounterState> findAll(Collection<CounterKey> keys) {
        return mapAll(getItems(space, keys, false, null), Function.identity());
    }

    @Override
    public Map<CounterKey, RankingInputs> findRankingInputs(Collection<CounterKey> keys) {
        return mapAll(getItems(space, keys, false, CounterItemMapper.RANKING_INPUTS), CounterState::rankingInputs);
    }

    @Override
    public Map<CounterKey, ReadsBaseline> findReads(Collection<CounterKey> keys) {
        return mapAll(getItems(space, keys, false, CounterItemMapper.READS_ONLY), CounterState::readsBaseline);
    }

    private static <T> Map<CounterKey, T> mapAll(Map<CounterKey, Map<String, AttributeValue>> items, Function<CounterState, T> projection) {
        Map<CounterKey, T> found = new LinkedHashMap<>();
        items.forEach((key, item) -> found.put(key, projection.apply(CounterItemMapper.fromItem(key, item))));
        return found;
    }

    @Override
    public Map<String, CounterState> articlesOfDay(String site, LocalDate day) {
        return queryArticlesOfDays(site, List.of(day), null, Function.identity()).get(day);
    }

    @Override
    public Map<LocalDate, Map<String, RankingInputs>> rankingInputsOfDays(String site, List<LocalDate> days) {
        return queryArticlesOfDays(site, days, CounterItemMapper.RANKING_INPUTS, CounterState::rankingInputs);
    }

    /** Every shard of every day is queried side by side: a big site's day is many pages per shard. */
    private <T> Map<LocalDate, Map<String, T>> queryArticlesOfDays(String site, List<LocalDate> days, Projection projection,
                                                                   Function<CounterState, T> read) {
        List<LocalDate> dayOfShard = new ArrayList<>();
        List<Future<Map<String, T>>> shards = new ArrayList<>();
        for (LocalDate day : days) {
            for (int shard = 0; shard < Keys.ARTICLE_DAY_SHARDS; shard++) {
                String partition = space.partition(Keys.articleDayShard(site, day, shard));
                dayOfShard.add(day);
                shards.add(workers.submit(() -> queryShard(site, day, partition, projection, read)));
            }
        }
        List<Map<String, T>> results = awaitAll(shards, "could not read the articles of " + site);
        Map<LocalDate, Map<String, T>> articles = new HashMap<>();
        for (int i = 0; i < results.size(); i++) {
            articles.computeIfAbsent(dayOfShard.get(i), day -> new HashMap<>()).putAll(results.get(i));
        }
        return articles;
    }

    private <T> Map<String, T> queryShard(String site, LocalDate day, String partition, Projection projection, Function<CounterState, T> read) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(partition)));
        if (projection != null) {
            query.projectionExpression(projection.expression()).expressionAttributeNames(projection.names());
        }
        Map<String, T> articles = new HashMap<>();
        try {
            dynamo.queryPaginator(query.build()).items().forEach(item -> {
                String articleId = item.get(Keys.SK).s();
                articles.put(articleId, read.apply(CounterItemMapper.fromItem(CounterKey.article(site, day, articleId), item)));
            });
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not read the articles of " + site + " on " + day, e);
        }
        return articles;
    }

    @Override
    public int countDay(String site, LocalDate day) {
        int count = 0;
        try {
            for (String partition : partitionsOfDay(site, day)) {
                count += dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true).select(Select.COUNT)
                                .keyConditionExpression("pk = :pk")
                                .expressionAttributeValues(Map.of(":pk", s(space.partition(partition)))).build())
                        .stream().mapToInt(QueryResponse::count).sum();
            }
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not count the counters of " + site + " on " + day, e);
        }
        return count;
    }

    @Override
    public Rebuild startRebuild(String rebuildId, LocalDate firstDay, Instant expiresAt) {
        if (!space.live()) {
            throw new IllegalStateException("a rebuild starts from the live counters");
        }
        return new StagedRebuild(new DynamoCounterStore(dynamo, table, counterRetention,
                new KeySpace(Keys.rebuildSpace(rebuildId), firstDay, expiresAt), workers));
    }

    /** A rebuild is a store over its own key space that can swap its days into the live one. */
    private record StagedRebuild(DynamoCounterStore counters) implements Rebuild {
        @Override
        public Swap swapIn(String site, LocalDate day) {
            return counters.swapDay(site, day);
        }
    }

    /** The day's partitions are swapped side by side: the site-day and each article shard. */
    private Swap swapDay(String site, LocalDate day) {
        List<Future<Swap>> partitions = new ArrayList<>();
        for (String partition : partitionsOfDay(site, day)) {
            partitions.add(workers.submit(() -> swapPartition(partition, day)));
        }
        int written = 0;
        int deleted = 0;
        for (Swap swap : awaitAll(partitions, "could not swap in the rebuilt counters of " + site + " on " + day)) {
            written += swap.written();
            deleted += swap.deleted();
        }
        return new Swap(written, deleted);
    }

    private Swap swapPartition(String livePartition, LocalDate day) {
        String rebuiltPartition = space.partition(livePartition);
        try {
            List<Map<String, AttributeValue>> rebuilt = queryPartition(rebuiltPartition, null);
            Map<String, Long> liveVersions = new HashMap<>();
            queryPartition(livePartition, KEY_AND_VERSION).forEach(item -> liveVersions.put(item.get(Keys.SK).s(), CounterItemMapper.version(item)));
            List<WriteRequest> changes = new ArrayList<>();
            for (Map<String, AttributeValue> item : rebuilt) {
                String sortKey = item.get(Keys.SK).s();
                Map<String, AttributeValue> live = new HashMap<>(item);
                live.put(Keys.PK, s(livePartition));
                live.put(Keys.TTL, Attributes.n(liveExpiry(day)));
                // Past the live item's version, so that a writer holding the old item cannot put it back.
                live.put(CounterItemMapper.VERSION, Attributes.n(liveVersions.getOrDefault(sortKey, 0L) + 1));
                changes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(live).build()).build());
                liveVersions.remove(sortKey);
            }
            liveVersions.keySet().forEach(sortKey -> changes.add(delete(livePartition, sortKey)));
            writer.writeAll(changes, "rebuilt counters");
            writer.writeAll(rebuilt.stream().map(item -> delete(rebuiltPartition, item.get(Keys.SK).s())).toList(), "rebuilt counters");
            return new Swap(rebuilt.size(), liveVersions.size());
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not swap in " + livePartition, e);
        }
    }

    private List<Map<String, AttributeValue>> queryPartition(String partition, Projection projection) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(partition)));
        if (projection != null) {
            query.projectionExpression(projection.expression()).expressionAttributeNames(projection.names());
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(query.build()).items().forEach(items::add);
        return items;
    }

    private static WriteRequest delete(String partition, String sortKey) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                .key(Map.of(Keys.PK, s(partition), Keys.SK, s(sortKey))).build()).build();
    }

    /** The live partition keys of a site's counters on one day: the site-day's and each article shard's. */
    private static List<String> partitionsOfDay(String site, LocalDate day) {
        List<String> partitions = new ArrayList<>();
        partitions.add(Keys.siteDay(site, day));
        for (int shard = 0; shard < Keys.ARTICLE_DAY_SHARDS; shard++) {
            partitions.add(Keys.articleDayShard(site, day, shard));
        }
        return partitions;
    }

    /**
     * BatchGets of up to 100 keys; several run side by side on the workers. Called with more than
     * 100 keys only from outside the workers (a worker waiting on its own pool could starve it).
     */
    private Map<CounterKey, Map<String, AttributeValue>> getItems(KeySpace in, Collection<CounterKey> keys, boolean consistent, Projection projection) {
        List<CounterKey> all = List.copyOf(new LinkedHashSet<>(keys));
        if (all.size() <= BatchReads.LIMIT) {
            return getChunk(in, all, consistent, projection);
        }
        List<Future<Map<CounterKey, Map<String, AttributeValue>>>> chunks = new ArrayList<>();
        for (int start = 0; start < all.size(); start += BatchReads.LIMIT) {
            List<CounterKey> chunk = all.subList(start, Math.min(all.size(), start + BatchReads.LIMIT));
            chunks.add(workers.submit(() -> getChunk(in, chunk, consistent, projection)));
        }
        Map<CounterKey, Map<String, AttributeValue>> found = new HashMap<>();
        awaitAll(chunks, "could not read counters").forEach(found::putAll);
        return found;
    }

    private Map<CounterKey, Map<String, AttributeValue>> getChunk(KeySpace in, List<CounterKey> keys, boolean consistent, Projection projection) {
        Map<Map<String, AttributeValue>, CounterKey> byItemKey = new HashMap<>();
        keys.forEach(key -> byItemKey.put(in.itemKey(key), key));
        Map<CounterKey, Map<String, AttributeValue>> found = new HashMap<>();
        BatchReads.get(dynamo, table, List.copyOf(byItemKey.keySet()), consistent, projection, "could not read counters").forEach(item ->
                found.put(byItemKey.get(Map.of(Keys.PK, item.get(Keys.PK), Keys.SK, item.get(Keys.SK))), item));
        return found;
    }
}
