package io.readpulse.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lines that CloudWatch would read as Embedded Metric Format: the structure its specification requires. */
class MetricsTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Checks a line against the EMF specification's rules, and returns it. */
    static JsonNode assertEmf(String line) throws Exception {
        JsonNode root = MAPPER.readTree(line);
        JsonNode aws = root.get("_aws");
        assertTrue(aws != null && aws.get("Timestamp").isIntegralNumber(), line);
        assertTrue(aws.get("CloudWatchMetrics").isArray() && !aws.get("CloudWatchMetrics").isEmpty(), line);
        for (JsonNode directive : aws.get("CloudWatchMetrics")) {
            assertEquals(Metrics.NAMESPACE, directive.get("Namespace").asText());
            Set<String> names = new HashSet<>();
            for (JsonNode set : directive.get("Dimensions")) {
                assertTrue(set.size() >= 1 && set.size() <= 30, "a dimension set holds 1 to 30 names");
                set.forEach(name -> assertTrue(root.get(name.asText()).isTextual(), "dimension " + name + " is a string member: " + line));
            }
            for (JsonNode metric : directive.get("Metrics")) {
                assertTrue(names.add(metric.get("Name").asText()), "a metric appears once");
                assertTrue(root.get(metric.get("Name").asText()).isNumber(), "metric " + metric + " has a number: " + line);
                assertTrue(Set.of("Count", "Milliseconds", "Seconds").contains(metric.get("Unit").asText()));
            }
        }
        return root;
    }

    @Test
    void aLineIsEmfWithItsDimensionsAndTheInvocationsIds() throws Exception {
        try (Invocation invocation = Invocation.begin("aws-req-1", "api-req-1")) {
            JsonNode line = assertEmf(Metrics.of("Collect").dimension("Site", "demo-news").count("EventsAccepted", 3)
                    .count("BotEvents", 1).toJson(1_796_000_000_000L));
            assertEquals("[[\"Function\"],[\"Function\",\"Site\"]]", line.get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions").toString());
            assertEquals(3, line.get("EventsAccepted").asInt());
            assertEquals("demo-news", line.get("Site").asText());
            assertEquals("aws-req-1", line.get("awsRequestId").asText());
            assertEquals("api-req-1", line.get("apiRequestId").asText());
        }
    }

    @Test
    void theLevelComesFromLambdasSetting() {
        assertEquals(Log.Level.INFO, Log.threshold(null));
        assertEquals(Log.Level.DEBUG, Log.threshold("debug"));
        assertEquals(Log.Level.WARN, Log.threshold("WARN"));
        assertEquals(Log.Level.ERROR, Log.threshold("FATAL"));
    }
}
