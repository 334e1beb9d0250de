package io.readpulse.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * API Gateway HTTP API's two translations: an HTTP request into a payload 2.0 event (the shape of
 * {@code events/collect-view.json}), and a function's output back into an HTTP response.
 */
final class HttpApiEvents {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private HttpApiEvents() {
    }

    /** What the runner knows of one HTTP request. Header names as received; values in order. */
    record Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                   byte[] body, String sourceIp, Instant receivedAt) {
    }

    /** An HTTP response to write: status, headers (Set-Cookie may repeat) and body bytes. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
    }

    static ObjectNode event(Request request, Routes.Match match) {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", match.route().routeKey());
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());

        ObjectNode headers = MAPPER.createObjectNode();
        String host = "localhost";
        String userAgent = "";
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                ArrayNode cookies = event.putArray("cookies");
                header.getValue().forEach(line -> {
                    for (String cookie : line.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                });
                continue;
            }
            String value = String.join(",", header.getValue());
            headers.put(name, value);
            if (name.equals("host")) {
                host = value.replaceFirst(":\\d+$", "");
            } else if (name.equals("user-agent")) {
                userAgent = value;
            }
        }
        event.set("headers", headers);

        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode node = event.putObject("queryStringParameters");
            query.forEach(node::put);
        }
        if (!match.pathParameters().isEmpty()) {
            ObjectNode node = event.putObject("pathParameters");
            match.pathParameters().forEach(node::put);
        }

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", Intrinsics.ACCOUNT);
        context.put("apiId", "local");
        context.put("domainName", host);
        context.put("domainPrefix", host.split("\\.", 2)[0]);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", userAgent);
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", match.route().routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(request.receivedAt()));
        context.put("timeEpoch", request.receivedAt().toEpochMilli());

        String text = textBody(request.body(), headers.path("content-type").asText(""));
        if (request.body().length > 0) {
            event.put("body", text != null ? text : Base64.getEncoder().encodeToString(request.body()));
        }
        event.put("isBase64Encoded", request.body().length > 0 && text == null);
        return event;
    }

    /**
     * The function's output as API Gateway reads it: a {@code statusCode} object is a full response;
     * anything else is a 200 JSON body, as payload format 2.0 infers.
     */
    static Response response(byte[] output) {
        JsonNode root;
        try {
            root = MAPPER.readTree(output);
        } catch (IOException notJson) {
            return internalError();
        }
        if (root == null || !root.isObject() || !root.has("statusCode")) {
            return new Response(200, Map.of("content-type", List.of("application/json")), output);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        root.path("headers").properties().forEach(header -> headers.put(header.getKey(), List.of(header.getValue().asText())));
        root.path("multiValueHeaders").properties().forEach(header -> {
            List<String> values = new ArrayList<>();
            header.getValue().forEach(value -> values.add(value.asText()));
            headers.put(header.getKey(), values);
        });
        if (root.path("cookies").isArray() && !root.path("cookies").isEmpty()) {
            List<String> cookies = new ArrayList<>();
            root.path("cookies").forEach(cookie -> cookies.add(cookie.asText()));
            headers.put("set-cookie", cookies);
        }
        String body = root.path("body").asText("");
        byte[] bytes = root.path("isBase64Encoded").asBoolean(false)
                ? Base64.getMimeDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        return new Response(root.path("statusCode").asInt(500), headers, bytes);
    }

    /**
     * The answer to a URL that names nothing because it cannot be read: a % that starts no %XX
     * escape, a NUL in a file path, characters a URL must escape. The same JSON error the handlers
     * give for bad input, with the part of the URL at fault as its field.
     */
    static Response malformedUrl(String field, String message) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", "malformed_url");
        error.put("message", message);
        error.put("field", field);
        return json(400, root);
    }

    /** A URL the runner cannot read; {@link ApiGateway} answers it with {@link #malformedUrl}. */
    static final class MalformedUrlException extends IllegalArgumentException {
        private final String field;

        MalformedUrlException(String field, String message) {
            super(message);
            this.field = field;
        }

        Response response() {
            return malformedUrl(field, getMessage());
        }
    }

    /** API Gateway's answer when the function failed or returned something it cannot read. */
    static Response internalError() {
        return message(500, "Internal Server Error");
    }

    /** API Gateway's answer when no route matches. */
    static Response notFound() {
        return message(404, "Not Found");
    }

    /** The runner's answer for a route whose function is not built on this branch. */
    static Response notImplemented(String function, String reason) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", "not_implemented");
        error.put("message", "the local runner cannot serve this route: function " + function + " is unavailable (" + reason + ")");
        return json(501, root);
    }

    private static Response message(int status, String message) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("message", message);
        return json(status, root);
    }

    private static Response json(int status, JsonNode body) {
        return new Response(status, Map.of("content-type", List.of("application/json")),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Multiple values of one name are joined with commas, as payload 2.0 does. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            String name = decodeQueryPart(parts[0], "query");
            String value = parts.length > 1 ? decodeQueryPart(parts[1], name) : "";
            parameters.merge(name, value, (first, next) -> first + "," + next);
        }
        return parameters;
    }

    private static String decodeQueryPart(String part, String field) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw new MalformedUrlException(field, "the query parameter " + (field.equals("query") ? "name" : "'" + field + "'")
                    + " is not valid URL encoding (a % must start a %XX escape)");
        }
    }

    /** The body as text when its content type is textual and it is valid UTF-8; else null (sent base64). */
    private static String textBody(byte[] body, String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        boolean textual = type.isEmpty() || type.startsWith("text/") || type.contains("json")
                || type.contains("xml") || type.startsWith("application/x-www-form-urlencoded");
        if (!textual) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notText) {
            return null;
        }
    }
}
