package io.readpulse.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The part of Lambda's event filtering (EventBridge pattern syntax) that event source mappings
 * use: nested fields, lists of exact values, and the {@code prefix}, {@code suffix},
 * {@code exists} and {@code anything-but} operators. An operator this does not know matches
 * nothing, so a filter is never silently wider locally than in AWS.
 */
final class EventPattern {
    private EventPattern() {
    }

    static boolean matches(JsonNode pattern, JsonNode event) {
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode rule = field.getValue();
            JsonNode value = event == null ? null : event.get(field.getKey());
            boolean ok = rule.isObject() ? value != null && value.isObject() && matches(rule, value) : anyOf(rule, value);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A field's rule is a list of alternatives: exact values or operator objects. */
    private static boolean anyOf(JsonNode alternatives, JsonNode value) {
        for (JsonNode alternative : alternatives) {
            if (alternative.isObject() ? operator(alternative, value) : value != null && value.equals(alternative)) {
                return true;
            }
        }
        return false;
    }

    private static boolean operator(JsonNode operator, JsonNode value) {
        if (operator.has("exists")) {
            return operator.get("exists").asBoolean() == (value != null);
        }
        if (value == null || !value.isValueNode()) {
            return false;
        }
        String text = value.asText();
        if (operator.has("prefix")) {
            return value.isTextual() && text.startsWith(operator.get("prefix").asText());
        }
        if (operator.has("suffix")) {
            return value.isTextual() && text.endsWith(operator.get("suffix").asText());
        }
        if (operator.has("anything-but")) {
            JsonNode excluded = operator.get("anything-but");
            if (excluded.isArray()) {
                for (JsonNode each : excluded) {
                    if (each.equals(value)) {
                        return false;
                    }
                }
                return true;
            }
            return !excluded.equals(value);
        }
        return false;
    }
}
