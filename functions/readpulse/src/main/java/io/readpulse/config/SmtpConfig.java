package io.readpulse.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.alerts.AlertSender;
import io.readpulse.alerts.delivery.AlertSenders;
import io.readpulse.alerts.delivery.DeliveryPolicy;
import io.readpulse.alerts.delivery.HttpAlertSender;
import io.readpulse.alerts.delivery.SmtpAlertSender;
import io.readpulse.alerts.delivery.SmtpSettings;
import java.io.IOException;
import java.util.Optional;

/**
 * The SMTP server that e-mail alerts go through, from the variables the template sets, and its
 * credentials from the one Secrets Manager secret the template names, read once at cold start. The
 * secret's value never reaches a log or an exception message.
 */
public final class SmtpConfig {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Reads a secret's string by its id: Secrets Manager in Lambda ({@link SecretsManagerSecrets}), a value in tests. */
    @FunctionalInterface
    public interface SecretReader {
        String read(String secretId);
    }

    private SmtpConfig() {
    }

    /** Empty when no SMTP server is configured. */
    public static Optional<SmtpSettings> fromEnvironment(Environment environment, SecretReader secrets) {
        String host = environment.optional(Environment.SMTP_HOST);
        if (host == null) {
            return Optional.empty();
        }
        String port = environment.optional(Environment.SMTP_PORT);
        String from = environment.required(Environment.SMTP_FROM);
        String secretId = environment.optional(Environment.SMTP_SECRET_ID);
        String username = null;
        String password = null;
        if (secretId != null) {
            JsonNode secret;
            try {
                secret = MAPPER.readTree(secrets.read(secretId));
            } catch (IOException e) {
                throw new IllegalStateException("the SMTP secret " + secretId + " is not JSON (its value is not shown)");
            }
            username = text(secret, "username", secretId);
            password = text(secret, "password", secretId);
        }
        boolean local = environment.flag(Environment.ALERT_RECEIVERS_ON_LOOPBACK);
        return Optional.of(new SmtpSettings(host, port == null ? 587 : Integer.parseInt(port.strip()), from, !local, username, password));
    }

    /**
     * Slack and webhooks over HTTP(S), e-mail over SMTP when a server is configured; its credentials
     * are read here, once per function instance.
     */
    public static AlertSender alertSenders(Environment environment, SecretReader secrets) {
        DeliveryPolicy policy = environment.flag(Environment.ALERT_RECEIVERS_ON_LOOPBACK) ? DeliveryPolicy.local() : DeliveryPolicy.production();
        AlertSender email = fromEnvironment(environment, secrets).map(settings -> (AlertSender) new SmtpAlertSender(settings, policy)).orElse(null);
        return AlertSenders.byKind(new HttpAlertSender(policy), email);
    }

    private static String text(JsonNode secret, String field, String secretId) {
        JsonNode value = secret == null ? null : secret.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalStateException("the SMTP secret " + secretId + " has no \"" + field + "\" string (its value is not shown)");
        }
        return value.asText();
    }
}
