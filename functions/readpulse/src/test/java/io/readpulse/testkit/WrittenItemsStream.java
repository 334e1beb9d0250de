package io.readpulse.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Plays the table's stream for a benchmark or a high-volume test: every item a client wrote successfully becomes the
 * INSERT record DynamoDB Streams would deliver, in write order, or MODIFY where it replaced an item
 * of the same key written before (a retried event). Used where Dynoxide's own stream would slow the
 * run down (see {@code ReadpulseTable.create}); the records are the same JSON.
 */
public final class WrittenItemsStream implements ExecutionInterceptor {
    private final List<ObjectNode> records = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Set<Map<String, AttributeValue>> written = new HashSet<>();

    @Override
    public synchronized void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof PutItemRequest put) {
            add(put.item());
        } else if (context.request() instanceof BatchWriteItemRequest batch && context.response() instanceof BatchWriteItemResponse response) {
            batch.requestItems().forEach((table, writes) -> {
                List<WriteRequest> unprocessed = response.unprocessedItems().getOrDefault(table, List.of());
                for (WriteRequest write : writes) {
                    if (write.putRequest() != null && !unprocessed.contains(write)) {
                        add(write.putRequest().item());
                    }
                }
            });
        }
    }

    private void add(Map<String, AttributeValue> item) {
        long n = sequence.incrementAndGet();
        ObjectNode record = StreamPump.insertRecord("bench-" + n, String.format("%021d", n), item, "arn:aws:dynamodb:us-east-1:000000000000:table/bench/stream/1");
        if (!written.add(Map.of("pk", item.get("pk"), "sk", item.get("sk")))) {
            record.put("eventName", "MODIFY");
        }
        records.add(record);
    }

    /** The records written since the last call, oldest first. */
    public synchronized List<ObjectNode> drain() {
        List<ObjectNode> drained = new ArrayList<>(records);
        records.clear();
        return drained;
    }
}
