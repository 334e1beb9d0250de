package io.readpulse.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An event source mapping's FilterCriteria, applied as Lambda applies it: a record goes to the
 * function when any one pattern matches. Covers the pattern syntax Readpulse uses (exact values,
 * prefix, suffix, exists, anything-but) and refuses the rest rather than guess.
 */
public final class StreamFilter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<JsonNode> patterns;

    private StreamFilter(List<JsonNode> patterns) {
        this.patterns = patterns;
    }

    /** The filter of a DynamoDB or Kinesis event in the template (no FilterCriteria: everything passes). */
    public static StreamFilter of(JsonNode event) {
        List<JsonNode> patterns = new ArrayList<>();
        for (JsonNode filter : event.path("Properties").path("FilterCriteria").path("Filters")) {
            try {
                patterns.add(MAPPER.readTree(filter.path("Pattern").asText()));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("a filter pattern is not JSON: " + filter, e);
            }
        }
        return new StreamFilter(patterns);
    }

    public boolean admits(JsonNode record) {
        return patterns.isEmpty() || patterns.stream().anyMatch(pattern -> matches(pattern, record));
    }

    private static boolean matches(JsonNode pattern, JsonNode value) {
        if (pattern.isObject()) {
            for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) pattern::fields) {
                JsonNode child = value.path(field.getKey());
                if (field.getValue().isArray() ? !anyRuleMatches(field.getValue(), child) : !matches(field.getValue(), child)) {
                    return false;
                }
            }
            return true;
        }
        throw new IllegalArgumentException("a filter pattern's leaves must be arrays of rules: " + pattern);
    }

    private static boolean anyRuleMatches(JsonNode rules, JsonNode value) {
        for (JsonNode rule : rules) {
            if (ruleMatches(rule, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean ruleMatches(JsonNode rule, JsonNode value) {
        if (!rule.isObject()) {
            return !value.isMissingNode() && rule.equals(value);
        }
        String operator = rule.fieldNames().next();
        JsonNode operand = rule.get(operator);
        return switch (operator) {
            case "prefix" -> value.isTextual() && value.asText().startsWith(operand.asText());
            case "suffix" -> value.isTextual() && value.asText().endsWith(operand.asText());
            case "exists" -> operand.asBoolean() != value.isMissingNode();
            case "anything-but" -> !value.isMissingNode() && !(operand.isArray() ? anyRuleMatches(operand, value) : ruleMatches(operand, value));
            default -> throw new IllegalArgumentException("filter rule " + operator + " is not supported by this check: " + rule);
        };
    }
}
