package io.readpulse.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One JSON object per line on stdout, which Lambda's JSON log format keeps as structured fields.
 * Callers pass only counts, ids and codes: never keys, IPs, salts or user agents.
 */
public final class JsonLog {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLog() {
    }

    public static void info(String message, Object... fieldsAndValues) {
        write("INFO", message, null, fieldsAndValues);
    }

    public static void error(String message, Throwable error, Object... fieldsAndValues) {
        write("ERROR", message, error, fieldsAndValues);
    }

    private static void write(String level, String message, Throwable error, Object... fieldsAndValues) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        for (int i = 0; i + 1 < fieldsAndValues.length; i += 2) {
            line.putPOJO(String.valueOf(fieldsAndValues[i]), fieldsAndValues[i + 1]);
        }
        if (error != null) {
            line.put("errorType", error.getClass().getName());
            line.put("errorMessage", String.valueOf(error.getMessage()));
        }
        System.out.println(line);
    }
}
