package io.readpulse.store.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads DynamoDB's typed JSON ({@code {"S":"x"}}, {@code {"N":"1"}}, ...) as found in stream events. */
public final class DynamoJson {
    private DynamoJson() {
    }

    public static Map<String, AttributeValue> item(JsonNode image) {
        Map<String, AttributeValue> item = new HashMap<>();
        image.properties().forEach(entry -> item.put(entry.getKey(), value(entry.getValue())));
        return item;
    }

    static AttributeValue value(JsonNode typed) {
        if (typed.has("S")) {
            return AttributeValue.fromS(typed.get("S").asText());
        }
        if (typed.has("N")) {
            return AttributeValue.fromN(typed.get("N").asText());
        }
        if (typed.has("BOOL")) {
            return AttributeValue.fromBool(typed.get("BOOL").asBoolean());
        }
        if (typed.has("NULL")) {
            return AttributeValue.fromNul(true);
        }
        if (typed.has("B")) {
            return AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(typed.get("B").asText())));
        }
        if (typed.has("M")) {
            return AttributeValue.fromM(item(typed.get("M")));
        }
        if (typed.has("L")) {
            List<AttributeValue> list = new ArrayList<>();
            typed.get("L").forEach(element -> list.add(value(element)));
            return AttributeValue.fromL(list);
        }
        if (typed.has("SS")) {
            List<String> strings = new ArrayList<>();
            typed.get("SS").forEach(element -> strings.add(element.asText()));
            return AttributeValue.fromSs(strings);
        }
        if (typed.has("NS")) {
            List<String> numbers = new ArrayList<>();
            typed.get("NS").forEach(element -> numbers.add(element.asText()));
            return AttributeValue.fromNs(numbers);
        }
        throw new IllegalArgumentException("unsupported DynamoDB JSON value: " + typed);
    }
}
