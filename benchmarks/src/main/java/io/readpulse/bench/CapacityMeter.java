package io.readpulse.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Asks the engine for ConsumedCapacity on every call a client makes and adds it up, per operation:
 * the write and read units the engine itself says each call cost. Failed conditional writes are
 * counted as one unit each, as DynamoDB bills them (the engine returns an error, not a capacity).
 */
final class CapacityMeter implements ExecutionInterceptor {
    private final Map<String, DoubleAdder> units = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof PutItemRequest put) {
            return put.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof BatchWriteItemRequest batch) {
            return batch.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof UpdateItemRequest update) {
            return update.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof GetItemRequest get) {
            return get.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof BatchGetItemRequest batchGet) {
            return batchGet.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof QueryRequest query) {
            return query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        String operation = response.getClass().getSimpleName().replace("Response", "");
        calls.computeIfAbsent(operation, k -> new LongAdder()).increment();
        double consumed = 0;
        if (response instanceof PutItemResponse put) {
            consumed = units(put.consumedCapacity());
        } else if (response instanceof UpdateItemResponse update) {
            consumed = units(update.consumedCapacity());
        } else if (response instanceof BatchWriteItemResponse batch) {
            consumed = batch.consumedCapacity().stream().mapToDouble(CapacityMeter::units).sum();
        } else if (response instanceof GetItemResponse get) {
            consumed = units(get.consumedCapacity());
        } else if (response instanceof BatchGetItemResponse batchGet) {
            consumed = batchGet.consumedCapacity().stream().mapToDouble(CapacityMeter::units).sum();
        } else if (response instanceof QueryResponse query) {
            consumed = units(query.consumedCapacity());
        }
        units.computeIfAbsent(operation, k -> new DoubleAdder()).add(consumed);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        String operation = context.request().getClass().getSimpleName().replace("Request", "") + "(failed)";
        calls.computeIfAbsent(operation, k -> new LongAdder()).increment();
        if (context.request() instanceof PutItemRequest || context.request() instanceof UpdateItemRequest) {
            units.computeIfAbsent(operation, k -> new DoubleAdder()).add(1);
        }
    }

    private static double units(ConsumedCapacity capacity) {
        return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    }

    double writeUnits() {
        return sum("PutItem") + sum("BatchWriteItem") + sum("UpdateItem") + sum("PutItem(failed)") + sum("UpdateItem(failed)");
    }

    double readUnits() {
        return sum("GetItem") + sum("BatchGetItem") + sum("Query");
    }

    double sum(String operation) {
        DoubleAdder adder = units.get(operation);
        return adder == null ? 0 : adder.sum();
    }

    long calls(String operation) {
        LongAdder adder = calls.get(operation);
        return adder == null ? 0 : adder.sum();
    }

    Map<String, LongAdder> callsByOperation() {
        return calls;
    }
}
