package io.readpulse.store.dynamodb;

import io.readpulse.store.StoreUnavailableException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The write shared by the items kept by read-modify-write (counters, recirculation, active
 * readers): the whole item is put back only if nobody wrote it since it was read, so a writer that
 * lost the race reads it again and retries instead of overwriting the other's update. Whether the
 * item already holds the batch is its {@link BatchLedger}'s to say, before the put; each store keeps
 * its own loop, since what it reads, merges and skips differs.
 */
final class VersionedPuts {
    /** How many times a writer reads again an item that keeps changing before it gives up. */
    static final int MAX_ATTEMPTS = 10;

    private final DynamoDbClient dynamo;
    private final String table;
    /** What a failed put is reported as: it names what the store writes. */
    private final String failure;

    VersionedPuts(DynamoDbClient dynamo, String table, String failure) {
        this.dynamo = dynamo;
        this.table = table;
        this.failure = failure;
    }

    /**
     * The fingerprints which, found in an item's ledger, mean the batch was applied to it already:
     * its own, and those of the batches it was split from.
     */
    static Set<Long> appliedFingerprints(String batchId, Set<String> ancestorBatchIds) {
        Set<String> batches = new HashSet<>(ancestorBatchIds);
        batches.add(batchId);
        return BatchLedger.fingerprints(batches);
    }

    /** Puts an item that was not there when read; false if another writer created it meanwhile. */
    boolean putIfAbsent(Map<String, AttributeValue> item) {
        return put(request -> request.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    /** Puts the item over the one read at {@code readVersion}; false if another writer moved its version meanwhile. */
    boolean putIfVersion(Map<String, AttributeValue> item, long readVersion) {
        return put(request -> request.tableName(table).item(item).conditionExpression("ver = :expected")
                .expressionAttributeValues(Map.of(":expected", Attributes.n(readVersion))));
    }

    private boolean put(Consumer<PutItemRequest.Builder> request) {
        try {
            dynamo.putItem(request);
            return true;
        } catch (ConditionalCheckFailedException concurrentWriter) {
            return false;
        } catch (SdkException e) {
            throw new StoreUnavailableException(failure, e);
        }
    }
}
