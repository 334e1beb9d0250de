package io.readpulse.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An alert as a generic webhook's JSON body, and its signature: HMAC-SHA256 under the destination's
 * secret over {@code timestamp + "." + body}, hex, sent as {@code Readpulse-Signature: v1=<hex>}
 * beside {@code Readpulse-Timestamp} (Unix seconds). The timestamp is signed so a receiver can
 * refuse a replayed request; {@code Idempotency-Key} (the alert's id) lets it drop a retried one.
 */
public final class WebhookPayload {
    public static final String TIMESTAMP_HEADER = "Readpulse-Timestamp";
    public static final String SIGNATURE_HEADER = "Readpulse-Signature";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WebhookPayload() {
    }

    public static byte[] body(Alert alert) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", alert.idempotencyKey());
        root.put("type", alert.trigger().wireName());
        root.put("site", alert.site());
        root.put("at", alert.at().toString());
        root.put("headline", alert.headline());
        root.put("summary", alert.summary());
        root.put("link", alert.link());
        ObjectNode facts = root.putObject("facts");
        alert.facts().forEach(fact -> facts.put(fact.label(), fact.value()));
        root.set("data", MAPPER.valueToTree(alert.data()));
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code v1=} and the hex HMAC-SHA256 of {@code timestamp.body} under {@code secret} (its UTF-8 bytes). */
    public static String signature(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
