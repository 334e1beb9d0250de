package io.readpulse.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Plays Lambda's DynamoDB Streams event source mapping: reads the table's stream from the engine
 * and hands out records in the JSON shape Lambda delivers, to be grouped into batches. Positions
 * are kept as sequence numbers, so polling resumes correctly after the engine restarts.
 */
public final class StreamPump {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DynamoDbStreamsClient streams;
    private final DynamoDbClient dynamo;
    private final String table;
    private final Map<String, String> lastSequenceByShard = new HashMap<>();

    public StreamPump(DynamoDbStreamsClient streams, DynamoDbClient dynamo, String table) {
        this.streams = streams;
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Every record written since the last poll, oldest first, as Lambda-shaped record objects. */
    public List<ObjectNode> poll() {
        String streamArn = dynamo.describeTable(request -> request.tableName(table)).table().latestStreamArn();
        List<ObjectNode> records = new ArrayList<>();
        for (Shard shard : streams.describeStream(request -> request.streamArn(streamArn)).streamDescription().shards()) {
            String last = lastSequenceByShard.get(shard.shardId());
            String iterator = streams.getShardIterator(request -> {
                request.streamArn(streamArn).shardId(shard.shardId());
                if (last == null) {
                    request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                } else {
                    request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(last);
                }
            }).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse response = streams.getRecords(request -> request.shardIterator(current).limit(1000));
                for (Record record : response.records()) {
                    records.add(toLambdaJson(record, streamArn));
                    lastSequenceByShard.put(shard.shardId(), record.dynamodb().sequenceNumber());
                }
                if (response.records().isEmpty()) {
                    break;
                }
                iterator = response.nextShardIterator();
            }
        }
        return records;
    }

    /** Groups records into the batches a mapping with this batch size would deliver. */
    public static List<ObjectNode> batches(List<ObjectNode> records, int batchSize) {
        List<ObjectNode> events = new ArrayList<>();
        for (int start = 0; start < records.size(); start += batchSize) {
            events.add(lambdaEvent(records.subList(start, Math.min(records.size(), start + batchSize))));
        }
        return events;
    }

    /** The {@code {"Records":[...]}} event Lambda passes to the aggregator. */
    public static ObjectNode lambdaEvent(List<ObjectNode> records) {
        ObjectNode event = MAPPER.createObjectNode();
        ArrayNode array = event.putArray("Records");
        records.forEach(array::add);
        return event;
    }

    /** The stream record an INSERT of {@code item} produces, for benchmarks that play the stream themselves. */
    public static ObjectNode insertRecord(String eventId, String sequenceNumber, Map<String, AttributeValue> item, String streamArn) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("eventID", eventId);
        node.put("eventName", "INSERT");
        node.put("eventVersion", "1.1");
        node.put("eventSource", "aws:dynamodb");
        node.put("awsRegion", "us-east-1");
        ObjectNode dynamodb = node.putObject("dynamodb");
        dynamodb.set("Keys", item(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
        dynamodb.set("NewImage", item(item));
        dynamodb.put("SequenceNumber", sequenceNumber);
        dynamodb.put("StreamViewType", "NEW_IMAGE");
        node.put("eventSourceARN", streamArn);
        return node;
    }

    static ObjectNode toLambdaJson(Record record, String streamArn) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("eventID", record.eventID());
        node.put("eventName", record.eventNameAsString());
        node.put("eventVersion", "1.1");
        node.put("eventSource", "aws:dynamodb");
        node.put("awsRegion", "us-east-1");
        ObjectNode dynamodb = node.putObject("dynamodb");
        if (record.dynamodb().approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", record.dynamodb().approximateCreationDateTime().getEpochSecond());
        }
        dynamodb.set("Keys", item(record.dynamodb().keys()));
        if (record.dynamodb().hasNewImage()) {
            dynamodb.set("NewImage", item(record.dynamodb().newImage()));
        }
        dynamodb.put("SequenceNumber", record.dynamodb().sequenceNumber());
        if (record.dynamodb().sizeBytes() != null) {
            dynamodb.put("SizeBytes", record.dynamodb().sizeBytes());
        }
        dynamodb.put("StreamViewType", record.dynamodb().streamViewTypeAsString());
        node.put("eventSourceARN", streamArn);
        return node;
    }

    static ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode node = MAPPER.createObjectNode();
        item.forEach((name, value) -> node.set(name, value(value)));
        return node;
    }

    private static ObjectNode value(AttributeValue value) {
        ObjectNode node = MAPPER.createObjectNode();
        if (value.s() != null) {
            node.put("S", value.s());
        } else if (value.n() != null) {
            node.put("N", value.n());
        } else if (value.bool() != null) {
            node.put("BOOL", value.bool());
        } else if (value.b() != null) {
            node.put("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
        } else if (value.hasM()) {
            node.set("M", item(value.m()));
        } else if (value.hasL()) {
            ArrayNode list = node.putArray("L");
            value.l().forEach(element -> list.add(value(element)));
        } else if (value.hasSs()) {
            ArrayNode list = node.putArray("SS");
            value.ss().forEach(list::add);
        } else if (value.hasNs()) {
            ArrayNode list = node.putArray("NS");
            value.ns().forEach(list::add);
        } else {
            node.put("NULL", true);
        }
        return node;
    }
}
