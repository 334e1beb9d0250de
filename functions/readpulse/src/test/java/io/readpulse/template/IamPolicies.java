package io.readpulse.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.template.SamTemplate.SamFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function's {@code Policies} as IAM statements: inline documents as they are, SAM policy
 * templates ({@code DynamoDBReadPolicy: {TableName: ...}}) expanded from SAM's own
 * policy_templates.json. Intrinsics are evaluated in a made-up account, so that an ARN in a
 * policy and the ARN of a resource the code touches compare as plain strings.
 */
public final class IamPolicies {
    static final String PARTITION = "aws";
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";
    private static final JsonNode POLICY_TEMPLATES = policyTemplates();
    /** The condition key that holds a DynamoDB call's partition key values. */
    public static final String LEADING_KEYS = "dynamodb:LeadingKeys";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final List<Statement> statements;

    private IamPolicies(List<Statement> statements) {
        this.statements = statements;
    }

    /**
     * One statement, with its actions and resources evaluated to strings (IAM wildcards kept), and
     * its {@code dynamodb:LeadingKeys} condition: the patterns every partition key of a call must
     * match, or null when the statement has no such condition.
     */
    public record Statement(boolean allow, List<String> actions, List<String> resources, List<String> leadingKeys, String source) {
        boolean covers(String action, String resourceArn) {
            return actions.stream().anyMatch(pattern -> matches(pattern, action, true))
                    && resources.stream().anyMatch(pattern -> matches(pattern, resourceArn, false));
        }

        /**
         * IAM's ForAllValues: true when every value of the request's key matches one of the
         * patterns, and so also when the request has no value at all (a Scan names no partition
         * key, which is why PoliciesTest refuses Scan under this condition).
         */
        boolean conditionHolds(Set<String> requestLeadingKeys) {
            return leadingKeys == null || requestLeadingKeys.stream()
                    .allMatch(key -> leadingKeys.stream().anyMatch(pattern -> matches(pattern, key, false)));
        }
    }

    public static IamPolicies of(SamTemplate template, SamFunction function) {
        List<Statement> statements = new ArrayList<>();
        Evaluator evaluator = new Evaluator(template, Map.of());
        for (JsonNode entry : function.policies()) {
            if (entry.isTextual()) {
                throw new IllegalArgumentException(function.logicalId() + " names the managed policy " + entry.asText()
                        + ": its grants cannot be read from the template; use a statement or a SAM policy template");
            }
            String key = entry.fieldNames().hasNext() ? entry.fieldNames().next() : "";
            if (entry.has("Statement")) {
                addDocument(entry, evaluator, function.logicalId() + " inline policy", statements);
            } else if (entry.size() == 1 && POLICY_TEMPLATES.path("Templates").has(key)) {
                Map<String, JsonNode> arguments = new HashMap<>();
                entry.get(key).fields().forEachRemaining(argument -> arguments.put(argument.getKey(), argument.getValue()));
                addDocument(POLICY_TEMPLATES.path("Templates").path(key).path("Definition"),
                        new Evaluator(template, arguments), function.logicalId() + " " + key, statements);
            } else {
                throw new IllegalArgumentException(function.logicalId() + " has a policy entry that is neither a document nor a SAM policy template: " + entry);
            }
        }
        return new IamPolicies(statements);
    }

    public List<Statement> statements() {
        return statements;
    }

    /** IAM's rule for a call that names no partition key. */
    public boolean allows(String action, String resourceArn) {
        return allows(action, resourceArn, Set.of());
    }

    /**
     * IAM's rule: allowed when some Allow statement covers the call and its conditions hold, and
     * no Deny statement does. {@code leadingKeys} are the partition key values the call touches.
     */
    public boolean allows(String action, String resourceArn, Set<String> leadingKeys) {
        boolean denied = statements.stream().anyMatch(statement -> !statement.allow()
                && statement.covers(action, resourceArn) && statement.conditionHolds(leadingKeys));
        return !denied && statements.stream().anyMatch(statement -> statement.allow()
                && statement.covers(action, resourceArn) && statement.conditionHolds(leadingKeys));
    }

    /** The ARN the template's resource would have in the made-up account. */
    public static String arnOf(SamTemplate template, String logicalId) {
        return new Evaluator(template, Map.of()).getAtt(logicalId, "Arn");
    }

    private static void addDocument(JsonNode document, Evaluator evaluator, String source, List<Statement> statements) {
        JsonNode list = document.path("Statement");
        for (JsonNode statement : list.isArray() ? list : List.of(list)) {
            if (statement.has("NotAction") || statement.has("NotResource")) {
                throw new IllegalArgumentException(source + ": NotAction and NotResource are not least privilege; list what is allowed");
            }
            statements.add(new Statement(!"Deny".equals(statement.path("Effect").asText()),
                    evaluator.strings(statement.path("Action")), evaluator.strings(statement.path("Resource")),
                    leadingKeys(statement.path("Condition"), evaluator, source), source));
        }
    }

    /**
     * The patterns of a {@code ForAllValues:StringLike} (or {@code StringEquals}) condition on
     * {@code dynamodb:LeadingKeys}; null without a condition. Any other condition is refused, so
     * that this check never says "allowed" about a condition it cannot evaluate.
     */
    private static List<String> leadingKeys(JsonNode condition, Evaluator evaluator, String source) {
        if (condition.isMissingNode()) {
            return null;
        }
        List<String> patterns = null;
        for (Map.Entry<String, JsonNode> operator : condition.properties()) {
            boolean like = operator.getKey().equals("ForAllValues:StringLike");
            if (!like && !operator.getKey().equals("ForAllValues:StringEquals")) {
                throw new IllegalArgumentException(source + ": this check cannot evaluate the condition operator " + operator.getKey());
            }
            for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
                if (!key.getKey().equals(LEADING_KEYS) || patterns != null) {
                    throw new IllegalArgumentException(source + ": this check evaluates one condition, on " + LEADING_KEYS + ", not " + key.getKey());
                }
                patterns = evaluator.strings(key.getValue()).stream()
                        .map(value -> like ? value : value.replace("*", "\\*").replace("?", "\\?")).toList();
            }
        }
        return patterns;
    }

    /** IAM's wildcards: {@code *} any run of characters, {@code ?} one; a backslash makes either literal. */
    static boolean matches(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && (pattern.charAt(i + 1) == '*' || pattern.charAt(i + 1) == '?')) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                continue;
            }
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
    }

    private static JsonNode policyTemplates() {
        try (InputStream json = IamPolicies.class.getResourceAsStream("/sam/samtranslator-policy_templates.json")) {
            if (json == null) {
                throw new IllegalStateException("sam/samtranslator-policy_templates.json is missing from the test resources");
            }
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ref, Fn::GetAtt, Fn::Sub and Fn::Join, the intrinsics that build policy ARNs. */
    private record Evaluator(SamTemplate template, Map<String, JsonNode> locals) {
        List<String> strings(JsonNode value) {
            List<String> strings = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(item -> strings.add(string(item)));
            } else if (!value.isMissingNode()) {
                strings.add(string(value));
            }
            return strings;
        }

        String string(JsonNode value) {
            if (value.isTextual()) {
                return value.asText();
            }
            if (value.has("Ref")) {
                return ref(value.get("Ref").asText());
            }
            if (value.has("Fn::GetAtt")) {
                return getAtt(value.get("Fn::GetAtt").get(0).asText(), value.get("Fn::GetAtt").get(1).asText());
            }
            if (value.has("Fn::Sub")) {
                JsonNode sub = value.get("Fn::Sub");
                return sub.isArray() ? substitute(sub.get(0).asText(), sub.get(1)) : substitute(sub.asText(), null);
            }
            if (value.has("Fn::Join")) {
                return String.join(value.get("Fn::Join").get(0).asText(), strings(value.get("Fn::Join").get(1)));
            }
            throw new IllegalArgumentException("cannot evaluate " + value + " in a policy");
        }

        String ref(String name) {
            if (locals.containsKey(name)) {
                return new Evaluator(template, Map.of()).string(locals.get(name));
            }
            switch (name) {
                case "AWS::Partition":
                    return PARTITION;
                case "AWS::Region":
                    return REGION;
                case "AWS::AccountId":
                    return ACCOUNT;
                case "AWS::URLSuffix":
                    return "amazonaws.com";
                case "AWS::StackName":
                    return "readpulse";
                default:
                    break;
            }
            if (template.parameterIds().contains(name)) {
                return template.root().path("Parameters").path(name).path("Default").asText();
            }
            if (template.resourceIds().contains(name)) {
                // Ref gives a resource's physical name; the logical id stands in for it.
                return name;
            }
            throw new IllegalArgumentException("Ref to " + name + ", which the template does not declare");
        }

        String getAtt(String logicalId, String attribute) {
            String type = template.resourceType(logicalId);
            String arn = switch (type) {
                case "AWS::DynamoDB::Table" -> "arn:" + PARTITION + ":dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + ref(logicalId);
                case "AWS::SQS::Queue" -> "arn:" + PARTITION + ":sqs:" + REGION + ":" + ACCOUNT + ":" + ref(logicalId);
                case "AWS::S3::Bucket" -> "arn:" + PARTITION + ":s3:::" + ref(logicalId);
                case "" -> throw new IllegalArgumentException("Fn::GetAtt of " + logicalId + ", which the template does not declare");
                default -> "arn:" + PARTITION + ":" + type + ":" + REGION + ":" + ACCOUNT + ":" + logicalId;
            };
            return switch (attribute) {
                case "Arn" -> arn;
                case "StreamArn" -> arn + "/stream/latest";
                default -> throw new IllegalArgumentException("Fn::GetAtt " + logicalId + "." + attribute + " is not an ARN this check knows");
            };
        }

        String substitute(String text, JsonNode variables) {
            Matcher matcher = SUB_VARIABLE.matcher(text);
            StringBuilder result = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1);
                String value;
                if (variables != null && variables.has(name)) {
                    value = string(variables.get(name));
                } else if (name.contains(".") && !name.startsWith("AWS::")) {
                    value = getAtt(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1));
                } else {
                    value = ref(name);
                }
                matcher.appendReplacement(result, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(result);
            return result.toString().replace("${!", "${");
        }
    }
}
