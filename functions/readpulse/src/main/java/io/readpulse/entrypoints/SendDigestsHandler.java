package io.readpulse.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.alerts.AlertSender;
import io.readpulse.alerts.DigestService;
import io.readpulse.config.DynamoClients;
import io.readpulse.config.Environment;
import io.readpulse.config.SecretsManagerSecrets;
import io.readpulse.config.SmtpConfig;
import io.readpulse.observe.Invocation;
import io.readpulse.observe.Log;
import io.readpulse.observe.Metrics;
import io.readpulse.reports.ReportService;
import io.readpulse.store.dynamodb.DynamoAlertStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The hourly EventBridge schedule in, the digests of the sites whose digest hour it is (in each
 * site's own time zone) out to their e-mail and Slack destinations. The numbers come from the
 * reports code the API runs ({@link ReportService}); each destination gets each period once.
 */
public final class SendDigestsHandler implements RequestStreamHandler {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DigestService digests;
    private final Clock clock;

    public SendDigestsHandler() {
        this(Environment.system());
    }

    public SendDigestsHandler(Environment environment) {
        this(wire(environment, DynamoClients.create(environment), SmtpConfig.alertSenders(environment, new SecretsManagerSecrets(environment)),
                Clock.systemUTC()), Clock.systemUTC());
    }

    public SendDigestsHandler(DigestService digests, Clock clock) {
        this.digests = digests;
        this.clock = clock;
    }

    /** The service as the function builds it, with the given way of sending and clock: tests point them at their own. */
    public static DigestService wire(Environment environment, DynamoDbClient dynamo, AlertSender sender, Clock clock) {
        String table = environment.required(Environment.TABLE_NAME);
        ExecutorService reads = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "digest-reader");
            thread.setDaemon(true);
            return thread;
        });
        // As ReportsHandler builds it: the digest is the reports API's answer for the period.
        ReportService reports = ReportsHandler.reportService(dynamo, table, reads, clock);
        return new DigestService(new DynamoSiteStore(dynamo, table), new DynamoAlertStore(dynamo, table), reports, sender);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = MAPPER.readTree(input);
        try (Invocation invocation = Invocations.begin(context, null)) {
            handle(event);
        }
    }

    public DigestService.RunSummary handle(JsonNode scheduledEvent) {
        Instant now = clock.instant();
        long started = System.nanoTime();
        DigestService.RunSummary summary = digests.runAll(now);
        long millis = (System.nanoTime() - started) / 1_000_000;
        Log.info("digests sent", "scheduledAt", scheduledEvent.path("time").asText(null), "digests", summary.sent(),
                "delivered", summary.delivered(), "failed", summary.failed(), "millis", millis);
        Metrics.of("SendDigests").milliseconds("RunMillis", millis).count("DigestsSent", summary.sent())
                .count("DeliveriesSucceeded", summary.delivered()).count("DeliveriesFailed", summary.failed()).emit();
        return summary;
    }
}
