package io.readpulse.alerts.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.alerts.Alert;
import io.readpulse.alerts.AlertSender;
import io.readpulse.alerts.Delivery;
import io.readpulse.alerts.Destination;
import io.readpulse.alerts.SlackMessage;
import io.readpulse.alerts.WebhookPayload;
import io.readpulse.metadata.AddressPolicy;
import io.readpulse.metadata.CheckedConnector;
import io.readpulse.metadata.FetchFailure;
import io.readpulse.metadata.HostResolver;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends alerts to Slack incoming webhooks (Block Kit) and to generic webhooks (signed JSON), each
 * tried once and then again after each of the policy's pauses. A 2xx is delivered; a 4xx other than
 * 408 and 429 is not retried (the receiver refused this request and would refuse it again); any other
 * answer, a timeout or a broken connection is retried. A refused address is never retried.
 */
public final class HttpAlertSender implements AlertSender {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DeliveryPolicy policy;
    private final HttpPoster poster;
    private final Clock clock;
    private final Sleeper sleeper;

    /** Pauses between attempts; tests count them. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }

    public HttpAlertSender(DeliveryPolicy policy) {
        this(policy, HostResolver.system(), (SSLSocketFactory) SSLSocketFactory.getDefault(), Clock.systemUTC(), pause -> Thread.sleep(pause.toMillis()));
    }

    /** @param tls whose trust managers judge certificates; tests pass one that trusts their own */
    public HttpAlertSender(DeliveryPolicy policy, HostResolver resolver, SSLSocketFactory tls, Clock clock, Sleeper sleeper) {
        this.policy = policy;
        this.poster = new HttpPoster(policy, new CheckedConnector(new AddressPolicy(policy.allowLoopback()), resolver, tls));
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public Delivery send(Destination destination, Alert alert) {
        byte[] body = body(destination, alert);
        String failure = null;
        String detail = null;
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                int status = poster.post(destination.target(), body, headers(destination, alert, body));
                if (status >= 200 && status < 300) {
                    return Delivery.delivered(attempt);
                }
                failure = "http_status";
                detail = destination.target().getHost() + " answered " + status;
                if (status >= 400 && status < 500 && status != 408 && status != 429) {
                    return Delivery.failed(attempt, failure, detail);
                }
            } catch (FetchFailure e) {
                failure = e.code();
                detail = e.getMessage();
                if (failure.equals("address_not_allowed") || failure.equals("unresolvable")) {
                    return Delivery.failed(attempt, failure, detail);
                }
            }
            if (attempt > policy.backoff().size()) {
                return Delivery.failed(attempt, failure, detail);
            }
            try {
                sleeper.sleep(policy.backoff().get(attempt - 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Delivery.failed(attempt, failure, detail);
            }
        }
    }

    private static byte[] body(Destination destination, Alert alert) {
        if (destination.kind() == Destination.Kind.WEBHOOK) {
            return WebhookPayload.body(alert);
        }
        try {
            return MAPPER.writeValueAsBytes(SlackMessage.render(alert));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A webhook's signature is made at each attempt, so its timestamp is that attempt's. */
    private Map<String, String> headers(Destination destination, Alert alert, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (destination.kind() == Destination.Kind.WEBHOOK) {
            long timestamp = clock.instant().getEpochSecond();
            headers.put(WebhookPayload.TIMESTAMP_HEADER, Long.toString(timestamp));
            headers.put(WebhookPayload.SIGNATURE_HEADER, WebhookPayload.signature(destination.secret(), timestamp, body));
            headers.put(WebhookPayload.IDEMPOTENCY_HEADER, alert.idempotencyKey());
        }
        return headers;
    }
}
