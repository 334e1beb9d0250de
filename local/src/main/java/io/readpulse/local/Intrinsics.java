package io.readpulse.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the CloudFormation functions a template's values use ({@code Ref}, {@code Fn::GetAtt},
 * {@code Fn::Sub}, {@code Fn::Join}) as a deployment of the stack would, with local names: a
 * parameter is its default unless overridden, a resource is its local physical name, and an ARN is
 * built from the local region and account.
 */
final class Intrinsics {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, JsonNode> parameters;
    private final JsonNode resources;
    private final Map<String, String> physicalNames;
    private final String stackName;

    /**
     * @param parameters parameter values (defaults already applied; lists for list types)
     * @param resources the template's Resources section
     * @param physicalNames the local name of each resource, what {@code Ref} of it gives
     */
    Intrinsics(Map<String, JsonNode> parameters, JsonNode resources, Map<String, String> physicalNames, String stackName) {
        this.parameters = parameters;
        this.resources = resources;
        this.physicalNames = physicalNames;
        this.stackName = stackName;
    }

    /** The value with every intrinsic function replaced by what it evaluates to. */
    JsonNode resolve(JsonNode value) {
        if (value.isObject()) {
            if (value.size() == 1) {
                String key = value.fieldNames().next();
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return function(key, value.get(key));
                }
            }
            ObjectNode resolved = NODES.objectNode();
            value.fields().forEachRemaining(field -> resolved.set(field.getKey(), resolve(field.getValue())));
            return resolved;
        }
        if (value.isArray()) {
            ArrayNode resolved = NODES.arrayNode();
            value.forEach(element -> resolved.add(resolve(element)));
            return resolved;
        }
        return value;
    }

    /** The value as an environment variable's text (lists comma-joined), or null for AWS::NoValue. */
    String resolveText(JsonNode value) {
        JsonNode resolved = resolve(value);
        if (resolved.isArray()) {
            List<String> parts = new ArrayList<>();
            resolved.forEach(element -> parts.add(element.asText()));
            return String.join(",", parts);
        }
        if (resolved.isObject()) {
            throw new IllegalArgumentException("a mapping is not a text value: " + value);
        }
        return resolved.isNull() || resolved.isMissingNode() ? null : resolved.asText();
    }

    private JsonNode function(String name, JsonNode argument) {
        switch (name) {
            case "Ref":
                return ref(argument.asText());
            case "Fn::GetAtt":
                return TextNode.valueOf(getAtt(argument.get(0).asText(), argument.get(1).asText()));
            case "Fn::Sub":
                return argument.isArray()
                        ? TextNode.valueOf(sub(argument.get(0).asText(), argument.get(1)))
                        : TextNode.valueOf(sub(argument.asText(), NODES.objectNode()));
            case "Fn::Join": {
                List<String> parts = new ArrayList<>();
                resolve(argument.get(1)).forEach(part -> parts.add(part.asText()));
                return TextNode.valueOf(String.join(argument.get(0).asText(), parts));
            }
            default:
                throw new IllegalArgumentException("the local runner does not evaluate " + name);
        }
    }

    private JsonNode ref(String name) {
        switch (name) {
            case "AWS::Region":
                return TextNode.valueOf(REGION);
            case "AWS::AccountId":
                return TextNode.valueOf(ACCOUNT);
            case "AWS::StackName":
                return TextNode.valueOf(stackName);
            case "AWS::Partition":
                return TextNode.valueOf("aws");
            case "AWS::URLSuffix":
                return TextNode.valueOf("amazonaws.com");
            case "AWS::NoValue":
                return NullNode.getInstance();
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (physicalNames.containsKey(name)) {
            return TextNode.valueOf(physicalNames.get(name));
        }
        throw new IllegalArgumentException("Ref to " + name + ", which is neither a parameter nor a resource");
    }

    private String getAtt(String resource, String attribute) {
        if (!physicalNames.containsKey(resource)) {
            throw new IllegalArgumentException("Fn::GetAtt of " + resource + ", which is not a resource");
        }
        String name = physicalNames.get(resource);
        String service = serviceOf(resource);
        String arn = "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":"
                + (service.equals("dynamodb") ? "table/" : service.equals("lambda") ? "function:" : "") + name;
        switch (attribute) {
            case "Arn":
                return arn;
            case "StreamArn":
                return arn + "/stream/local";
            default:
                return name + "." + attribute;
        }
    }

    /** "dynamodb" for AWS::DynamoDB::Table, "lambda" for a function, and so on. */
    private String serviceOf(String resource) {
        String type = resources.path(resource).path("Type").asText();
        if (type.equals("AWS::Serverless::Function")) {
            return "lambda";
        }
        String[] parts = type.split("::");
        return parts.length >= 2 ? parts[1].toLowerCase(Locale.ROOT) : "local";
    }

    private String sub(String text, JsonNode variables) {
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String replacement;
            if (variable.startsWith("!")) {
                replacement = "${" + variable.substring(1) + "}";
            } else if (variables.has(variable)) {
                replacement = resolveText(variables.get(variable));
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                String[] parts = variable.split("\\.", 2);
                replacement = getAtt(parts[0], parts[1]);
            } else {
                replacement = ref(variable).asText();
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
