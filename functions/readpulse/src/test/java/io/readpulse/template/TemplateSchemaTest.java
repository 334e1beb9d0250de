package io.readpulse.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * template.yaml against AWS SAM's own JSON Schema. Three templates from SAM's translator tests
 * show the validator accepts valid SAM; copies of our template broken on purpose, one mistake
 * each, show it rejects what `sam validate` would.
 */
class TemplateSchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Schema SAM_SCHEMA = samSchema();

    @Test
    void templateYamlIsValidSam() {
        assertEquals(List.of(), messages(SamTemplate.repository().root()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sam-tests-translator-input-eventbridgerule_schedule_properties.yaml",
            "sam-tests-translator-input-function_with_events_and_propagate_tags.yaml",
            "sam-tests-translator-input-implicit_http_api.yaml"})
    void samsOwnValidTemplatesPass(String positiveControl) {
        assertEquals(List.of(), messages(CloudFormationYaml.read(resource(positiveControl))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aTemplateWithOneMistakeFails(String mistake, Consumer<ObjectNode> breakIt) {
        ObjectNode broken = SamTemplate.repository().root().deepCopy();
        breakIt.accept(broken);
        assertFalse(messages(broken).isEmpty(), "the schema let this through: " + mistake);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("a misspelt function property", (Consumer<ObjectNode>) template ->
                        function(template, "CollectFunction").set("Handlr", function(template, "CollectFunction").remove("Handler"))),
                Arguments.of("an event type SAM does not have", (Consumer<ObjectNode>) template ->
                        event(template, "CollectFunction", "Collect").put("Type", "HttpEndpoint")),
                Arguments.of("an HTTP method given as a list", (Consumer<ObjectNode>) template ->
                        ((ObjectNode) event(template, "CollectFunction", "Collect").path("Properties")).putArray("Method").add("POST")),
                Arguments.of("a stream event without its stream", (Consumer<ObjectNode>) template ->
                        ((ObjectNode) event(template, "AggregateFunction", "RawEvents").path("Properties")).remove("Stream")),
                Arguments.of("a property only a function may have, in Globals", (Consumer<ObjectNode>) template ->
                        ((ObjectNode) template.path("Globals").path("Function")).putObject("Events")),
                Arguments.of("a misspelt HTTP API property", (Consumer<ObjectNode>) template -> {
                    ObjectNode api = (ObjectNode) template.path("Resources").path("PublicApi").path("Properties");
                    api.set("CorsConfig", api.remove("CorsConfiguration"));
                }),
                Arguments.of("a policy that is neither a name, a template nor a document", (Consumer<ObjectNode>) template ->
                        function(template, "ReportsFunction").put("Policies", 42)));
    }

    private static ObjectNode function(ObjectNode template, String logicalId) {
        return (ObjectNode) template.path("Resources").path(logicalId).path("Properties");
    }

    private static ObjectNode event(ObjectNode template, String logicalId, String eventName) {
        return (ObjectNode) function(template, logicalId).path("Events").path(eventName);
    }

    static List<String> messages(JsonNode template) {
        List<Error> errors = SAM_SCHEMA.validate(template);
        return errors.stream().map(error -> error.getInstanceLocation() + ": " + error.getMessage()).collect(Collectors.toList());
    }

    private static Schema samSchema() {
        try (InputStream schema = TemplateSchemaTest.class.getResourceAsStream("/sam/sam.schema.json")) {
            assertTrue(schema != null, "sam/sam.schema.json is missing from the test resources");
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(MAPPER.readTree(schema));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(TemplateSchemaTest.class.getResource("/sam/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
