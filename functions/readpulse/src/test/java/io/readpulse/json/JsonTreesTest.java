package io.readpulse.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JsonTrees must read and write exactly what ObjectMapper would, since it stands in for it on the ingest path. */
class JsonTreesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\\u00e9\\n\\\"\"}}",
            "[2147483647,2147483648,-9223372036854775808,92233720368547758070,1.5,-0.0,1e300,3.141592653589793]",
            "\"just a string\"",
            "42",
            "{}",
            "[]",
            "{\"x\":{\"y\":[[],{}]}}  \n"})
    void readsAndWritesAsObjectMapperDoes(String json) throws Exception {
        JsonNode ours = JsonTrees.read(JsonTrees.DEFAULT_FACTORY, json.getBytes(StandardCharsets.UTF_8));
        JsonNode theirs = MAPPER.readTree(json);

        assertEquals(theirs, ours);
        assertEquals(MAPPER.writeValueAsString(theirs), JsonTrees.write(JsonTrees.DEFAULT_FACTORY, ours));
    }

    /** Unlike readTree, which stops after the first value: a body of JSON and garbage is not JSON. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"site\":\"a\"} trailing", "{\"site\":\"a\"}{\"site\":\"b\"}", "[1] ]", "{} x", "42 43"})
    void refusesAnythingAfterTheValue(String json) {
        assertThrows(com.fasterxml.jackson.core.JsonParseException.class,
                () -> JsonTrees.read(JsonTrees.DEFAULT_FACTORY, json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheRealApiGatewayEventsAsObjectMapperDoes() throws Exception {
        // The project's sample events and AWS's own (test resources, sources in their SOURCES.md).
        try (var files = java.util.stream.Stream.concat(Files.list(io.readpulse.testkit.Fixtures.repositoryRoot().resolve("events")),
                Files.list(Path.of("src/test/resources/reference")))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                assertEquals(MAPPER.readTree(bytes), JsonTrees.read(JsonTrees.DEFAULT_FACTORY, new ByteArrayInputStream(bytes)), file.toString());
            }
        }
    }

    @Test
    void noContentIsAMissingNode() throws Exception {
        assertTrue(JsonTrees.read(JsonTrees.DEFAULT_FACTORY, new byte[0]).isMissingNode());
    }

    @Test
    void theFactoryFeaturesStillApply() {
        JsonFactory strict = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        assertThrows(JsonProcessingException.class, () -> JsonTrees.read(strict, "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(JsonProcessingException.class, () -> JsonTrees.read(JsonTrees.DEFAULT_FACTORY, "{\"a\":".getBytes(StandardCharsets.UTF_8)));
    }
}
