package io.readpulse.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.template.SamTemplate.SamFunction;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Least privilege, read from the template: no wildcard resources, GET-only functions can only
 * read, and every grant on the table is limited by partition key prefix (dynamodb:LeadingKeys).
 */
class PoliciesTest {
    static final Set<String> READ_ACTIONS = Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query");
    /**
     * The actions whose every request names its partition keys. ForAllValues is true for a request
     * without the key, so a Scan (or a wildcard action that includes it) under a LeadingKeys
     * condition would read the whole table.
     */
    static final Set<String> KEYED_ACTIONS = Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
            "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem");

    /**
     * The only resources outside the stack that a function may touch, each one named by a template
     * parameter: the SMTP credentials' secret (SmtpSecretName; Secrets Manager appends six random
     * characters to its name in the ARN).
     */
    static final Set<String> NAMED_BY_PARAMETERS = Set.of("arn:" + IamPolicies.PARTITION + ":secretsmanager:" + IamPolicies.REGION + ":"
            + IamPolicies.ACCOUNT + ":secret:readpulse-smtp-??????");

    @TestFactory
    Stream<DynamicTest> everyStatementNamesResourcesOfThisStack() {
        SamTemplate template = SamTemplate.repository();
        Set<String> ownArns = new TreeSet<>();
        template.resourceIds().forEach(id -> ownArns.add(IamPolicies.arnOf(template, id)));
        ownArns.addAll(NAMED_BY_PARAMETERS);
        return template.functions().values().stream().map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
            for (IamPolicies.Statement statement : IamPolicies.of(template, function).statements()) {
                assertFalse(statement.resources().isEmpty(), statement.source() + " names no resource");
                for (String resource : statement.resources()) {
                    assertFalse(resource.contains("*"), statement.source() + " grants a wildcard resource " + resource);
                    assertTrue(ownArns.contains(resource), statement.source() + " grants " + resource + ", which is not a resource of this stack");
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> functionsThatOnlyServeGetRoutesCanOnlyRead() {
        SamTemplate template = SamTemplate.repository();
        return template.functions().values().stream().filter(PoliciesTest::servesOnlyGetRoutes)
                .map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
                    Set<String> granted = new TreeSet<>();
                    IamPolicies.of(template, function).statements().stream().filter(IamPolicies.Statement::allow)
                            .forEach(statement -> granted.addAll(statement.actions()));
                    granted.removeAll(READ_ACTIONS);
                    assertEquals(Set.of(), granted, function.logicalId() + " answers only GET requests, so it may only read");
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyGrantOnTheTableIsLimitedByPartitionKeyPrefix() {
        SamTemplate template = SamTemplate.repository();
        String tableArn = IamPolicies.arnOf(template, "Table");
        return template.functions().values().stream().map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
            for (IamPolicies.Statement statement : IamPolicies.of(template, function).statements()) {
                if (!statement.allow() || statement.resources().stream().noneMatch(resource -> IamPolicies.matches(resource, tableArn, false))) {
                    continue;
                }
                assertNotNull(statement.leadingKeys(), statement.source() + " grants " + statement.actions()
                        + " on the whole table: add a ForAllValues:StringLike dynamodb:LeadingKeys condition with the prefixes it needs");
                assertFalse(statement.leadingKeys().isEmpty(), statement.source() + " has an empty LeadingKeys list");
                for (String action : statement.actions()) {
                    assertTrue(KEYED_ACTIONS.contains(action), statement.source() + " grants " + action + " under a LeadingKeys condition:"
                            + " a request without partition keys passes ForAllValues, so only " + KEYED_ACTIONS + " may be granted this way");
                }
            }
        }));
    }

    /** The promises, stated as calls that must be refused (and a few that must not). */
    @Test
    void collectWritesOnlyRawEventsAndSaltsAndReportsReadsKeysOnlyOneAtATime() {
        SamTemplate template = SamTemplate.repository();
        String table = IamPolicies.arnOf(template, "Table");
        IamPolicies collect = IamPolicies.of(template, template.function("CollectFunction"));
        IamPolicies reports = IamPolicies.of(template, template.function("ReportsFunction"));

        assertTrue(collect.allows("dynamodb:PutItem", table, Set.of("EV#demo-news#2026112908#07")));
        assertTrue(collect.allows("dynamodb:GetItem", table, Set.of("SITES")));
        for (String other : List.of("SITES", "KEYS#demo-news", "AD#demo-news#2026-11-29#3", "SD#demo-news#2026-11-29", "TR#demo-news", "AM#demo-news")) {
            assertFalse(collect.allows("dynamodb:PutItem", table, Set.of(other)), "Collect may not write " + other);
            assertFalse(collect.allows("dynamodb:BatchWriteItem", table, Set.of("EV#demo-news#2026112908#07", other)),
                    "Collect may not slip " + other + " into a batch of raw events");
        }
        assertFalse(collect.allows("dynamodb:GetItem", table, Set.of("KEYS#demo-news")), "Collect may not read key hashes");

        assertTrue(reports.allows("dynamodb:GetItem", table, Set.of("KEYS#demo-news")), "the key check reads one key");
        assertFalse(reports.allows("dynamodb:Query", table, Set.of("KEYS#demo-news")), "Reports may not list a site's key hashes");
        assertFalse(reports.allows("dynamodb:BatchGetItem", table, Set.of("AD#demo-news#2026-11-29#3", "KEYS#demo-news")),
                "Reports may not read key hashes in a batch");
        assertFalse(reports.allows("dynamodb:GetItem", table, Set.of("SITES")), "Reports may not read the site registry (sketch secrets)");
        assertFalse(reports.allows("dynamodb:Query", table, Set.of("SITES")));
        assertFalse(reports.allows("dynamodb:GetItem", table, Set.of("SALT")), "Reports may not read visitor salts");
    }

    /** The evaluator itself, on a made-up policy: IAM's ForAllValues:StringLike and StringEquals. */
    @Test
    void leadingKeysAreEvaluatedAsIamEvaluatesForAllValues() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode properties = json.createObjectNode();
        ObjectNode statement = properties.putArray("Policies").addObject().putArray("Statement").addObject();
        statement.put("Effect", "Allow").put("Action", "dynamodb:GetItem").put("Resource", "arn:aws:dynamodb:us-east-1:123456789012:table/t");
        statement.putObject("Condition").putObject("ForAllValues:StringLike").putArray(IamPolicies.LEADING_KEYS).add("EV#*").add("SITES");
        SamTemplate template = new SamTemplate(json.createObjectNode());
        IamPolicies policies = IamPolicies.of(template, new SamTemplate.SamFunction("F", properties));
        String table = "arn:aws:dynamodb:us-east-1:123456789012:table/t";

        assertTrue(policies.allows("dynamodb:GetItem", table, Set.of("EV#a#1")));
        assertTrue(policies.allows("dynamodb:GetItem", table, Set.of("EV#a#1", "SITES")), "every key matches a pattern");
        assertFalse(policies.allows("dynamodb:GetItem", table, Set.of("EV#a#1", "SITESX")), "one key outside the patterns refuses the call");
        assertFalse(policies.allows("dynamodb:GetItem", table, Set.of("KEYS#a")));
        assertFalse(policies.allows("dynamodb:GetItem", table, Set.of("xEV#a")), "StringLike matches the whole value");
        assertTrue(policies.allows("dynamodb:GetItem", table, Set.of()), "ForAllValues over no value is true, as in IAM");

        statement.remove("Condition");
        statement.putObject("Condition").putObject("ForAllValues:StringEquals").putArray(IamPolicies.LEADING_KEYS).add("EV#*");
        IamPolicies exact = IamPolicies.of(template, new SamTemplate.SamFunction("F", properties));
        assertTrue(exact.allows("dynamodb:GetItem", table, Set.of("EV#*")));
        assertFalse(exact.allows("dynamodb:GetItem", table, Set.of("EV#a")), "StringEquals has no wildcards");

        statement.remove("Condition");
        statement.putObject("Condition").putObject("StringEquals").put("aws:SourceVpc", "vpc-1");
        assertThrows(IllegalArgumentException.class, () -> IamPolicies.of(template, new SamTemplate.SamFunction("F", properties)),
                "a condition the check cannot evaluate must not pass as allowed");
    }

    static boolean servesOnlyGetRoutes(SamFunction function) {
        return !function.events().isEmpty() && function.events().values().stream().allMatch(event ->
                "HttpApi".equals(event.path("Type").asText()) && "GET".equalsIgnoreCase(event.path("Properties").path("Method").asText()));
    }
}
