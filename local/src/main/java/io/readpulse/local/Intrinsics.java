package io.readpulse.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the CloudFormation functions a template's values use ({@code Ref}, {@code Fn::GetAtt},
 * {@code Fn::Sub}, {@code Fn::Join}) the way a deployment of the stack would, with local names: a
 * parameter is its default unless overridden, a resource is its local physical name, and an ARN is
 * built from the local region and account.
 */
final class Intrinsics {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Map<String, Object> parameters;
    private final Map<String, Object> resources;
    private final Map<String, String> physicalNames;
    private final String stackName;

    /**
     * @param parameters parameter values (defaults already applied)
     * @param resources the template's Resources section
     * @param physicalNames the local name of each resource that {@code Ref} names
     */
    Intrinsics(Map<String, Object> parameters, Map<String, Object> resources, Map<String, String> physicalNames, String stackName) {
        this.parameters = parameters;
        this.resources = resources;
        this.physicalNames = physicalNames;
        this.stackName = stackName;
    }

    /** The value with every intrinsic function replaced by what it evaluates to. */
    Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                String key = String.valueOf(only.getKey());
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return function(key, only.getValue());
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            map.forEach((k, v) -> resolved.put(String.valueOf(k), resolve(v)));
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            list.forEach(element -> resolved.add(resolve(element)));
            return resolved;
        }
        return value;
    }

    /** The value as an environment variable's text: lists are comma-joined, as CloudFormation requires. */
    String resolveText(Object value) {
        Object resolved = resolve(value);
        if (resolved instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(element -> parts.add(String.valueOf(element)));
            return String.join(",", parts);
        }
        if (resolved instanceof Map) {
            throw new IllegalArgumentException("a mapping is not a text value: " + value);
        }
        return resolved == null ? null : String.valueOf(resolved);
    }

    private Object function(String name, Object argument) {
        switch (name) {
            case "Ref":
                return ref(String.valueOf(argument));
            case "Fn::GetAtt": {
                List<?> parts = (List<?>) argument;
                return getAtt(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
            }
            case "Fn::Sub":
                if (argument instanceof List<?> withVariables) {
                    Map<?, ?> variables = (Map<?, ?>) withVariables.get(1);
                    return sub(String.valueOf(withVariables.get(0)), variables);
                }
                return sub(String.valueOf(argument), Map.of());
            case "Fn::Join": {
                List<?> parts = (List<?>) argument;
                List<String> texts = new ArrayList<>();
                for (Object part : (List<?>) resolve(parts.get(1))) {
                    texts.add(String.valueOf(part));
                }
                return String.join(String.valueOf(parts.get(0)), texts);
            }
            default:
                throw new IllegalArgumentException("the local runner does not evaluate " + name);
        }
    }

    private Object ref(String name) {
        switch (name) {
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::StackName":
                return stackName;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NoValue":
                return null;
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (physicalNames.containsKey(name)) {
            return physicalNames.get(name);
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
        Object definition = resources.get(resource);
        String type = definition instanceof Map<?, ?> map ? String.valueOf(map.get("Type")) : "";
        if (type.equals("AWS::Serverless::Function")) {
            return "lambda";
        }
        String[] parts = type.split("::");
        return parts.length >= 2 ? parts[1].toLowerCase(Locale.ROOT) : "local";
    }

    private String sub(String text, Map<?, ?> variables) {
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String replacement;
            if (variable.startsWith("!")) {
                replacement = "${" + variable.substring(1) + "}";
            } else if (variables.containsKey(variable)) {
                replacement = resolveText(variables.get(variable));
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                String[] parts = variable.split("\\.", 2);
                replacement = getAtt(parts[0], parts[1]);
            } else {
                replacement = String.valueOf(ref(variable));
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
