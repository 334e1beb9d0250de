package io.readpulse.bench;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/**
 * A DynamoDB client that answers from memory and counts what it was asked. Only for measuring our
 * own CPU per event, where a real engine's time would drown it; never in tests of behaviour.
 */
final class RecordingDynamoDbClient implements DynamoDbClient {
    private final Map<String, Map<String, AttributeValue>> itemsBySortKey;
    final AtomicLong puts = new AtomicLong();
    volatile PutItemRequest lastPut;

    RecordingDynamoDbClient(Map<String, Map<String, AttributeValue>> itemsBySortKey) {
        this.itemsBySortKey = itemsBySortKey;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        Map<String, AttributeValue> item = itemsBySortKey.get(request.key().get("sk").s());
        return item == null ? GetItemResponse.builder().build() : GetItemResponse.builder().item(item).build();
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        puts.incrementAndGet();
        lastPut = request;
        return PutItemResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() {
    }
}
