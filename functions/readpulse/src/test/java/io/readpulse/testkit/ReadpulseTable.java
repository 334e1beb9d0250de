package io.readpulse.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates the table as template.yaml defines it (pk/sk strings, on-demand, NEW_IMAGE stream, TTL
 * on {@code ttl}), and reads it whole for assertions. Scans are for tests only.
 */
public final class ReadpulseTable {
    private ReadpulseTable() {
    }

    public static void create(DynamoDbClient dynamo, String table) {
        create(dynamo, table, true);
    }

    /**
     * Without the stream, for benchmarks that feed the aggregator themselves: Dynoxide 1.2.1's
     * writes slow down in proportion to the stream's length (measured: 5,000 puts in 29 s, 20,000 in
     * 294 s, against 39 s without a stream), which hides the code's own cost at 100,000s of events.
     */
    public static void create(DynamoDbClient dynamo, String table, boolean withStream) {
        try {
            dynamo.createTable(request -> request.tableName(table)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .streamSpecification(stream -> {
                        stream.streamEnabled(withStream);
                        if (withStream) {
                            stream.streamViewType(StreamViewType.NEW_IMAGE);
                        }
                    }));
        } catch (ResourceInUseException alreadyThere) {
            return;
        }
        for (int i = 0; i < 200; i++) {
            if (dynamo.describeTable(request -> request.tableName(table)).table().tableStatus() == TableStatus.ACTIVE) {
                break;
            }
            sleep(50);
        }
        dynamo.updateTimeToLive(request -> request.tableName(table)
                .timeToLiveSpecification(ttl -> ttl.enabled(true).attributeName("ttl")));
    }

    /** Every item, keyed "pk|sk". */
    public static Map<String, Map<String, AttributeValue>> snapshot(DynamoDbClient dynamo, String table) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        dynamo.scanPaginator(request -> request.tableName(table).consistentRead(true)).items()
                .forEach(item -> items.put(item.get("pk").s() + "|" + item.get("sk").s(), item));
        return items;
    }

    public static List<Map<String, AttributeValue>> itemsWithPrefix(DynamoDbClient dynamo, String table, String pkPrefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        snapshot(dynamo, table).values().forEach(item -> {
            if (item.get("pk").s().startsWith(pkPrefix)) {
                items.add(item);
            }
        });
        return items;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
