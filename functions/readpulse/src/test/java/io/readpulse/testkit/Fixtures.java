package io.readpulse.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;

/**
 * The sample events of the repository's top-level {@code events/} folder, the same files
 * {@code sam local invoke -e} uses, with helpers that vary one part of a request at a time.
 */
public final class Fixtures {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {
    }

    public static Path repositoryRoot() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("events"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run the tests inside the repository: no template.yaml and events/ found above " + Paths.get("").toAbsolutePath());
    }

    /** A file of {@code events/} as a mutable JSON tree. */
    public static ObjectNode event(String fileName) {
        return (ObjectNode) read(repositoryRoot().resolve("events").resolve(fileName));
    }

    public static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The collect sample event with another body, sent as plain JSON text. */
    public static ObjectNode collectEvent(String body) {
        ObjectNode event = event("collect-view.json");
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event;
    }

    public static ObjectNode collectEventBase64(byte[] body, String contentType) {
        ObjectNode event = event("collect-view.json");
        event.put("body", Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", true);
        ((ObjectNode) event.get("headers")).put("content-type", contentType);
        return event;
    }

    public static ObjectNode withHeader(ObjectNode event, String name, String value) {
        ObjectNode headers = (ObjectNode) event.get("headers");
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        if (name.equals("user-agent")) {
            ((ObjectNode) event.path("requestContext").path("http")).put("userAgent", value);
        }
        return event;
    }

    /** A different reader: another source IP and user agent make another visitor key. */
    public static ObjectNode asVisitor(ObjectNode event, String sourceIp, String userAgent) {
        ((ObjectNode) event.path("requestContext").path("http")).put("sourceIp", sourceIp);
        withHeader(event, "user-agent", userAgent);
        return event;
    }

    public static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
