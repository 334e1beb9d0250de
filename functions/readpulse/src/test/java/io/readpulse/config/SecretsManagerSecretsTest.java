package io.readpulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.readpulse.alerts.delivery.SmtpSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The SMTP credentials' read as Lambda makes it, against a local server in Secrets Manager's place:
 * one SigV4-signed {@code GetSecretValue} (JSON 1.1) with the function's region and credentials;
 * the secret's JSON becomes the SMTP settings; an error names the secret and AWS's error type,
 * never a value.
 */
class SecretsManagerSecretsTest {
    private static final String SECRET = "{\"username\": \"AKIAREADPULSESMTP\", \"password\": \"BPas5w0rd/never-logged\"}";

    @Test
    void oneSignedGetSecretValueAtColdStartGivesTheSmtpSettings() throws Exception {
        List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(Map.of("method", exchange.getRequestMethod(), "target", String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target")),
                    "type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")),
                    "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    "date", String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Date")), "body", body));
            boolean known = body.contains("\"readpulse-smtp\"");
            byte[] answer = (known ? "{\"Name\": \"readpulse-smtp\", \"SecretString\": " + com.fasterxml.jackson.databind.node.TextNode.valueOf(SECRET) + "}"
                    : "{\"__type\": \"ResourceNotFoundException\", \"message\": \"Secrets Manager can't find the specified secret.\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(known ? 200 : 400, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            Environment environment = new Environment(Map.of("AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "AKIDFUNCTION", "AWS_SECRET_ACCESS_KEY", "function-secret",
                    "AWS_SESSION_TOKEN", "session-token", SecretsManagerSecrets.ENDPOINT, "http://127.0.0.1:" + server.getAddress().getPort() + "/",
                    Environment.SMTP_HOST, "email-smtp.eu-west-1.amazonaws.com", Environment.SMTP_FROM, "alerts@news.example",
                    Environment.SMTP_SECRET_ID, "readpulse-smtp"));
            SmtpSettings settings = SmtpConfig.fromEnvironment(environment, new SecretsManagerSecrets(environment)).orElseThrow();
            assertEquals("AKIAREADPULSESMTP", settings.username());
            assertEquals("BPas5w0rd/never-logged", settings.password());
            assertTrue(settings.requireTls());
            assertEquals(587, settings.port());
            assertEquals(1, requests.size());
            Map<String, String> request = requests.get(0);
            assertEquals("POST", request.get("method"));
            assertEquals("secretsmanager.GetSecretValue", request.get("target"));
            assertEquals("application/x-amz-json-1.1", request.get("type"));
            assertEquals("{\"SecretId\":\"readpulse-smtp\"}", request.get("body"));
            assertTrue(request.get("authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKIDFUNCTION/"), request.get("authorization"));
            assertTrue(request.get("authorization").contains("/eu-west-1/secretsmanager/aws4_request"), request.get("authorization"));
            assertTrue(request.get("date").matches("\\d{8}T\\d{6}Z"), request.get("date"));

            IllegalStateException missing = assertThrows(IllegalStateException.class, () -> new SecretsManagerSecrets(environment).read("no-such-secret"));
            assertTrue(missing.getMessage().contains("ResourceNotFoundException"), missing.getMessage());
            assertFalse(missing.getMessage().contains("never-logged"));
        } finally {
            server.stop(0);
        }
    }
}
