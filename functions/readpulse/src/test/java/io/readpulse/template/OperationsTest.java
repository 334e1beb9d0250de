package io.readpulse.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.readpulse.template.SamTemplate.SamFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What an operator relies on, kept true as functions are added: each function logs to a group
 * with a retention and has error and throttle alarms; a stream consumer also has an iterator-age
 * alarm and an on-failure destination that is itself watched; a scheduled one, an alarm for not
 * having run; each API throttles and keeps access logs that hold no IP address or user agent.
 */
class OperationsTest {
    private final SamTemplate template = SamTemplate.repository();

    @TestFactory
    Stream<DynamicTest> everyFunctionHasLogRetentionAndAlarms() {
        return template.functions().values().stream().map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
            JsonNode logGroup = function.properties().path("LoggingConfig").path("LogGroup");
            String logGroupId = logGroup.path("Ref").asText();
            assertEquals("AWS::Logs::LogGroup", template.resourceType(logGroupId),
                    function.logicalId() + " must log to a log group of this stack (LoggingConfig.LogGroup: !Ref ...)");
            assertTrue(template.resources().path(logGroupId).path("Properties").has("RetentionInDays"), logGroupId + " keeps logs forever");
            assertFalse(alarms(function, "AWS/Lambda", "Errors").isEmpty(), function.logicalId() + " has no Errors alarm");
            assertFalse(alarms(function, "AWS/Lambda", "Throttles").isEmpty(), function.logicalId() + " has no Throttles alarm");
            for (JsonNode event : function.events().values()) {
                switch (event.path("Type").asText()) {
                    case "DynamoDB", "Kinesis" -> checkStreamConsumer(function, event);
                    case "Schedule", "ScheduleV2" -> assertTrue(alarms(function, "AWS/Lambda", "Invocations").stream()
                                    .anyMatch(alarm -> "breaching".equals(alarm.path("TreatMissingData").asText())),
                            function.logicalId() + " runs on a schedule: it needs an alarm for not having run (Invocations, missing data breaching)");
                    default -> {
                    }
                }
            }
        }));
    }

    private void checkStreamConsumer(SamFunction function, JsonNode event) {
        assertFalse(alarms(function, "AWS/Lambda", "IteratorAge").isEmpty(), function.logicalId() + " reads a stream: it needs an IteratorAge alarm");
        JsonNode properties = event.path("Properties");
        assertTrue(properties.path("BisectBatchOnFunctionError").asBoolean(), "a poison record must not stall the stream");
        assertTrue(properties.has("MaximumRecordAgeInSeconds") && properties.has("MaximumRetryAttempts"), "retries must end");
        String queue = properties.path("DestinationConfig").path("OnFailure").path("Destination").path("Fn::GetAtt").path(0).asText();
        assertEquals("AWS::SQS::Queue", template.resourceType(queue), "failed batches must go to a queue of this stack");
        boolean watched = alarmsOf().stream().anyMatch(alarm -> "AWS/SQS".equals(alarm.path("Namespace").asText())
                && alarm.path("Dimensions").toString().contains(queue));
        assertTrue(watched, "nobody is told when " + queue + " receives a failed batch");
    }

    @Test
    void everyApiThrottlesAndKeepsAccessLogsWithoutPersonalData() {
        List<String> apis = new ArrayList<>();
        template.resources().fields().forEachRemaining(resource -> {
            if ("AWS::Serverless::HttpApi".equals(resource.getValue().path("Type").asText())) {
                apis.add(resource.getKey());
                JsonNode properties = resource.getValue().path("Properties");
                assertTrue(properties.path("DefaultRouteSettings").has("ThrottlingRateLimit"), resource.getKey() + " must throttle");
                String format = properties.path("AccessLogSettings").path("Format").asText();
                assertFalse(format.isEmpty(), resource.getKey() + " keeps no access logs");
                assertFalse(format.contains("sourceIp") || format.contains("userAgent") || format.contains("identity."),
                        resource.getKey() + "'s access log would store IP addresses or user agents");
            }
        });
        assertFalse(apis.isEmpty());
    }

    private List<JsonNode> alarms(SamFunction function, String namespace, String metric) {
        return alarmsOf().stream().filter(alarm -> namespace.equals(alarm.path("Namespace").asText())
                        && metric.equals(alarm.path("MetricName").asText())
                        && alarm.path("Dimensions").findValues("Value").stream()
                        .anyMatch(value -> function.logicalId().equals(value.path("Ref").asText()))
                        && alarm.path("AlarmActions").size() > 0)
                .toList();
    }

    private List<JsonNode> alarmsOf() {
        List<JsonNode> alarms = new ArrayList<>();
        template.resources().fields().forEachRemaining((Map.Entry<String, JsonNode> resource) -> {
            if ("AWS::CloudWatch::Alarm".equals(resource.getValue().path("Type").asText())) {
                alarms.add(resource.getValue().path("Properties"));
            }
        });
        return alarms;
    }

    /** The business metrics that matter have alarms: a site gone silent, and a trending run near its timeout. */
    @org.junit.jupiter.api.Test
    void theBusinessMetricsThatMatterHaveAlarms() {
        SamTemplate template = SamTemplate.repository();
        List<JsonNode> alarms = new ArrayList<>();
        template.resources().fields().forEachRemaining(resource -> {
            if ("AWS::CloudWatch::Alarm".equals(resource.getValue().path("Type").asText())) {
                alarms.add(resource.getValue().path("Properties"));
            }
        });
        assertTrue(alarms.stream().anyMatch(alarm -> alarm.path("Namespace").asText().equals("Readpulse")
                && alarm.path("MetricName").asText().equals("SitesSilent")), "an alarm on silent sites");
        int timeoutSeconds = template.functions().get("ComputeTrendingFunction").properties().path("Timeout").asInt();
        assertTrue(alarms.stream().anyMatch(alarm -> alarm.path("MetricName").asText().equals("Duration")
                && alarm.path("Threshold").asDouble() < timeoutSeconds * 1000.0
                && alarm.path("Threshold").asDouble() >= timeoutSeconds * 500.0), "an alarm on the trending run's duration near its timeout");
    }
}
