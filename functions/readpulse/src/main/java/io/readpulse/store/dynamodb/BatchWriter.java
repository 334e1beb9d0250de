package io.readpulse.store.dynamodb;

import io.readpulse.store.StoreUnavailableException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Every BatchWriteItem of the stores: writes in chunks of {@value #CHUNK}, and the items DynamoDB
 * leaves unprocessed (it may, under throttling, without failing the call) are written again after
 * an exponential backoff, {@value #RETRIES} times at most, about 2.4 seconds in all. Then, or on
 * any failed call, {@link StoreUnavailableException}.
 */
final class BatchWriter {
    static final int CHUNK = 25;
    static final int RETRIES = 6;
    private static final long FIRST_BACKOFF_MILLIS = 50;
    private static final long LONGEST_BACKOFF_MILLIS = 800;

    private final DynamoDbClient dynamo;
    private final String table;

    BatchWriter(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Writes every request; a chunk whose items stay unprocessed stops the rest.
     *
     * @param what what is written, for the exception's message
     */
    void writeAll(List<WriteRequest> requests, String what) {
        for (int start = 0; start < requests.size(); start += CHUNK) {
            writeChunk(requests.subList(start, Math.min(requests.size(), start + CHUNK)), what);
        }
    }

    private void writeChunk(List<WriteRequest> chunk, String what) {
        List<WriteRequest> pending = chunk;
        for (int retry = 0; !pending.isEmpty(); retry++) {
            if (retry > RETRIES) {
                throw new StoreUnavailableException(pending.size() + " " + what + " stayed unprocessed after " + RETRIES + " retries", null);
            }
            if (retry > 0) {
                sleep(backoffMillis(retry), what);
            }
            List<WriteRequest> batch = pending;
            try {
                pending = dynamo.batchWriteItem(request -> request.requestItems(Map.of(table, batch)))
                        .unprocessedItems().getOrDefault(table, List.of());
            } catch (SdkException e) {
                throw new StoreUnavailableException("could not write " + what, e);
            }
        }
    }

    /** 50 ms before the first retry, doubling up to 800 ms. */
    static long backoffMillis(int retry) {
        return Math.min(LONGEST_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(retry - 1, 10));
    }

    private static void sleep(long millis, String what) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while writing " + what, e);
        }
    }
}
