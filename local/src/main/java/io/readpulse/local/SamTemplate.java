package io.readpulse.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.config.JsonLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the local runner plays from template.yaml: each function's handler class and environment
 * (Globals merged with its own), its HttpApi routes, its DynamoDB stream mapping and its schedules.
 * Read generically, so a function added to the template is served with no change here.
 */
public final class SamTemplate {
    private static final ObjectMapper MAPPER = new ObjectMapper();

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
     * @param filters the FilterCriteria patterns; a record is delivered if any matches (all, when empty)
     */
    public record StreamSource(String eventName, int batchSize, Duration window, boolean bisectOnError,
                               int maxRetries, List<JsonNode> filters) {
    }

    /** @param input the constant event the schedule sends instead of the scheduled event, or null */
    public record Schedule(String eventName, String expression, boolean enabled, boolean schedulerV2, String input) {
    }

    public record Function(String logicalId, String handlerClass, Map<String, String> environment, Duration timeout,
                           List<HttpRoute> routes, List<StreamSource> streams, List<Schedule> schedules) {
    }

    private final String tableName;
    private final List<Function> functions;

    private SamTemplate(String tableName, List<Function> functions) {
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
    public static SamTemplate read(Path file, Map<String, String> parameterOverrides, String stackName) {
        return from(TemplateYaml.read(file), parameterOverrides, stackName);
    }

    static SamTemplate from(Map<String, Object> template, Map<String, String> parameterOverrides, String stackName) {
        Map<String, Object> resources = map(template.get("Resources"));
        Map<String, Object> parameters = parameters(map(template.get("Parameters")), parameterOverrides);
        Map<String, String> physicalNames = new LinkedHashMap<>();
        resources.keySet().forEach(logicalId -> physicalNames.put(logicalId, stackName + "-" + logicalId));
        Intrinsics intrinsics = new Intrinsics(parameters, resources, physicalNames, stackName);

        String tableName = null;
        for (Map.Entry<String, Object> resource : resources.entrySet()) {
            Map<String, Object> definition = map(resource.getValue());
            if ("AWS::DynamoDB::Table".equals(definition.get("Type"))) {
                Object declared = map(definition.get("Properties")).get("TableName");
                String name = declared == null ? stackName : intrinsics.resolveText(declared);
                physicalNames.put(resource.getKey(), name);
                tableName = name;
            }
        }
        if (tableName == null) {
            throw new IllegalArgumentException("the template defines no AWS::DynamoDB::Table");
        }

        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        List<Function> functions = new ArrayList<>();
        for (Map.Entry<String, Object> resource : resources.entrySet()) {
            Map<String, Object> definition = map(resource.getValue());
            if ("AWS::Serverless::Function".equals(definition.get("Type"))) {
                functions.add(function(resource.getKey(), map(definition.get("Properties")), globals, intrinsics));
            }
        }
        return new SamTemplate(tableName, functions);
    }

    private static Map<String, Object> parameters(Map<String, Object> declared, Map<String, String> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        declared.forEach((name, definition) -> {
            Map<String, Object> parameter = map(definition);
            Object value = overrides.containsKey(name) ? overrides.get(name) : parameter.get("Default");
            if (value != null && String.valueOf(parameter.get("Type")).contains("List")) {
                value = List.copyOf(Arrays.asList(String.valueOf(value).split(",")));
            }
            values.put(name, value);
        });
        return values;
    }

    private static Function function(String logicalId, Map<String, Object> properties, Map<String, Object> globals, Intrinsics intrinsics) {
        Object handler = properties.getOrDefault("Handler", globals.get("Handler"));
        if (handler == null) {
            throw new IllegalArgumentException(logicalId + " has no Handler");
        }
        String handlerClass = intrinsics.resolveText(handler).split("::", 2)[0];
        Map<String, String> environment = new LinkedHashMap<>();
        addVariables(environment, globals, logicalId, intrinsics);
        addVariables(environment, properties, logicalId, intrinsics);
        Object timeout = properties.getOrDefault("Timeout", globals.getOrDefault("Timeout", 3));
        Duration timeoutDuration = Duration.ofSeconds(Long.parseLong(intrinsics.resolveText(timeout)));

        List<HttpRoute> routes = new ArrayList<>();
        List<StreamSource> streams = new ArrayList<>();
        List<Schedule> schedules = new ArrayList<>();
        map(properties.get("Events")).forEach((eventName, eventDefinition) -> {
            Map<String, Object> event = map(eventDefinition);
            Map<String, Object> eventProperties = map(intrinsics.resolve(event.getOrDefault("Properties", Map.of())));
            switch (String.valueOf(event.get("Type"))) {
                case "HttpApi" -> routes.add(route(eventProperties));
                case "DynamoDB" -> streams.add(stream(eventName, eventProperties));
                case "Schedule" -> schedules.add(new Schedule(eventName, text(eventProperties.get("Schedule")),
                        !"false".equalsIgnoreCase(text(eventProperties.get("Enabled")))
                                && !"DISABLED".equalsIgnoreCase(text(eventProperties.get("State"))),
                        false, text(eventProperties.get("Input"))));
                case "ScheduleV2" -> schedules.add(new Schedule(eventName, text(eventProperties.get("ScheduleExpression")),
                        !"DISABLED".equalsIgnoreCase(text(eventProperties.get("State"))), true, text(eventProperties.get("Input"))));
                default -> JsonLog.info("event source not played locally", "function", logicalId, "event", eventName, "type", event.get("Type"));
            }
        });
        return new Function(logicalId, handlerClass, environment, timeoutDuration, routes, streams, schedules);
    }

    private static void addVariables(Map<String, String> environment, Map<String, Object> properties, String logicalId, Intrinsics intrinsics) {
        map(map(properties.get("Environment")).get("Variables")).forEach((name, value) -> {
            try {
                String text = intrinsics.resolveText(value);
                if (text != null) {
                    environment.put(name, text);
                }
            } catch (IllegalArgumentException unresolvable) {
                JsonLog.info("environment variable left out locally", "function", logicalId, "variable", name,
                        "reason", unresolvable.getMessage());
            }
        });
    }

    private static HttpRoute route(Map<String, Object> properties) {
        String path = text(properties.get("Path"));
        if (path == null) {
            return new HttpRoute(HttpRoute.ANY, HttpRoute.DEFAULT_ROUTE);
        }
        String method = text(properties.get("Method"));
        method = method == null || method.equalsIgnoreCase("any") || method.equals("*")
                || method.equalsIgnoreCase("x-amazon-apigateway-any-method") ? HttpRoute.ANY : method.toUpperCase(Locale.ROOT);
        return new HttpRoute(method, path);
    }

    private static StreamSource stream(String eventName, Map<String, Object> properties) {
        List<JsonNode> filters = new ArrayList<>();
        for (Object filter : list(map(properties.get("FilterCriteria")).get("Filters"))) {
            try {
                filters.add(MAPPER.readTree(text(map(filter).get("Pattern"))));
            } catch (IOException e) {
                throw new IllegalArgumentException("FilterCriteria pattern of " + eventName + " is not JSON", e);
            }
        }
        return new StreamSource(eventName,
                integer(properties.get("BatchSize"), 100),
                Duration.ofSeconds(integer(properties.get("MaximumBatchingWindowInSeconds"), 0)),
                Boolean.parseBoolean(text(properties.get("BisectBatchOnFunctionError"))),
                integer(properties.get("MaximumRetryAttempts"), -1),
                filters);
    }

    private static int integer(Object value, int defaultValue) {
        return value == null ? defaultValue : Integer.parseInt(String.valueOf(value).trim());
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}
