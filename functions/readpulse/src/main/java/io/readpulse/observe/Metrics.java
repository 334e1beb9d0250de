package io.readpulse.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Business metrics as CloudWatch Embedded Metric Format: one JSON line on stdout per call, which
 * CloudWatch Logs turns into metrics in the {@value #NAMESPACE} namespace, with no API call and no
 * extra permission. Each line also carries the invocation's ids, so a figure leads back to its logs.
 *
 * <p>Written by hand with jackson-core rather than with Powertools' metrics module (used through its
 * API, without AspectJ): measured with {@code ./readpulse bench MetricsColdStartBenchmark 10}, a
 * fresh JVM's first metrics line costs 49 ms over a JVM that prints one line with this writer and
 * 409 ms with Powertools 2.8.0 (aws-embedded-metrics, slf4j, Jackson's ObjectMapper). Those 360 ms
 * would take Collect's cold start from about 1.15 to about 1.5 times its floor, over the 1.3 budget
 * (docs/performance.md).
 *
 * <pre>
 * Metrics.of("Collect").dimension("Site", site).count("EventsAccepted", 3).count("BotEvents", 1).emit();
 * </pre>
 */
public final class Metrics {
    public static final String NAMESPACE = "Readpulse";
    private static final JsonFactory JSON = new JsonFactory();

    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds"), SECONDS("Seconds");

        private final String wireName;

        Unit(String wireName) {
            this.wireName = wireName;
        }
    }

    private record Value(String name, Unit unit, double value) {
    }

    private final Map<String, String> dimensions = new LinkedHashMap<>();
    private final List<Value> values = new ArrayList<>();

    private Metrics(String function) {
        dimensions.put("Function", function);
    }

    /** A line for one function; every metric of it is kept per function, and per any dimension added. */
    public static Metrics of(String function) {
        return new Metrics(function);
    }

    public Metrics dimension(String name, String value) {
        dimensions.put(name, value);
        return this;
    }

    public Metrics count(String name, long value) {
        values.add(new Value(name, Unit.COUNT, value));
        return this;
    }

    public Metrics milliseconds(String name, long value) {
        values.add(new Value(name, Unit.MILLISECONDS, value));
        return this;
    }

    public Metrics seconds(String name, double value) {
        values.add(new Value(name, Unit.SECONDS, value));
        return this;
    }

    /** Writes the line. Metrics are published both per function alone and with every dimension added. */
    public void emit() {
        System.out.println(toJson(System.currentTimeMillis()));
    }

    String toJson(long timestampMillis) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator line = JSON.createGenerator(text)) {
            line.writeStartObject();
            line.writeObjectFieldStart("_aws");
            line.writeNumberField("Timestamp", timestampMillis);
            line.writeArrayFieldStart("CloudWatchMetrics");
            line.writeStartObject();
            line.writeStringField("Namespace", NAMESPACE);
            line.writeArrayFieldStart("Dimensions");
            line.writeStartArray();
            line.writeString("Function");
            line.writeEndArray();
            if (dimensions.size() > 1) {
                line.writeStartArray();
                for (String name : dimensions.keySet()) {
                    line.writeString(name);
                }
                line.writeEndArray();
            }
            line.writeEndArray();
            line.writeArrayFieldStart("Metrics");
            for (Value value : values) {
                line.writeStartObject();
                line.writeStringField("Name", value.name());
                line.writeStringField("Unit", value.unit().wireName);
                line.writeEndObject();
            }
            line.writeEndArray();
            line.writeEndObject();
            line.writeEndArray();
            line.writeEndObject();
            for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
                line.writeStringField(dimension.getKey(), dimension.getValue());
            }
            for (Value value : values) {
                Log.writeField(line, value.name(), value.unit() == Unit.SECONDS ? (Object) value.value() : (Object) (long) value.value());
            }
            Invocation.current().writeIds(line);
            line.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
        return text.toString();
    }
}
