package io.readpulse.http;

import io.readpulse.json.JsonTrees;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** A proxy-integration response: status, headers and a text body. */
public record HttpApiResponse(int statusCode, Map<String, String> headers, String body) {

    public static HttpApiResponse json(int status, JsonNode body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json; charset=utf-8");
        headers.putAll(extraHeaders);
        try {
            return new HttpApiResponse(status, headers, JsonTrees.write(JsonTrees.DEFAULT_FACTORY, body));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The error body every route uses: {@code {"error":{"code","message","field"}}}. */
    public static HttpApiResponse error(ApiException problem, Map<String, String> extraHeaders) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", problem.code());
        error.put("message", problem.getMessage());
        if (problem.field() != null) {
            error.put("field", problem.field());
        }
        return json(problem.status(), root, extraHeaders);
    }

    public HttpApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpApiResponse(statusCode, copy, body);
    }

    /** Writes the response in the shape API Gateway expects back from a Lambda proxy integration. */
    public void writeTo(JsonFactory factory, OutputStream output) throws IOException {
        // Streamed rather than built as a tree: this runs once per request on every route.
        try (JsonGenerator json = factory.createGenerator(output)) {
            json.writeStartObject();
            json.writeNumberField("statusCode", statusCode);
            json.writeObjectFieldStart("headers");
            for (Map.Entry<String, String> header : headers.entrySet()) {
                json.writeStringField(header.getKey(), header.getValue());
            }
            json.writeEndObject();
            json.writeStringField("body", body == null ? "" : body);
            json.writeBooleanField("isBase64Encoded", false);
            json.writeEndObject();
        }
    }
}
