package io.readpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The design Readpulse is compared with: no raw log, each event adds one to its article's, its
 * section's and its site's day counters straight away (three UpdateItem ADDs). It has no replay, no
 * unique visitors and a hot key per popular article; here it only prices the writes.
 */
final class CounterPerViewDesign {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DynamoDbClient dynamo;
    private final String table;

    CounterPerViewDesign(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    void record(String body, Instant at) throws Exception {
        JsonNode event = MAPPER.readTree(body);
        String site = event.get("site").asText();
        String day = LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
        String counter = switch (event.get("type").asText()) {
            case "view" -> "v";
            case "engage" -> "es";
            default -> "sh";
        };
        long amount = event.has("seconds") ? event.get("seconds").asLong() : 1;
        String section = event.get("article").path("section").asText("none");
        add("ART#" + site + "#" + event.get("article").get("id").asText(), day, counter, amount);
        add("SEC#" + site + "#" + section, day, counter, amount);
        add("SITE#" + site, day, counter, amount);
    }

    private void add(String pk, String day, String counter, long amount) {
        dynamo.updateItem(request -> request.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(day)))
                .updateExpression("ADD #c :n")
                .expressionAttributeNames(Map.of("#c", counter))
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromN(Long.toString(amount)))));
    }
}
