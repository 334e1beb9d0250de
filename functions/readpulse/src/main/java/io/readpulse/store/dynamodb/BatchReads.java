package io.readpulse.store.dynamodb;

import io.readpulse.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * One BatchGetItem of up to {@value #LIMIT} keys, with the keys DynamoDB leaves unprocessed (under
 * throttling) asked for again after a growing pause: every store reads a batch of items this way.
 */
final class BatchReads {
    static final int LIMIT = 100;
    private static final int ATTEMPTS = 9;

    private BatchReads() {
    }

    /** The items that exist among these keys, in no particular order. */
    static List<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys,
                                                 boolean consistent, Projection projection, String what) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        List<Map<String, AttributeValue>> pending = keys;
        try {
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt >= ATTEMPTS) {
                    throw new StoreUnavailableException(what + ": reads stayed unprocessed", null);
                }
                KeysAndAttributes.Builder request = KeysAndAttributes.builder().keys(pending).consistentRead(consistent);
                if (projection != null) {
                    request.projectionExpression(projection.expression()).expressionAttributeNames(projection.names());
                }
                BatchGetItemResponse response = dynamo.batchGetItem(batchGet -> batchGet.requestItems(Map.of(table, request.build())));
                found.addAll(response.responses().getOrDefault(table, List.of()));
                KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
                pending = unprocessed == null ? List.of() : unprocessed.keys();
                if (!pending.isEmpty()) {
                    Thread.sleep(20L << Math.min(attempt, 5));
                }
            }
        } catch (SdkException e) {
            throw new StoreUnavailableException(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted: " + what, e);
        }
        return found;
    }
}
