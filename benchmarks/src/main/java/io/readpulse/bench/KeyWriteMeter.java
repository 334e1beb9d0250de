package io.readpulse.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Adds up write units per partition-key value, from the engine's ConsumedCapacity for single-item
 * writes and from the item size (1 unit per started KB, as DynamoDB bills) for batch writes, whose
 * capacity the engine reports only per table.
 */
final class KeyWriteMeter implements ExecutionInterceptor {
    private final Map<String, DoubleAdder> unitsByKey = new ConcurrentHashMap<>();

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (context.request() instanceof PutItemRequest put) {
            return put.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (context.request() instanceof UpdateItemRequest update) {
            return update.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (context.request() instanceof BatchWriteItemRequest batch) {
            for (List<WriteRequest> writes : batch.requestItems().values()) {
                for (WriteRequest write : writes) {
                    if (write.putRequest() != null) {
                        Map<String, AttributeValue> item = write.putRequest().item();
                        add(item.get("pk").s(), Math.ceil(ItemSize.bytes(item) / 1024.0));
                    }
                }
            }
        }
        return context.request();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof PutItemRequest put && context.response() instanceof PutItemResponse response) {
            add(put.item().get("pk").s(), response.consumedCapacity() == null ? 1 : response.consumedCapacity().capacityUnits());
        } else if (context.request() instanceof UpdateItemRequest update && context.response() instanceof UpdateItemResponse response) {
            add(update.key().get("pk").s(), response.consumedCapacity() == null ? 1 : response.consumedCapacity().capacityUnits());
        }
    }

    private void add(String partitionKey, double units) {
        unitsByKey.computeIfAbsent(partitionKey, k -> new DoubleAdder()).add(units);
    }

    Map<String, DoubleAdder> unitsByKey() {
        return unitsByKey;
    }

    /** DynamoDB's item size: attribute names plus values, in UTF-8 bytes (numbers approximated by digits). */
    static final class ItemSize {
        private ItemSize() {
        }

        static long bytes(Map<String, AttributeValue> item) {
            long total = 0;
            for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
                total += attribute.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + value(attribute.getValue());
            }
            return total;
        }

        private static long value(AttributeValue value) {
            if (value.s() != null) {
                return value.s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
            if (value.n() != null) {
                return (value.n().length() + 1) / 2 + 1;
            }
            if (value.b() != null) {
                return value.b().asByteArray().length;
            }
            if (value.bool() != null) {
                return 1;
            }
            if (value.hasM()) {
                return 3 + bytes(value.m());
            }
            if (value.hasL()) {
                return 3 + value.l().stream().mapToLong(ItemSize::value).sum() + value.l().size();
            }
            return 1;
        }
    }
}
