package io.readpulse.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.aggregate.AggregateService;
import io.readpulse.aggregate.StreamRecord;
import io.readpulse.config.DynamoClients;
import io.readpulse.config.Environment;
import io.readpulse.observe.Invocation;
import io.readpulse.observe.Log;
import io.readpulse.observe.Metrics;
import io.readpulse.store.dynamodb.DynamoActiveReaderStore;
import io.readpulse.store.dynamodb.DynamoBatchMarkers;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.store.dynamodb.DynamoJson;
import io.readpulse.store.dynamodb.RawEventCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The table's DynamoDB Streams batches in, counters out. A failure throws, so Lambda redelivers
 * (or bisects) the batch; the service makes that safe.
 */
public final class AggregateHandler implements RequestStreamHandler {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Counter writes in flight at once; well under a partition's limits, and most of a batch's wall time saved. */
    private static final int WRITE_CONCURRENCY = 8;

    private final AggregateService aggregate;

    public AggregateHandler() {
        this(Environment.system());
    }

    public AggregateHandler(Environment environment) {
        this(DynamoClients.create(environment), environment.required(Environment.TABLE_NAME), environment);
    }

    private AggregateHandler(DynamoDbClient dynamo, String table, Environment environment) {
        this(new AggregateService(
                new DynamoCounterStore(dynamo, table, environment.days(Environment.COUNTER_RETENTION_DAYS, 400), WRITE_CONCURRENCY),
                new DynamoBatchMarkers(dynamo, table), new DynamoActiveReaderStore(dynamo, table), Clock.systemUTC()));
    }

    public AggregateHandler(AggregateService aggregate) {
        this.aggregate = aggregate;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = MAPPER.readTree(input);
        try (Invocation invocation = Invocations.begin(context, null)) {
            handle(event);
        }
    }

    public int handle(JsonNode streamEvent) {
        List<StreamRecord> records = rawEventInserts(streamEvent);
        int written = aggregate.apply(records);
        long lagSeconds = lagSeconds(streamEvent);
        Log.info("batch applied", "records", streamEvent.path("Records").size(), "rawEvents", records.size(), "itemsWritten", written,
                "lagSeconds", lagSeconds);
        Metrics.of("Aggregate").count("BatchRecords", streamEvent.path("Records").size()).count("RawEvents", records.size())
                .count("ItemsWritten", written).seconds("LagSeconds", lagSeconds).emit();
        return written;
    }

    /** How long the batch's oldest record waited in the stream: the aggregator's lag behind collect. */
    private static long lagSeconds(JsonNode streamEvent) {
        long oldest = Long.MAX_VALUE;
        for (JsonNode record : streamEvent.path("Records")) {
            JsonNode created = record.path("dynamodb").path("ApproximateCreationDateTime");
            if (created.isNumber()) {
                oldest = Math.min(oldest, created.asLong());
            }
        }
        return oldest == Long.MAX_VALUE ? 0 : Math.max(0, System.currentTimeMillis() / 1000 - oldest);
    }

    /** The new raw events of a stream batch; the aggregator's own writes and TTL deletions are skipped. */
    static List<StreamRecord> rawEventInserts(JsonNode streamEvent) {
        List<StreamRecord> records = new ArrayList<>();
        for (JsonNode record : streamEvent.path("Records")) {
            if (!"INSERT".equals(record.path("eventName").asText())) {
                continue;
            }
            JsonNode image = record.path("dynamodb").path("NewImage");
            if (!image.isObject()) {
                continue;
            }
            Map<String, AttributeValue> item = DynamoJson.item(image);
            if (RawEventCodec.isRawEvent(item)) {
                records.add(new StreamRecord(record.path("eventID").asText(),
                        record.path("dynamodb").path("SequenceNumber").asText(), RawEventCodec.fromItem(item)));
            }
        }
        return records;
    }
}
