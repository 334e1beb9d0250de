package io.readpulse.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;

/**
 * Structured logs: one JSON object per line on stdout, which Lambda's JSON log format keeps as
 * fields. Every line written during an invocation carries its ids ({@link Invocation}), so one
 * request can be followed through CloudWatch Logs. Lines below the level Lambda sets from the
 * template's {@code ApplicationLogLevel} ({@code AWS_LAMBDA_LOG_LEVEL}; INFO when unset) are dropped.
 *
 * <p>Callers pass only counts, ids and codes: never keys, IPs, salts or user agents. Written with
 * jackson-core alone: an ObjectMapper would cost every cold start about 200 ms.
 */
public final class Log {
    public enum Level { DEBUG, INFO, WARN, ERROR }

    private static final JsonFactory JSON = new JsonFactory();
    private static final Level THRESHOLD = threshold(System.getenv("AWS_LAMBDA_LOG_LEVEL"));

    private Log() {
    }

    static Level threshold(String configured) {
        if (configured == null || configured.isBlank()) {
            return Level.INFO;
        }
        return switch (configured.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE", "DEBUG" -> Level.DEBUG;
            case "WARN" -> Level.WARN;
            case "ERROR", "FATAL" -> Level.ERROR;
            default -> Level.INFO;
        };
    }

    public static boolean enabled(Level level) {
        return level.compareTo(THRESHOLD) >= 0;
    }

    public static void debug(String message, Object... fieldsAndValues) {
        write(Level.DEBUG, message, null, fieldsAndValues);
    }

    public static void info(String message, Object... fieldsAndValues) {
        write(Level.INFO, message, null, fieldsAndValues);
    }

    public static void warn(String message, Object... fieldsAndValues) {
        write(Level.WARN, message, null, fieldsAndValues);
    }

    public static void error(String message, Throwable error, Object... fieldsAndValues) {
        write(Level.ERROR, message, error, fieldsAndValues);
    }

    private static void write(Level level, String message, Throwable error, Object... fieldsAndValues) {
        if (!enabled(level)) {
            return;
        }
        StringWriter text = new StringWriter(256);
        try (JsonGenerator line = JSON.createGenerator(text)) {
            line.writeStartObject();
            line.writeStringField("timestamp", Instant.now().toString());
            line.writeStringField("level", level.name());
            line.writeStringField("message", message);
            Invocation.current().writeIds(line);
            for (int i = 0; i + 1 < fieldsAndValues.length; i += 2) {
                writeField(line, String.valueOf(fieldsAndValues[i]), fieldsAndValues[i + 1]);
            }
            if (error != null) {
                line.writeStringField("errorType", error.getClass().getName());
                line.writeStringField("errorMessage", String.valueOf(error.getMessage()));
            }
            line.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
        System.out.println(text);
    }

    static void writeField(JsonGenerator line, String name, Object value) throws IOException {
        line.writeFieldName(name);
        if (value == null) {
            line.writeNull();
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            line.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number number) {
            line.writeNumber(number.doubleValue());
        } else if (value instanceof Boolean flag) {
            line.writeBoolean(flag);
        } else {
            line.writeString(value.toString());
        }
    }
}
