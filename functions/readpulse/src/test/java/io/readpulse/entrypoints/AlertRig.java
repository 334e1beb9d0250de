package io.readpulse.entrypoints;

import io.readpulse.admin.AlertAdminCommands;
import io.readpulse.alerts.AlertService;
import io.readpulse.alerts.delivery.DeliveryPolicy;
import io.readpulse.alerts.delivery.HttpAlertSender;
import io.readpulse.config.Environment;
import io.readpulse.metadata.AddressPolicy;
import io.readpulse.metadata.CheckedConnector;
import io.readpulse.metadata.HostResolver;
import io.readpulse.store.dynamodb.DynamoAlertStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;

/**
 * SendAlerts and the admin command's alert commands as deployed, on the test's table and clock,
 * with a DNS of the test's own ({@link #resolve}) and short timeouts: real HTTP to real receivers.
 */
final class AlertRig {
    final MutableClock clock;
    final SendAlertsHandler handler;
    final AlertAdminCommands admin;
    final DeliveryPolicy policy;
    /** Host names the test resolves, to any address it likes; every other name fails. */
    final Map<String, String> dns = new ConcurrentHashMap<>();
    /** Pauses between attempts that the sender asked for. */
    final AtomicInteger pauses = new AtomicInteger();
    private final ByteArrayOutputStream adminOutput = new ByteArrayOutputStream();

    AlertRig(Environment environment, software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo, MutableClock clock, SSLSocketFactory tls) {
        this(environment, dynamo, clock, tls, null);
    }

    /** With the function's own service, as {@code SendAlertsHandler.wire} builds it with a sender of the test's choice. */
    static AlertRig withService(Environment environment, software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo, MutableClock clock,
                                AlertService service) {
        return new AlertRig(environment, dynamo, clock, null, service);
    }

    private AlertRig(Environment environment, software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo, MutableClock clock, SSLSocketFactory tls,
                     AlertService given) {
        this.clock = clock;
        this.policy = new DeliveryPolicy(true, Duration.ofSeconds(1), Duration.ofSeconds(2), List.of(Duration.ofMillis(50), Duration.ofMillis(100)));
        HostResolver resolver = host -> {
            String address = host.equals("127.0.0.1") || host.equals("localhost") ? "127.0.0.1" : dns.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByName(address));
        };
        SSLSocketFactory trust = tls == null ? (SSLSocketFactory) SSLSocketFactory.getDefault() : tls;
        HttpAlertSender sender = new HttpAlertSender(policy, resolver, trust, clock, pause -> {
            pauses.incrementAndGet();
            Thread.sleep(pause.toMillis());
        });
        AlertService service = given != null ? given : SendAlertsHandler.wire(environment, dynamo, sender);
        this.handler = new SendAlertsHandler(service, clock);
        String table = environment.required(Environment.TABLE_NAME);
        this.admin = new AlertAdminCommands(new DynamoSiteStore(dynamo, table), new DynamoAlertStore(dynamo, table), service,
                new CheckedConnector(new AddressPolicy(true), resolver, trust), clock, new PrintStream(adminOutput, true, StandardCharsets.UTF_8));
    }

    /** Runs an admin alerts command; returns its exit code, and its output through {@link #output()}. */
    int admin(String... words) {
        adminOutput.reset();
        return admin.run(List.of(words));
    }

    String output() {
        return adminOutput.toString(StandardCharsets.UTF_8);
    }

    /** The webhook secret that {@code alerts add ... webhook} printed. */
    String printedSecret() {
        for (String line : output().split("\n")) {
            int at = line.indexOf("whsec_");
            if (line.startsWith("signing secret") && at >= 0) {
                return line.substring(at).strip();
            }
        }
        throw new AssertionError("no secret printed: " + output());
    }

    /** The id that {@code alerts add} printed. */
    String printedId() {
        String out = output();
        int at = out.indexOf("destination ");
        return out.substring(at + "destination ".length(), at + "destination ".length() + 8);
    }

    AlertService.RunSummary run() {
        return handler.handle(io.readpulse.testkit.Fixtures.event("send-alerts-schedule.json"));
    }
}
