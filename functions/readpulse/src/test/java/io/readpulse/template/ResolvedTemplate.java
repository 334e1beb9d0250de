package io.readpulse.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudFormation template (what SAM's transform gives) as CloudFormation would deploy it for some
 * parameter values: conditions evaluated, resources and outputs whose condition is false left
 * out, each Fn::If replaced by its chosen branch and AWS::NoValue removed. Other intrinsics stay
 * as they are. {@link #danglingReferences()} then lists every Ref, Fn::GetAtt, Fn::Sub variable
 * and DependsOn that names nothing in that deployment, and {@link #dependencyCycle()} finds
 * resources that need each other (which CloudFormation refuses to create).
 */
public final class ResolvedTemplate {
    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final JsonNode original;
    private final Map<String, String> values;
    private final Map<String, Boolean> conditions = new HashMap<>();
    private final ObjectNode resolved;

    private ResolvedTemplate(JsonNode original, Map<String, String> parameters) {
        this.original = original;
        this.values = new HashMap<>();
        original.path("Parameters").properties().forEach(parameter -> values.put(parameter.getKey(), parameter.getValue().path("Default").asText("")));
        values.put("AWS::Region", "us-east-1");
        values.put("AWS::Partition", "aws");
        values.putAll(parameters);
        original.path("Conditions").fieldNames().forEachRemaining(this::condition);
        this.resolved = resolve();
    }

    /** @param parameters parameter values (the defaults where absent) and pseudo parameters such as AWS::Region */
    public static ResolvedTemplate of(JsonNode template, Map<String, String> parameters) {
        return new ResolvedTemplate(template, parameters);
    }

    public JsonNode root() {
        return resolved;
    }

    public JsonNode resources() {
        return resolved.path("Resources");
    }

    public JsonNode resource(String logicalId) {
        JsonNode resource = resources().path(logicalId);
        if (resource.isMissingNode()) {
            throw new AssertionError("the deployment has no resource " + logicalId + "; it has " + names(resources()));
        }
        return resource;
    }

    public List<String> resourceIdsOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources().properties().forEach(resource -> {
            if (type.equals(resource.getValue().path("Type").asText())) {
                ids.add(resource.getKey());
            }
        });
        return ids;
    }

    public boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        JsonNode definition = original.path("Conditions").path(name);
        if (definition.isMissingNode()) {
            throw new IllegalArgumentException("no condition " + name);
        }
        boolean value = truth(definition);
        conditions.put(name, value);
        return value;
    }

    /** A condition expression, also those of the Rules section: Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition. */
    public boolean truth(JsonNode expression) {
        if (expression.has("Condition")) {
            return condition(expression.get("Condition").asText());
        }
        if (expression.has("Fn::Equals")) {
            return value(expression.get("Fn::Equals").get(0)).equals(value(expression.get("Fn::Equals").get(1)));
        }
        if (expression.has("Fn::Not")) {
            return !truth(expression.get("Fn::Not").get(0));
        }
        if (expression.has("Fn::And")) {
            boolean all = true;
            for (JsonNode part : expression.get("Fn::And")) {
                all &= truth(part);
            }
            return all;
        }
        if (expression.has("Fn::Or")) {
            boolean any = false;
            for (JsonNode part : expression.get("Fn::Or")) {
                any |= truth(part);
            }
            return any;
        }
        throw new IllegalArgumentException("cannot evaluate the condition " + expression);
    }

    private String value(JsonNode operand) {
        if (operand.isValueNode()) {
            return operand.asText();
        }
        if (operand.has("Ref") && values.containsKey(operand.get("Ref").asText())) {
            return values.get(operand.get("Ref").asText());
        }
        throw new IllegalArgumentException("cannot evaluate " + operand + " in a condition");
    }

    private ObjectNode resolve() {
        ObjectNode copy = original.deepCopy();
        for (String section : List.of("Resources", "Outputs")) {
            JsonNode entries = copy.path(section);
            for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
                JsonNode condition = it.next().getValue().path("Condition");
                if (condition.isTextual() && !condition(condition.asText())) {
                    it.remove();
                }
            }
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        copy.properties().forEach(section -> {
            JsonNode value = section.getKey().equals("Conditions") || section.getKey().equals("Rules") ? section.getValue() : chosen(section.getValue());
            if (value != null) {
                result.set(section.getKey(), value);
            }
        });
        return result;
    }

    /** The node with every Fn::If decided; null for AWS::NoValue. */
    private JsonNode chosen(JsonNode node) {
        if (node.isObject()) {
            if (node.size() == 1 && node.has("Fn::If")) {
                JsonNode branches = node.get("Fn::If");
                return chosen(condition(branches.get(0).asText()) ? branches.get(1) : branches.get(2));
            }
            if (node.size() == 1 && "AWS::NoValue".equals(node.path("Ref").asText(null))) {
                return null;
            }
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(field -> {
                JsonNode value = chosen(field.getValue());
                if (value != null) {
                    object.set(field.getKey(), value);
                }
            });
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> {
                JsonNode value = chosen(item);
                if (value != null) {
                    array.add(value);
                }
            });
            return array;
        }
        return node;
    }

    /** Every reference in this deployment that names no parameter, pseudo parameter or resource of it. */
    public List<String> danglingReferences() {
        Set<String> parameters = names(resolved.path("Parameters"));
        Set<String> resources = names(resources());
        List<String> dangling = new ArrayList<>();
        collect(resolved.path("Resources"), "Resources", parameters, resources, dangling);
        collect(resolved.path("Outputs"), "Outputs", parameters, resources, dangling);
        resources().properties().forEach(resource -> {
            JsonNode dependsOn = resource.getValue().path("DependsOn");
            for (JsonNode target : dependsOn.isArray() ? dependsOn : List.of(dependsOn)) {
                if (target.isTextual() && !resources.contains(target.asText())) {
                    dangling.add(resource.getKey() + " DependsOn " + target.asText());
                }
            }
        });
        return dangling;
    }

    /** A chain of resources that ends where it began (each needs the next), or an empty list if there is none. */
    public List<String> dependencyCycle() {
        Map<String, Set<String>> needs = new java.util.TreeMap<>();
        Set<String> resources = names(resources());
        resources().properties().forEach(resource -> {
            Set<String> targets = new TreeSet<>();
            references(resource.getValue(), targets);
            targets.retainAll(resources);
            needs.put(resource.getKey(), targets);
        });
        Map<String, Integer> state = new HashMap<>();
        for (String start : needs.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> cycle = cycleFrom(start, needs, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    /** Depth first; state 1 is on the current path, 2 is done. */
    private static List<String> cycleFrom(String node, Map<String, Set<String>> needs, Map<String, Integer> state, List<String> path) {
        Integer seen = state.get(node);
        if (seen != null && seen == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        if (seen != null) {
            return List.of();
        }
        state.put(node, 1);
        path.add(node);
        for (String next : needs.getOrDefault(node, Set.of())) {
            List<String> cycle = cycleFrom(next, needs, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return List.of();
    }

    /** The names a resource refers to: Ref, Fn::GetAtt, Fn::Sub variables and DependsOn. */
    private static void references(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            if (node.size() == 1 && node.has("Ref")) {
                names.add(node.get("Ref").asText());
            }
            if (node.size() == 1 && node.has("Fn::GetAtt")) {
                JsonNode target = node.get("Fn::GetAtt");
                names.add(target.isArray() ? target.get(0).asText() : target.asText().split("\\.", 2)[0]);
            }
            if (node.size() == 1 && node.has("Fn::Sub")) {
                JsonNode sub = node.get("Fn::Sub");
                Matcher variable = SUB_VARIABLE.matcher(sub.isArray() ? sub.get(0).asText() : sub.asText());
                while (variable.find()) {
                    String name = variable.group(1);
                    names.add(name.contains(".") && !name.startsWith("AWS::") ? name.substring(0, name.indexOf('.')) : name);
                }
            }
            JsonNode dependsOn = node.path("DependsOn");
            for (JsonNode target : dependsOn.isArray() ? dependsOn : List.of(dependsOn)) {
                if (target.isTextual()) {
                    names.add(target.asText());
                }
            }
            node.properties().forEach(field -> references(field.getValue(), names));
        } else if (node.isArray()) {
            node.forEach(item -> references(item, names));
        }
    }

    private static void collect(JsonNode node, String at, Set<String> parameters, Set<String> resources, List<String> dangling) {
        if (node.isObject()) {
            if (node.size() == 1 && node.has("Ref")) {
                String name = node.get("Ref").asText();
                if (!PSEUDO_PARAMETERS.contains(name) && !parameters.contains(name) && !resources.contains(name)) {
                    dangling.add(at + ": Ref " + name);
                }
            }
            if (node.size() == 1 && node.has("Fn::GetAtt")) {
                JsonNode target = node.get("Fn::GetAtt");
                String name = target.isArray() ? target.get(0).asText() : target.asText().split("\\.", 2)[0];
                if (!resources.contains(name)) {
                    dangling.add(at + ": Fn::GetAtt " + name);
                }
            }
            if (node.size() == 1 && node.has("Fn::Sub")) {
                JsonNode sub = node.get("Fn::Sub");
                Set<String> local = new TreeSet<>();
                if (sub.isArray()) {
                    sub.get(1).fieldNames().forEachRemaining(local::add);
                }
                Matcher variable = SUB_VARIABLE.matcher(sub.isArray() ? sub.get(0).asText() : sub.asText());
                while (variable.find()) {
                    String name = variable.group(1);
                    String target = name.contains(".") && !name.startsWith("AWS::") ? name.substring(0, name.indexOf('.')) : name;
                    if (!local.contains(name) && !PSEUDO_PARAMETERS.contains(target) && !parameters.contains(target) && !resources.contains(target)) {
                        dangling.add(at + ": ${" + name + "}");
                    }
                }
            }
            node.properties().forEach(field -> collect(field.getValue(), at.equals("Resources") || at.equals("Outputs") ? field.getKey() : at,
                    parameters, resources, dangling));
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, at, parameters, resources, dangling));
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
