package io.readpulse.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What `sam validate` leaves to deploy time: every Ref, Fn::GetAtt, Fn::Sub variable and condition
 * names something the template declares, and every parameter and condition is used.
 */
class TemplateReferencesTest {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final SamTemplate template = SamTemplate.repository();
    private final References references = References.of(template.root());

    @Test
    void everyReferenceNamesSomethingDeclared() {
        List<String> dangling = new ArrayList<>();
        for (String name : references.refs) {
            if (!name.startsWith("AWS::") && !template.parameterIds().contains(name) && !template.resourceIds().contains(name)) {
                dangling.add("Ref " + name);
            }
        }
        for (String name : references.getAtts) {
            if (!template.resourceIds().contains(name)) {
                dangling.add("Fn::GetAtt " + name);
            }
        }
        for (String name : references.conditions) {
            if (!template.conditionIds().contains(name)) {
                dangling.add("condition " + name);
            }
        }
        assertEquals(List.of(), dangling);
    }

    @Test
    void everyParameterAndConditionIsUsed() {
        Set<String> unused = new TreeSet<>(template.parameterIds());
        unused.removeAll(references.refs);
        Set<String> unusedConditions = new TreeSet<>(template.conditionIds());
        unusedConditions.removeAll(references.conditions);
        unused.addAll(unusedConditions);
        assertEquals(Set.of(), unused, "declared in template.yaml but never used");
    }

    /** Names used anywhere in the template, by kind. */
    record References(Set<String> refs, Set<String> getAtts, Set<String> conditions) {
        static References of(JsonNode root) {
            References references = new References(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
            references.collect(root);
            return references;
        }

        private void collect(JsonNode node) {
            if (node.isObject()) {
                if (node.has("Ref") && node.size() == 1) {
                    refs.add(node.get("Ref").asText());
                }
                if (node.has("Fn::GetAtt")) {
                    getAtts.add(node.get("Fn::GetAtt").get(0).asText());
                }
                if (node.has("Fn::Sub")) {
                    JsonNode sub = node.get("Fn::Sub");
                    Set<String> local = new TreeSet<>();
                    if (sub.isArray()) {
                        sub.get(1).fieldNames().forEachRemaining(local::add);
                    }
                    Matcher variable = SUB_VARIABLE.matcher(sub.isArray() ? sub.get(0).asText() : sub.asText());
                    while (variable.find()) {
                        String name = variable.group(1);
                        if (local.contains(name)) {
                            continue;
                        }
                        if (name.contains(".") && !name.startsWith("AWS::")) {
                            getAtts.add(name.substring(0, name.indexOf('.')));
                        } else {
                            refs.add(name);
                        }
                    }
                }
                if (node.has("Fn::If")) {
                    conditions.add(node.get("Fn::If").get(0).asText());
                }
                if (node.has("Condition") && node.get("Condition").isTextual()) {
                    conditions.add(node.get("Condition").asText());
                }
                node.fields().forEachRemaining(field -> collect(field.getValue()));
            } else if (node.isArray()) {
                node.forEach(this::collect);
            }
        }
    }
}
