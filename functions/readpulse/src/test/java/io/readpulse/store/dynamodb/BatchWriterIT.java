package io.readpulse.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.store.StoreUnavailableException;
import io.readpulse.testkit.RealEngineTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The one batch writer against the engine. DynamoDB leaves items unprocessed only under throttling,
 * which no local engine does, so the SDK's own interceptor holds some items of a call back from the
 * engine and hands them back as unprocessed, as DynamoDB would: what is written, is written by the engine.
 */
class BatchWriterIT extends RealEngineTest {

    /** Holds back the last {@code perCall} items (or all of them) of each of the first {@code calls} BatchWriteItems. */
    static final class Throttling implements ExecutionInterceptor {
        final int perCall;
        final int calls;
        final List<Integer> sizes = new ArrayList<>();
        final List<Long> startedAt = new ArrayList<>();
        private List<WriteRequest> heldBack = List.of();

        Throttling(int perCall, int calls) {
            this.perCall = perCall;
            this.calls = calls;
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof BatchWriteItemRequest batch)) {
                return context.request();
            }
            String table = batch.requestItems().keySet().iterator().next();
            List<WriteRequest> writes = batch.requestItems().get(table);
            sizes.add(writes.size());
            startedAt.add(System.nanoTime());
            if (sizes.size() > calls) {
                heldBack = List.of();
                return batch;
            }
            int kept = Math.max(0, writes.size() - perCall);
            heldBack = List.copyOf(writes.subList(kept, writes.size()));
            // A call holding every item back still reaches the engine, with a put of its own.
            List<WriteRequest> sent = kept > 0 ? writes.subList(0, kept) : List.of(WriteRequest.builder().putRequest(PutRequest.builder()
                    .item(Map.of(Keys.PK, AttributeValue.fromS("TEST#scratch"), Keys.SK, AttributeValue.fromS("-"))).build()).build());
            return batch.toBuilder().requestItems(Map.of(table, sent)).build();
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (!(context.response() instanceof BatchWriteItemResponse response) || heldBack.isEmpty()) {
                return context.response();
            }
            String table = ((BatchWriteItemRequest) context.request()).requestItems().keySet().iterator().next();
            return response.toBuilder().unprocessedItems(Map.of(table, heldBack)).build();
        }
    }

    List<WriteRequest> puts(int count) {
        List<WriteRequest> puts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            puts.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                    Keys.PK, AttributeValue.fromS("TEST#batch"), Keys.SK, AttributeValue.fromS(String.format("%03d", i)))).build()).build());
        }
        return puts;
    }

    int stored() {
        return dynamo.query(QueryRequest.builder().tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TEST#batch"))).build()).count();
    }

    @Test
    void unprocessedItemsAreWrittenAgainAfterABackoff() {
        Throttling throttling = new Throttling(5, 3);
        try (DynamoDbClient throttled = engine.client(throttling)) {
            new BatchWriter(throttled, table).writeAll(puts(60), "test items");
        }
        assertEquals(60, stored(), "every item is in the table");
        // 60 items are chunks of 25, 25 and 10; the first chunk's last 5 are held back three times, then written.
        assertEquals(List.of(25, 5, 5, 5, 25, 10), throttling.sizes);
        for (int retry = 1; retry <= 3; retry++) {
            long waited = throttling.startedAt.get(retry) - throttling.startedAt.get(retry - 1);
            assertTrue(waited >= BatchWriter.backoffMillis(retry) * 1_000_000, "waited " + BatchWriter.backoffMillis(retry) + " ms before retry " + retry);
        }
        assertEquals(List.of(50L, 100L, 200L, 400L, 800L, 800L), java.util.stream.IntStream.rangeClosed(1, BatchWriter.RETRIES)
                .mapToObj(BatchWriter::backoffMillis).toList());
    }

    @Test
    void itemsThatStayUnprocessedMakeTheStoreUnavailable() {
        Throttling throttling = new Throttling(1, Integer.MAX_VALUE);
        try (DynamoDbClient throttled = engine.client(throttling)) {
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                    () -> new BatchWriter(throttled, table).writeAll(puts(30), "test items"));
            assertTrue(e.getMessage().contains("1 test items stayed unprocessed"), e.getMessage());
        }
        assertEquals(1 + BatchWriter.RETRIES, throttling.sizes.size(), "one call and its bounded retries, then no more");
        assertEquals(24, stored(), "the first chunk's processed items are written; the next chunk is not tried");
    }
}
