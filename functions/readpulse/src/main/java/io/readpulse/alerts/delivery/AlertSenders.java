package io.readpulse.alerts.delivery;

import io.readpulse.alerts.AlertSender;
import io.readpulse.alerts.Delivery;
import io.readpulse.alerts.Destination;

/** Each destination to the sender of its kind: Slack and webhooks over HTTP(S), e-mail over SMTP. */
public final class AlertSenders {
    private AlertSenders() {
    }

    /** @param email null when no SMTP server is configured: e-mail deliveries then fail, saying so */
    public static AlertSender byKind(AlertSender http, AlertSender email) {
        return (destination, alert) -> {
            if (destination.kind() != Destination.Kind.EMAIL) {
                return http.send(destination, alert);
            }
            if (email == null) {
                return Delivery.failed(1, "email_not_configured", "no SMTP server is configured (the template's SmtpHost parameter)");
            }
            return email.send(destination, alert);
        };
    }
}
