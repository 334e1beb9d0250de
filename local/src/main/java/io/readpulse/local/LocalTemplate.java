package io.readpulse.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.readpulse.observe.Log;
import io.readpulse.template.SamTemplate;
import io.readpulse.template.StreamFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the local runner plays from template.yaml (read by the test kit's {@link SamTemplate}, Globals
 * applied): each function's handler class and environment, its HttpApi routes, its DynamoDB stream
 * mapping and its schedules, with the intrinsic functions evaluated for the local stack. Read
 * generically, so a function added to the template is served with no change here.
 */
public final class LocalTemplate {

    /** @param path a route path with {@code {name}} and {@code {name+}} parts, or {@code $default} */
    public record HttpRoute(String method, String path) {
        public static final String ANY = "ANY";
        public static final String DEFAULT_ROUTE = "$default";

        public String routeKey() {
            return path.equals(DEFAULT_ROUTE) ? DEFAULT_ROUTE : method + " " + path;
        }
    }

    /**
     * A DynamoDB stream event source mapping.
     *
     * @param maxRetries -1 for "until the record expires", as Lambda's default
     */
    public record StreamSource(String eventName, int batchSize, Duration window, boolean bisectOnError,
                               int maxRetries, StreamFilter filter) {
    }

    /** @param input the constant event the schedule sends instead of the scheduled event, or null */
    public record Schedule(String eventName, String expression, boolean enabled, boolean schedulerV2, String input) {
    }

    public record Function(String logicalId, String handlerClass, Map<String, String> environment, Duration timeout,
                           List<HttpRoute> routes, List<StreamSource> streams, List<Schedule> schedules) {
    }

    private final String tableName;
    private final List<Function> functions;

    private LocalTemplate(String tableName, List<Function> functions) {
        this.tableName = tableName;
        this.functions = List.copyOf(functions);
    }

    /** The DynamoDB table's name as {@code !Ref} of it resolves locally. */
    public String tableName() {
        return tableName;
    }

    public List<Function> functions() {
        return functions;
    }

    /**
     * @param parameterOverrides values that replace parameters' defaults
     * @param stackName names the resources that have no name of their own
     */
    public static LocalTemplate read(Path file, Map<String, String> parameterOverrides, String stackName) {
        SamTemplate template = SamTemplate.load(file);
        JsonNode resources = template.resources();
        Map<String, String> physicalNames = new LinkedHashMap<>();
        template.resourceIds().forEach(logicalId -> physicalNames.put(logicalId, stackName + "-" + logicalId));
        Intrinsics intrinsics = new Intrinsics(parameters(template.root().path("Parameters"), parameterOverrides),
                resources, physicalNames, stackName);

        String tableName = null;
        for (String logicalId : template.resourceIds()) {
            if ("AWS::DynamoDB::Table".equals(template.resourceType(logicalId))) {
                JsonNode declared = resources.path(logicalId).path("Properties").path("TableName");
                tableName = declared.isMissingNode() ? stackName : intrinsics.resolveText(declared);
                physicalNames.put(logicalId, tableName);
            }
        }
        if (tableName == null) {
            throw new IllegalArgumentException("the template defines no AWS::DynamoDB::Table");
        }
        List<Function> functions = new ArrayList<>();
        template.functions().values().forEach(function -> functions.add(function(function, intrinsics)));
        return new LocalTemplate(tableName, functions);
    }

    private static Map<String, JsonNode> parameters(JsonNode declared, Map<String, String> overrides) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        declared.fields().forEachRemaining(parameter -> {
            String name = parameter.getKey();
            JsonNode value = overrides.containsKey(name) ? TextNode.valueOf(overrides.get(name)) : parameter.getValue().path("Default");
            if (parameter.getValue().path("Type").asText().contains("List")) {
                ArrayNode list = JsonNodeFactory.instance.arrayNode();
                for (String element : value.asText().split(",")) {
                    list.add(element);
                }
                value = list;
            }
            values.put(name, value);
        });
        return values;
    }

    private static Function function(SamTemplate.SamFunction function, Intrinsics intrinsics) {
        JsonNode properties = function.properties();
        Map<String, String> environment = new LinkedHashMap<>();
        properties.path("Environment").path("Variables").fields().forEachRemaining(variable -> {
            try {
                String text = intrinsics.resolveText(variable.getValue());
                if (text != null) {
                    environment.put(variable.getKey(), text);
                }
            } catch (IllegalArgumentException unresolvable) {
                // Only variables of AWS-only features (Fn::If on EdgeProtection): locally they are unset, as off.
                Log.debug("environment variable left out locally", "function", function.logicalId(),
                        "variable", variable.getKey(), "reason", unresolvable.getMessage());
            }
        });
        Duration timeout = Duration.ofSeconds(properties.path("Timeout").asLong(3));

        List<HttpRoute> routes = new ArrayList<>();
        List<StreamSource> streams = new ArrayList<>();
        List<Schedule> schedules = new ArrayList<>();
        function.events().forEach((eventName, event) -> {
            JsonNode eventProperties = intrinsics.resolve(event.path("Properties"));
            switch (event.path("Type").asText()) {
                case "HttpApi" -> routes.add(route(eventProperties));
                case "DynamoDB" -> streams.add(new StreamSource(eventName,
                        eventProperties.path("BatchSize").asInt(100),
                        Duration.ofSeconds(eventProperties.path("MaximumBatchingWindowInSeconds").asLong(0)),
                        eventProperties.path("BisectBatchOnFunctionError").asBoolean(false),
                        eventProperties.path("MaximumRetryAttempts").asInt(-1),
                        StreamFilter.of(event)));
                case "Schedule" -> schedules.add(new Schedule(eventName, eventProperties.path("Schedule").asText(),
                        eventProperties.path("Enabled").asBoolean(true) && !disabled(eventProperties), false, input(eventProperties)));
                case "ScheduleV2" -> schedules.add(new Schedule(eventName, eventProperties.path("ScheduleExpression").asText(),
                        !disabled(eventProperties), true, input(eventProperties)));
                default -> Log.info("event source not played locally", "function", function.logicalId(),
                        "event", eventName, "type", event.path("Type").asText());
            }
        });
        return new Function(function.logicalId(), function.handlerClass(), environment, timeout, routes, streams, schedules);
    }

    private static HttpRoute route(JsonNode properties) {
        if (!properties.has("Path")) {
            return new HttpRoute(HttpRoute.ANY, HttpRoute.DEFAULT_ROUTE);
        }
        String method = properties.path("Method").asText(HttpRoute.ANY).toUpperCase(Locale.ROOT);
        boolean any = method.equals("ANY") || method.equals("*") || method.equals("X-AMAZON-APIGATEWAY-ANY-METHOD");
        return new HttpRoute(any ? HttpRoute.ANY : method, properties.path("Path").asText());
    }

    private static boolean disabled(JsonNode properties) {
        return "DISABLED".equalsIgnoreCase(properties.path("State").asText());
    }

    private static String input(JsonNode properties) {
        return properties.hasNonNull("Input") ? properties.path("Input").asText() : null;
    }
}
