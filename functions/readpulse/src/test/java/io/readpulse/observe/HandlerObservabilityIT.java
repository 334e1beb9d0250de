package io.readpulse.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.entrypoints.CollectHandler;
import io.readpulse.entrypoints.ComputeTrendingHandler;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.LambdaContext;
import io.readpulse.testkit.RealEngineTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Handlers driven as Lambda drives them (handleRequest with a context and the event's bytes): every
 * log line carries the invocation's ids, and the business metrics come out as EMF lines.
 */
class HandlerObservabilityIT extends RealEngineTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Runs the call and returns what it printed, one JSON object per line. */
    static List<JsonNode> linesOf(Runnable call) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            call.run();
        } finally {
            System.setOut(original);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(MAPPER.readTree(line));
            }
        }
        original.print(captured.toString(StandardCharsets.UTF_8));
        return lines;
    }

    static void invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, JsonNode event, String requestId) {
        try {
            handler.handleRequest(new ByteArrayInputStream(MAPPER.writeValueAsBytes(event)), new ByteArrayOutputStream(),
                    new LambdaContext(requestId, "readpulse-test"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void collectsLinesCarryBothRequestIdsAndItsMetricsAreEmf() throws Exception {
        createSite("demo-news", "news.example");
        CollectHandler collect = new CollectHandler(environment());
        ObjectNode accepted = Fixtures.event("collect-view.json");
        ObjectNode refused = Fixtures.collectEvent("{\"site\":\"demo-news\",\"type\":\"nonsense\"}");
        ((ObjectNode) refused.get("requestContext")).put("requestId", "api-refused-1");

        List<JsonNode> lines = linesOf(() -> {
            invoke(collect, accepted, "aws-accepted-1");
            invoke(collect, refused, "aws-refused-1");
        });
        JsonNode acceptedMetrics = lines.stream().filter(line -> line.has("EventsAccepted")).findFirst().orElseThrow();
        MetricsTest.assertEmf(acceptedMetrics.toString());
        assertEquals("demo-news", acceptedMetrics.get("Site").asText());
        assertEquals("aws-accepted-1", acceptedMetrics.get("awsRequestId").asText());
        assertEquals(accepted.path("requestContext").path("requestId").asText(), acceptedMetrics.get("apiRequestId").asText());
        JsonNode refusedMetrics = lines.stream().filter(line -> line.has("RequestsRefused")).findFirst().orElseThrow();
        MetricsTest.assertEmf(refusedMetrics.toString());
        assertEquals("unknown_event_type", refusedMetrics.get("Reason").asText());
        assertEquals("aws-refused-1", refusedMetrics.get("awsRequestId").asText());
        assertEquals("api-refused-1", refusedMetrics.get("apiRequestId").asText());
    }

    @Test
    void theTrendingJobsLogAndMetricsCarryItsRequestId() throws Exception {
        createSite("demo-news", "news.example");
        ComputeTrendingHandler job = new ComputeTrendingHandler(environment());
        List<JsonNode> lines = linesOf(() -> invoke(job, Fixtures.event("compute-trending-schedule.json"), "aws-job-7"));
        assertFalse(lines.isEmpty());
        for (JsonNode line : lines) {
            assertEquals("aws-job-7", line.path("awsRequestId").asText(), "every line of the run: " + line);
        }
        JsonNode run = lines.stream().filter(line -> line.has("RunMillis")).findFirst().orElseThrow();
        MetricsTest.assertEmf(run.toString());
        for (String metric : List.of("RunMillis", "SitesRanked", "SitesOverTime", "SitesSilent", "ListsWritten", "ArticlePagesRead")) {
            assertTrue(run.has(metric), metric);
        }
        assertTrue(lines.stream().anyMatch(line -> "trending computed".equals(line.path("message").asText())));
    }
}
