package io.readpulse.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of an API Gateway proxy event that Readpulse uses. Reads HTTP API payload 2.0 (what
 * the template deploys) and REST API payload 1.0 (so the functions also sit behind a REST API).
 *
 * @param headers header names lower-cased
 * @param body the decoded body bytes ({@code isBase64Encoded} already undone); empty when absent
 */
public record HttpApiRequest(
        String method,
        String path,
        Map<String, String> headers,
        Map<String, String> queryParameters,
        Map<String, String> pathParameters,
        byte[] body,
        String sourceIp,
        String userAgent,
        String requestId,
        Instant receivedAt) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String query(String name) {
        return queryParameters.get(name);
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    /**
     * Reads an API Gateway event. The time is the handler's clock, not the event's own timestamp, so
     * tests and replays can drive time.
     */
    public static HttpApiRequest fromEvent(JsonNode event, Instant receivedAt) {
        boolean payloadV2 = "2.0".equals(event.path("version").asText());
        JsonNode context = event.path("requestContext");
        JsonNode headerNode = event.path("headers");
        // Sized once and wrapped, not copied: this runs for every header of every request.
        Map<String, String> headers = new HashMap<>(Math.max(16, headerNode.size() * 2));
        headerNode.properties().forEach(header -> headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue().asText()));
        String method;
        String path;
        String sourceIp;
        String userAgent;
        if (payloadV2) {
            JsonNode http = context.path("http");
            method = http.path("method").asText("GET");
            path = event.path("rawPath").asText(http.path("path").asText("/"));
            sourceIp = http.path("sourceIp").asText("");
            userAgent = http.path("userAgent").asText(headers.getOrDefault("user-agent", ""));
        } else {
            JsonNode identity = context.path("identity");
            method = event.path("httpMethod").asText("GET");
            path = event.path("path").asText("/");
            sourceIp = identity.path("sourceIp").asText("");
            userAgent = identity.path("userAgent").asText(headers.getOrDefault("user-agent", ""));
        }
        byte[] body = decodeBody(event);
        return new HttpApiRequest(
                method.toUpperCase(Locale.ROOT),
                path,
                Collections.unmodifiableMap(headers),
                stringMap(event.path("queryStringParameters")),
                stringMap(event.path("pathParameters")),
                body,
                sourceIp,
                userAgent == null ? "" : userAgent,
                context.path("requestId").asText(""),
                receivedAt);
    }

    private static byte[] decodeBody(JsonNode event) {
        JsonNode bodyNode = event.path("body");
        if (!bodyNode.isTextual()) {
            return new byte[0];
        }
        String body = bodyNode.asText();
        if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                return Base64.getMimeDecoder().decode(body);
            } catch (IllegalArgumentException notBase64) {
                throw ApiException.badRequest("invalid_body", "body", "the body is marked isBase64Encoded but is not valid base64");
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> stringMap(JsonNode node) {
        if (!node.isObject()) {
            return Map.of();
        }
        Map<String, String> values = new HashMap<>();
        node.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return Map.copyOf(values);
    }
}
