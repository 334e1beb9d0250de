package io.readpulse.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.template.SamTemplate.SamFunction;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Least privilege, read from the template: no wildcard resources, and GET-only functions can only read. */
class PoliciesTest {
    static final Set<String> READ_ACTIONS = Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query");

    @TestFactory
    Stream<DynamicTest> everyStatementNamesResourcesOfThisStack() {
        SamTemplate template = SamTemplate.repository();
        Set<String> ownArns = new TreeSet<>();
        template.resourceIds().forEach(id -> ownArns.add(IamPolicies.arnOf(template, id)));
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

    static boolean servesOnlyGetRoutes(SamFunction function) {
        return !function.events().isEmpty() && function.events().values().stream().allMatch(event ->
                "HttpApi".equals(event.path("Type").asText()) && "GET".equalsIgnoreCase(event.path("Properties").path("Method").asText()));
    }
}
