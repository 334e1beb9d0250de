package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.alerts.Alert;
import io.readpulse.alerts.Delivery;
import io.readpulse.alerts.Destination;
import io.readpulse.alerts.Trigger;
import io.readpulse.alerts.delivery.DeliveryPolicy;
import io.readpulse.alerts.delivery.SmtpAlertSender;
import io.readpulse.alerts.delivery.SmtpSettings;
import io.readpulse.config.Environment;
import io.readpulse.config.SmtpConfig;
import io.readpulse.store.dynamodb.DynamoAlertStore;
import io.readpulse.testkit.RealEngineTest;
import io.readpulse.testkit.SmtpReceiver;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * E-mail alerts to a real SMTP server (Debian's python3-aiosmtpd): the function as deployed, its
 * credentials read from the secret the template names (here given without AWS), AUTH used, one
 * multipart/alternative message per alert however many runs, every hostile text escaped, the
 * password in no log line; and STARTTLS, required and verified against the host name, as SES is
 * reached. Skipped, saying why, where python3-aiosmtpd is missing.
 */
class EmailAlertIT extends RealEngineTest {
    private static final Instant START = Instant.parse("2026-11-24T09:00:00Z");
    static final String HOSTILE_TITLE = "<script>alert(1)</script> Summit <img src=x onerror=alert(2)> & \"more\"\r\nBcc: victim@evil.example";
    private static final Pipeline.Article SUMMIT = new Pipeline.Article("summit", "https://news.example/world/summit", HOSTILE_TITLE,
            "World <b>", START.minus(Duration.ofHours(2)));
    private static final String USER = "AKIAREADPULSESMTP";
    private static final String PASSWORD = "BPas5w0rd/ses+smtp=never-logged";
    private static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:readpulse/smtp-AbCdEf";

    private Pipeline pipeline;

    @BeforeEach
    void sixReadersReadTheSummit() {
        String missing = SmtpReceiver.available();
        if (missing != null) {
            System.out.println("[readpulse] " + missing + ": e-mail tests are skipped");
        }
        Assumptions.assumeTrue(missing == null, missing);
        pipeline = Pipeline.afterReaders(engine, dynamo, environment(), START, SUMMIT, 6);
    }

    @Test
    void aMilestoneGoesOutOnceAsMultipartMailWithAuthAndNothingHostileGetsThrough(@TempDir Path dir) throws Exception {
        try (SmtpReceiver smtp = SmtpReceiver.plain(dir, USER, PASSWORD)) {
            Map<String, String> variables = new HashMap<>(environment().variables());
            variables.put(Environment.SMTP_HOST, "localhost");
            variables.put(Environment.SMTP_PORT, Integer.toString(smtp.port()));
            variables.put(Environment.SMTP_FROM, "alerts@readpulse.example");
            variables.put(Environment.SMTP_SECRET_ID, SECRET_ARN);
            variables.put(Environment.ALERT_RECEIVERS_ON_LOOPBACK, "true");
            Environment environment = new Environment(variables);
            List<String> secretsRead = new java.util.ArrayList<>();
            SmtpConfig.SecretReader secrets = id -> {
                secretsRead.add(id);
                return "{\"username\": \"" + USER + "\", \"password\": \"" + PASSWORD + "\"}";
            };

            ByteArrayOutputStream logs = new ByteArrayOutputStream();
            PrintStream stdout = System.out;
            System.setOut(new PrintStream(logs, true, StandardCharsets.UTF_8));
            AlertRig rig;
            try {
                rig = AlertRig.withService(environment, dynamo, pipeline.clock, SendAlertsHandler.wire(environment, dynamo,
                        SmtpConfig.alertSenders(environment, secrets)));
                assertEquals(0, rig.admin("add", "demo-news", "email", "desk@news.example,Editor.In-Chief+alerts@NEWS.example",
                        "--triggers", "milestone", "--milestone", "5"), rig.output());
                assertTrue(rig.output().contains("desk@news.example,Editor.In-Chief+alerts@news.example"), rig.output());
                for (int run = 0; run < 3; run++) {
                    pipeline.clock.advance(Duration.ofMinutes(1));
                    rig.run();
                }
                assertEquals(0, rig.admin("list", "demo-news"));
                assertTrue(rig.output().contains("delivered 1, failed 0"), rig.output());
                assertFalse(rig.output().contains(PASSWORD) || rig.output().contains(USER), "alerts list shows no credentials");
            } finally {
                System.setOut(stdout);
            }
            assertEquals(List.of(SECRET_ARN), secretsRead, "the secret is read once, at cold start");
            String logged = logs.toString(StandardCharsets.UTF_8);
            assertTrue(logged.contains("alerts sent"), logged);
            assertFalse(logged.contains(PASSWORD), "the SMTP password is never logged");

            List<SmtpReceiver.Received> received = smtp.await(1, Duration.ofSeconds(5));
            assertEquals(1, received.size(), "one e-mail, however many runs");
            SmtpReceiver.Received mail = received.get(0);
            assertEquals(USER, mail.authUser(), "sent after AUTH with the secret's credentials");
            assertTrue(smtp.authAttempts().size() >= 1 && smtp.authAttempts().get(0).get("ok").asBoolean());
            assertEquals("alerts@readpulse.example", mail.mailFrom());
            assertEquals(List.of("desk@news.example", "Editor.In-Chief+alerts@news.example"), mail.rcptTos());

            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mail.raw()));
            assertNotNull(message.getHeader(SmtpAlertSender.ALERT_ID_HEADER, null));
            assertNull(message.getHeader("Bcc"), "a CR/LF in a title starts no header");
            String subject = message.getSubject();
            assertTrue(subject.startsWith("[Readpulse] 5 reads today: <script>"), subject);
            assertFalse(subject.contains("\n") || subject.contains("\r"), subject);
            String rawHeaders = new String(mail.raw(), StandardCharsets.US_ASCII);
            rawHeaders = rawHeaders.substring(0, rawHeaders.indexOf("\r\n\r\n"));
            assertFalse(rawHeaders.lines().anyMatch(line -> line.regionMatches(true, 0, "Bcc:", 0, 4)), rawHeaders);

            assertTrue(message.isMimeType("multipart/alternative"), message.getContentType());
            MimeMultipart parts = (MimeMultipart) message.getContent();
            assertEquals(2, parts.getCount());
            assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
            assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
            String text = (String) parts.getBodyPart(0).getContent();
            String html = (String) parts.getBodyPart(1).getContent();
            assertTrue(text.contains("Passed 5 reads today (UTC) on demo-news."), text);
            assertTrue(text.contains("https://news.example/world/summit"), text);
            assertTrue(text.contains("Section: World <b>"), "the text part is plain text, shown as it is: " + text);
            assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Summit &lt;img src=x onerror=alert(2)&gt; &amp; &quot;more&quot;"), html);
            assertFalse(html.contains("<script") || html.contains("<img") || html.contains("<b>"), html);
            assertTrue(html.contains("World &lt;b&gt;"), html);
            assertTrue(html.contains("<a href=\"https://news.example/world/summit\""), html);
            assertFalse(new String(mail.raw(), StandardCharsets.UTF_8).contains(PASSWORD));
            System.out.println("[readpulse] EmailAlertIT: the text part as received, subject " + subject + ":\n" + text);
        }
    }

    @Test
    void startTlsIsRequiredAndTheCertificateMustNameTheHost(@TempDir Path dir) throws Exception {
        DeliveryPolicy policy = new DeliveryPolicy(true, Duration.ofSeconds(1), Duration.ofSeconds(3), List.of(Duration.ofMillis(10)));
        Destination desk = new Destination("demo-news", "0a1b2c3d", Destination.Kind.EMAIL, URI.create("mailto:desk@news.example"), null,
                Set.of(Trigger.RISING), 1, null, ZoneOffset.UTC, null, START, 0, 0, null, null);
        Alert alert = new Alert("demo-news", Trigger.TEST, "test", "0123456789abcdef", START, "Test alert from Readpulse", "A test.", null,
                List.of(), Map.of());
        try (SmtpReceiver smtp = SmtpReceiver.startTls(dir.resolve("good"), USER, PASSWORD, "localhost")) {
            SmtpSettings settings = new SmtpSettings("localhost", smtp.port(), "alerts@readpulse.example", true, USER, PASSWORD);
            Delivery delivery = new SmtpAlertSender(settings, policy, smtp.trustingIt(), pause -> { }).send(desk, alert);
            assertTrue(delivery.delivered(), delivery.describe());
            SmtpReceiver.Received mail = smtp.await(1, Duration.ofSeconds(5)).get(0);
            assertTrue(mail.tls(), "the message went over TLS");
            assertEquals(USER, mail.authUser());
        }
        try (SmtpReceiver smtp = SmtpReceiver.startTls(dir.resolve("wrong-name"), USER, PASSWORD, "smtp.elsewhere.example")) {
            SmtpSettings settings = new SmtpSettings("localhost", smtp.port(), "alerts@readpulse.example", true, USER, PASSWORD);
            Delivery delivery = new SmtpAlertSender(settings, policy, smtp.trustingIt(), pause -> { }).send(desk, alert);
            assertFalse(delivery.delivered(), "a certificate for another name is refused");
            assertFalse(delivery.detail().contains(PASSWORD), delivery.detail());
            assertTrue(smtp.received().isEmpty());
            assertTrue(smtp.authAttempts().isEmpty(), "no credentials were offered over an unverified connection");
        }
    }

    @Test
    void addressesThatCouldInjectHeadersAreRefusedAndNothingIsWritten() throws Exception {
        AlertRig rig = new AlertRig(environment(), dynamo, pipeline.clock, null);
        for (String hostile : List.of("desk@news.example\r\nBcc: victim@evil.example", "desk@news.example\nBcc:x@evil.example",
                "Desk <desk@news.example>", "desk@news.example,", "\"desk\"@news.example", "desk@[127.0.0.1]", "desk@news..example",
                "desk@news.example%0d%0abcc:x@evil.example", "d\u00e9sk@news.example")) {
            assertEquals(2, rig.admin("add", "demo-news", "email", hostile), hostile);
            assertTrue(rig.output().startsWith("error: "), rig.output());
            assertFalse(rig.output().contains("evil.example"), "a refused address is not echoed: " + rig.output());
        }
        assertEquals(2, rig.admin("add", "demo-news", "webhook", "https://hooks.example/x", "--digest", "daily"));
        assertEquals(2, rig.admin("add", "demo-news", "email", "desk@news.example", "--digest", "hourly"));
        assertTrue(new DynamoAlertStore(dynamo, table).destinations("demo-news").isEmpty(), "nothing written");
    }
}
