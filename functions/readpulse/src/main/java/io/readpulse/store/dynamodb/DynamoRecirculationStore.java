package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.s;

import io.readpulse.aggregate.RecirculationCounts;
import io.readpulse.aggregate.RecirculationKey;
import io.readpulse.aggregate.RecirculationStore;
import io.readpulse.store.StoreUnavailableException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The recirculation items, written as every counter item is ({@link DynamoCounterStore}): read,
 * add, and put back on condition that the version has not moved, with the same ledger of batches,
 * so a redelivered or bisected batch changes nothing. One write per site-day per batch.
 */
final class DynamoRecirculationStore implements RecirculationStore {
    private final DynamoDbClient dynamo;
    private final String table;
    /** The counters' key space: empty for the live ones, a rebuild's prefix for a replay. */
    private final String prefix;
    /** When an item of a day expires, as the counter items of that day. */
    private final Function<LocalDate, Long> expiry;
    private final VersionedPuts versionedPuts;

    DynamoRecirculationStore(DynamoDbClient dynamo, String table, String prefix, Function<LocalDate, Long> expiry) {
        this.dynamo = dynamo;
        this.table = table;
        this.prefix = prefix;
        this.expiry = expiry;
        this.versionedPuts = new VersionedPuts(dynamo, table, "could not write the recirculation counters");
    }

    @Override
    public int applyOnce(Map<RecirculationKey, RecirculationCounts> deltas, String batchId, Set<String> ancestorBatchIds, Instant now) {
        Set<Long> applied = VersionedPuts.appliedFingerprints(batchId, ancestorBatchIds);
        int written = 0;
        for (Map.Entry<RecirculationKey, RecirculationCounts> delta : deltas.entrySet()) {
            written += applyOne(delta.getKey(), delta.getValue(), batchId, applied, now) ? 1 : 0;
        }
        return written;
    }

    private boolean applyOne(RecirculationKey key, RecirculationCounts delta, String batchId, Set<Long> applied, Instant now) {
        try {
            for (int attempt = 0; attempt < VersionedPuts.MAX_ATTEMPTS; attempt++) {
                Map<String, AttributeValue> stored = dynamo.getItem(request -> request.tableName(table).key(itemKey(key)).consistentRead(true)).item();
                boolean exists = stored != null && !stored.isEmpty();
                BatchLedger ledger = exists ? CounterItemMapper.ledger(stored) : BatchLedger.empty();
                if (ledger.containsAny(applied)) {
                    return false;
                }
                RecirculationCounts state = exists ? RecirculationItemMapper.fromItem(stored).plus(delta) : RecirculationCounts.EMPTY.plus(delta);
                long version = exists ? CounterItemMapper.version(stored) : 0;
                Map<String, AttributeValue> item = RecirculationItemMapper.toItem(key, state, version + 1,
                        ledger.prunedWith(batchId, now, DynamoCounterStore.LEDGER_HORIZON), expiry.apply(key.day()));
                item.putAll(itemKey(key));
                if (exists ? versionedPuts.putIfVersion(item, version) : versionedPuts.putIfAbsent(item)) {
                    return true;
                }
                // another writer got there first: read it again
            }
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not write the recirculation counters", e);
        }
        throw new StoreUnavailableException("recirculation item kept changing under us: " + key, null);
    }

    @Override
    public Map<LocalDate, RecirculationCounts> days(String site, Collection<LocalDate> days) {
        Map<Map<String, AttributeValue>, LocalDate> byKey = new HashMap<>();
        days.forEach(day -> byKey.put(itemKey(new RecirculationKey(site, day)), day));
        Map<LocalDate, RecirculationCounts> found = new TreeMap<>();
        List<Map<String, AttributeValue>> keys = List.copyOf(byKey.keySet());
        for (int start = 0; start < keys.size(); start += BatchReads.LIMIT) {
            BatchReads.get(dynamo, table, keys.subList(start, Math.min(keys.size(), start + BatchReads.LIMIT)), false, null,
                    "could not read the recirculation counters").forEach(item ->
                    found.put(byKey.get(Map.of(Keys.PK, item.get(Keys.PK), Keys.SK, item.get(Keys.SK))), RecirculationItemMapper.fromItem(item)));
        }
        return found;
    }

    private Map<String, AttributeValue> itemKey(RecirculationKey key) {
        Map<String, AttributeValue> live = RecirculationItemMapper.key(key);
        return prefix.isEmpty() ? live : Map.of(Keys.PK, s(prefix + live.get(Keys.PK).s()), Keys.SK, live.get(Keys.SK));
    }
}
