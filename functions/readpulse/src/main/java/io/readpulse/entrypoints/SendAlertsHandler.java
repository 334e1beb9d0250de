package io.readpulse.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.alerts.AlertSender;
import io.readpulse.alerts.AlertService;
import io.readpulse.alerts.SiteTraffic;
import io.readpulse.config.DynamoClients;
import io.readpulse.config.Environment;
import io.readpulse.config.SecretsManagerSecrets;
import io.readpulse.config.SmtpConfig;
import io.readpulse.observe.Invocation;
import io.readpulse.observe.Log;
import io.readpulse.observe.Metrics;
import io.readpulse.store.dynamodb.DynamoAlertStore;
import io.readpulse.store.dynamodb.DynamoArticleStore;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.store.dynamodb.DynamoRawEventStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.store.dynamodb.DynamoTrendingStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The EventBridge schedule in, each site's new alerts out to its destinations. It reads what the
 * trending run recorded (the lists), never runs inside it: a slow or dead receiver delays only this
 * function. A failed delivery is retried, then counted on its destination and in the
 * {@code DeliveriesFailed} metric; it does not fail the run.
 */
public final class SendAlertsHandler implements RequestStreamHandler {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AlertService alerts;
    private final Clock clock;

    public SendAlertsHandler() {
        this(Environment.system());
    }

    public SendAlertsHandler(Environment environment) {
        this(wire(environment, DynamoClients.create(environment), SmtpConfig.alertSenders(environment, new SecretsManagerSecrets(environment))), Clock.systemUTC());
    }


    public SendAlertsHandler(AlertService alerts, Clock clock) {
        this.alerts = alerts.onFailure((destination, alert, delivery) -> Log.warn("alert not delivered", "site", destination.site(),
                "destination", destination.id(), "kind", destination.kind().wireName(), "trigger", alert.trigger().wireName(),
                "attempts", delivery.attempts(), "failure", delivery.failure(), "detail", delivery.detail()));
        this.clock = clock;
    }

    /** The service as the function builds it, with the given way of sending: tests point it at their receivers. */
    public static AlertService wire(Environment environment, DynamoDbClient dynamo, AlertSender sender) {
        String table = environment.required(Environment.TABLE_NAME);
        Duration counterRetention = environment.days(Environment.COUNTER_RETENTION_DAYS, 400);
        return new AlertService(new DynamoSiteStore(dynamo, table), new DynamoAlertStore(dynamo, table), new DynamoTrendingStore(dynamo, table),
                new DynamoArticleStore(dynamo, table, counterRetention),
                new SiteTraffic(new DynamoCounterStore(dynamo, table, counterRetention, 8),
                        new DynamoRawEventStore(dynamo, table, environment.days(Environment.RAW_EVENT_RETENTION_DAYS, 7))),
                sender);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = MAPPER.readTree(input);
        try (Invocation invocation = Invocations.begin(context, null)) {
            handle(event);
        }
    }

    public AlertService.RunSummary handle(JsonNode scheduledEvent) {
        Instant now = clock.instant();
        long started = System.nanoTime();
        AlertService.RunSummary summary = alerts.runAll(now);
        long millis = (System.nanoTime() - started) / 1_000_000;
        Log.info("alerts sent", "scheduledAt", scheduledEvent.path("time").asText(null), "sites", summary.sitesWithDestinations(),
                "alerts", summary.claimed(), "delivered", summary.delivered(), "failed", summary.failed(), "millis", millis);
        Metrics.of("SendAlerts").milliseconds("RunMillis", millis).count("AlertsSent", summary.claimed())
                .count("DeliveriesSucceeded", summary.delivered()).count("DeliveriesFailed", summary.failed())
                .count("DeliveryAttempts", summary.attempts()).emit();
        return summary;
    }
}
