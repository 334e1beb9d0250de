package io.readpulse.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.testkit.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** template.yaml as data: its functions with the Globals applied as SAM applies them, its parameters and resources. */
public record SamTemplate(JsonNode root) {
    public static final String FUNCTION_TYPE = "AWS::Serverless::Function";

    /** The repository's own template.yaml. */
    public static SamTemplate repository() {
        return load(Fixtures.repositoryRoot().resolve("template.yaml"));
    }

    public static SamTemplate load(Path file) {
        return new SamTemplate(CloudFormationYaml.read(file));
    }

    public JsonNode resources() {
        return root.path("Resources");
    }

    public Set<String> resourceIds() {
        return names(resources());
    }

    public Set<String> parameterIds() {
        return names(root.path("Parameters"));
    }

    public Set<String> conditionIds() {
        return names(root.path("Conditions"));
    }

    public String resourceType(String logicalId) {
        return resources().path(logicalId).path("Type").asText();
    }

    /** Every AWS::Serverless::Function by logical id, in template order. */
    public Map<String, SamFunction> functions() {
        Map<String, SamFunction> functions = new LinkedHashMap<>();
        JsonNode globals = root.path("Globals").path("Function");
        resources().fields().forEachRemaining(resource -> {
            if (FUNCTION_TYPE.equals(resource.getValue().path("Type").asText())) {
                JsonNode properties = resource.getValue().path("Properties");
                functions.put(resource.getKey(), new SamFunction(resource.getKey(), withGlobals(globals, properties)));
            }
        });
        return functions;
    }

    public SamFunction function(String logicalId) {
        SamFunction function = functions().get(logicalId);
        if (function == null) {
            throw new AssertionError("template.yaml declares no function " + logicalId + "; it has " + functions().keySet());
        }
        return function;
    }

    /**
     * SAM's rules for Globals: a function's own scalar wins, maps merge key by key (so
     * Environment.Variables add up), and lists are the globals' entries followed by the function's.
     */
    static JsonNode withGlobals(JsonNode globals, JsonNode own) {
        if (globals.isMissingNode()) {
            return own;
        }
        if (own.isMissingNode()) {
            return globals.deepCopy();
        }
        if (globals.isObject() && own.isObject() && !isIntrinsic(globals) && !isIntrinsic(own)) {
            ObjectNode merged = globals.deepCopy();
            own.fields().forEachRemaining(field -> merged.set(field.getKey(), withGlobals(globals.path(field.getKey()), field.getValue())));
            return merged;
        }
        if (globals.isArray() && own.isArray()) {
            ArrayNode merged = globals.deepCopy();
            merged.addAll((ArrayNode) own.deepCopy());
            return merged;
        }
        return own;
    }

    static boolean isIntrinsic(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            return false;
        }
        String key = node.fieldNames().next();
        return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** One function with the Globals applied. */
    public record SamFunction(String logicalId, JsonNode properties) {
        public String handler() {
            return properties.path("Handler").asText();
        }

        public String handlerClass() {
            String handler = handler();
            int separator = handler.indexOf("::");
            return separator < 0 ? handler : handler.substring(0, separator);
        }

        public String handlerMethod() {
            String handler = handler();
            int separator = handler.indexOf("::");
            return separator < 0 ? "handleRequest" : handler.substring(separator + 2);
        }

        public String codeUri() {
            return properties.path("CodeUri").asText();
        }

        public Set<String> environmentVariables() {
            return names(properties.path("Environment").path("Variables"));
        }

        public List<JsonNode> policies() {
            JsonNode policies = properties.path("Policies");
            List<JsonNode> entries = new ArrayList<>();
            if (policies.isArray()) {
                policies.forEach(entries::add);
            } else if (!policies.isMissingNode()) {
                entries.add(policies);
            }
            return entries;
        }

        /** The function's events by name. */
        public Map<String, JsonNode> events() {
            Map<String, JsonNode> events = new LinkedHashMap<>();
            properties.path("Events").fields().forEachRemaining(event -> events.put(event.getKey(), event.getValue()));
            return events;
        }
    }
}
