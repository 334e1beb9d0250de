package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.alerts.AlertService;
import io.readpulse.testkit.AlertReceiver;
import io.readpulse.testkit.RealEngineTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts delivered over real HTTP(S) to real receivers: a webhook receiver that verifies the
 * signature as docs/alerts.md tells receivers to, and drops repeated idempotency keys; a
 * Slack-shaped receiver that checks the Block Kit payload as Slack would; a receiver that fails.
 * Traffic goes through Collect, the stream, Aggregate and ComputeTrending on Dynoxide first.
 */
class AlertDeliveryIT extends RealEngineTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-11-24T09:00:00Z");
    private static final String HOSTILE_TITLE = "<!channel> Summit <@U024BE7LH> *ends* <https://evil.example|click> & more";
    private static final Pipeline.Article SUMMIT = new Pipeline.Article("summit", "https://news.example/world/summit", HOSTILE_TITLE,
            "World", START.minus(Duration.ofHours(2)));

    private Pipeline pipeline;

    @BeforeEach
    void sixReadersReadTheSummit() {
        pipeline = Pipeline.afterReaders(engine, dynamo, environment(), START, SUMMIT, 6);
    }

    @Test
    void aSignedWebhookOverHttpsGetsTheMilestoneOnceVerifiedAndWithOneIdempotencyKey(@TempDir Path dir) throws Exception {
        try (AlertReceiver receiver = AlertReceiver.https("hooks.receiver.example", dir)) {
            AlertRig rig = new AlertRig(environment(), dynamo, pipeline.clock, receiver.trustingIt());
            rig.dns.put("hooks.receiver.example", "127.0.0.1");
            assertEquals(0, rig.admin("add", "demo-news", "webhook", "https://hooks.receiver.example:" + receiver.port() + "/readpulse",
                    "--triggers", "milestone", "--milestone", "5"), rig.output());
            String secret = rig.printedSecret();
            Set<String> keys = ConcurrentHashMap.newKeySet();
            receiver.judge(request -> !verified(secret, request, pipeline.clock.instant()) ? 401 : keys.add(request.header("Idempotency-Key")) ? 200 : 409);

            for (int run = 0; run < 3; run++) {
                pipeline.clock.advance(Duration.ofMinutes(1));
                rig.run();
            }

            List<AlertReceiver.Received> received = receiver.received();
            assertEquals(1, received.size(), "one alert, however many runs");
            AlertReceiver.Received alert = received.get(0);
            assertTrue(verified(secret, alert, pipeline.clock.instant()));
            assertEquals(Set.of(alert.header("Idempotency-Key")), keys);
            JsonNode body = MAPPER.readTree(alert.body());
            assertEquals("milestone", body.get("type").asText());
            assertEquals(alert.header("Idempotency-Key"), body.get("id").asText());
            assertEquals("summit", body.get("data").get("articleId").asText());
            assertEquals(6, body.get("data").get("readsToday").asLong());
            assertEquals("5 reads today: " + HOSTILE_TITLE, body.get("headline").asText(), "JSON carries the title as data, escaped by JSON itself");
            assertEquals("https://news.example/world/summit", body.get("link").asText());

            byte[] tampered = alert.text().replace("summit", "summjt").getBytes(StandardCharsets.UTF_8);
            assertFalse(verified(secret, new AlertReceiver.Received("POST", alert.path(), alert.headers(), tampered), pipeline.clock.instant()),
                    "a changed body fails verification");
            assertFalse(verified(secret, alert, pipeline.clock.instant().plus(Duration.ofMinutes(10))), "an old timestamp fails verification");
        }
    }

    @Test
    void slackGetsBlockKitInWhichAHostileTitleIsPlainText() throws Exception {
        try (AlertReceiver slack = AlertReceiver.http().judge(AlertDeliveryIT::slackAccepts)) {
            AlertRig rig = new AlertRig(environment(), dynamo, pipeline.clock, null);
            assertEquals(0, rig.admin("add", "demo-news", "slack", "http://127.0.0.1:" + slack.port() + "/services/T000/B000/XXXX",
                    "--triggers", "milestone,rising", "--milestone", "5"), rig.output());
            assertFalse(rig.output().contains("XXXX"), "a Slack URL is a secret: printed masked");
            pipeline.clock.advance(Duration.ofMinutes(1));
            rig.run();

            List<JsonNode> messages = new java.util.ArrayList<>();
            for (AlertReceiver.Received request : slack.received()) {
                assertEquals(200, slackAccepts(request), "Slack's checks pass: " + request.text());
                messages.add(MAPPER.readTree(request.body()));
            }
            // A new article with six readers and no history: a milestone. It is not rising: a new article
            // is judged against what new stories of the site usually do, and this site has none yet
            // (docs/trending.md). Rising messages are checked on real traffic by RisingAlertsReplayIT.
            assertEquals(List.of("5 reads today: "), messages.stream()
                    .map(message -> message.get("blocks").get(0).get("text").get("text").asText().replace(HOSTILE_TITLE, "")).sorted().toList());
            for (JsonNode message : messages) {
                JsonNode header = message.get("blocks").get(0);
                assertEquals("plain_text", header.get("type").asText().equals("header") ? header.get("text").get("type").asText() : "");
                assertTrue(header.get("text").get("text").asText().endsWith(HOSTILE_TITLE), "the title as written, in plain text");
                for (String mrkdwn : mrkdwnTexts(message)) {
                    String ours = mrkdwn.replace("<https://news.example/world/summit|Open the article>", "");
                    assertFalse(ours.contains("<") || ours.contains(">") || ours.contains("@U"), "only our own link is markup: " + mrkdwn);
                }
                assertTrue(message.get("blocks").get(1).get("text").get("text").asText().contains("<https://news.example/world/summit|Open the article>"));
            }
            pipeline.clock.advance(Duration.ofMinutes(1));
            rig.run();
            assertEquals(1, slack.received().size(), "once");
        }
    }

    @Test
    void aReceiverThatFailsThenHangsIsRetriedRecordedCountedAndNeverSlowsTheTrendingRun() throws Exception {
        long trendingAlone = timeTrendingRuns();
        try (AlertReceiver dead = AlertReceiver.http()) {
            dead.thenAnswer(500).thenHang(Duration.ofSeconds(5)).thenHang(Duration.ofSeconds(5));
            AlertRig rig = new AlertRig(environment(), dynamo, pipeline.clock, null);
            assertEquals(0, rig.admin("add", "demo-news", "webhook", "http://127.0.0.1:" + dead.port() + "/hook",
                    "--triggers", "milestone", "--milestone", "5"), rig.output());

            long trendingWithDeadReceiver = timeTrendingRuns();
            assertTrue(trendingWithDeadReceiver < 3 * trendingAlone + 300,
                    "ComputeTrending took " + trendingWithDeadReceiver + " ms with a dead receiver configured, " + trendingAlone + " ms without");

            pipeline.clock.advance(Duration.ofMinutes(1));
            long started = System.nanoTime();
            List<String> lines = stdoutOf(rig::run);
            long alertsMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(3, dead.received().size(), "tried three times");
            assertEquals(2, rig.pauses.get(), "with a pause before each retry");
            assertTrue(alertsMillis >= 4_000, "SendAlerts waited on the receiver (" + alertsMillis + " ms); ComputeTrending did not");
            JsonNode metrics = lines.stream().filter(line -> line.contains("\"_aws\"")).map(AlertDeliveryIT::json)
                    .filter(line -> line.path("Function").asText().equals("SendAlerts")).findFirst().orElseThrow();
            assertEquals(1, metrics.get("DeliveriesFailed").asInt());
            assertEquals(3, metrics.get("DeliveryAttempts").asInt());
            assertTrue(lines.stream().noneMatch(line -> line.contains("/hook")), "no log line names the receiver's URL");

            assertEquals(0, rig.admin("list", "demo-news"));
            assertTrue(rig.output().contains("delivered 0, failed 1; last failure"), rig.output());
            assertTrue(rig.output().contains("timeout"), rig.output());

            pipeline.clock.advance(Duration.ofMinutes(1));
            rig.run();
            assertEquals(3, dead.received().size(), "a failed alert is recorded, not sent again at every run");

            try (AlertReceiver alive = AlertReceiver.http()) {
                assertEquals(0, rig.admin("add", "demo-news", "slack", "http://127.0.0.1:" + alive.port() + "/services/T/B/x"));
                dead.thenHang(Duration.ofSeconds(5)).thenHang(Duration.ofSeconds(5)).thenHang(Duration.ofSeconds(5));
                assertEquals(1, rig.admin("test", "demo-news"), "a failed test delivery exits 1");
                assertTrue(rig.output().contains("delivered (1 attempt)"), rig.output());
                assertTrue(rig.output().contains("FAILED after 3 attempts: timeout"), rig.output());
                JsonNode blocks = MAPPER.readTree(alive.received().get(0).body()).get("blocks");
                assertEquals("test", blocks.get(blocks.size() - 1).get("elements").get(0).get("text").asText().split(" · ")[2]);
            }
        }
    }

    @Test
    void addressesThatAreNotPublicAreRefusedWhenAddedAndAgainAtDelivery() throws Exception {
        AlertRig rig = new AlertRig(environment(), dynamo, pipeline.clock, null);
        rig.dns.put("metadata.attacker.example", "169.254.169.254");
        rig.dns.put("vpc.attacker.example", "10.1.2.3");
        rig.dns.put("rebinding.attacker.example", "93.184.215.14");
        for (String url : List.of("https://metadata.attacker.example/latest/meta-data/", "https://vpc.attacker.example/hook",
                "https://169.254.169.254/", "https://[fd00:ec2::254]/", "http://hooks.receiver.example/", "ftp://hooks.receiver.example/")) {
            assertEquals(2, rig.admin("add", "demo-news", "webhook", url), url);
            assertTrue(rig.output().startsWith("error: URL: "), rig.output());
        }
        assertEquals(0, rig.admin("list", "demo-news"));
        assertTrue(rig.output().contains("has no alert destinations"), "nothing was saved: " + rig.output());

        assertEquals(0, rig.admin("add", "demo-news", "webhook", "https://rebinding.attacker.example/hook", "--triggers", "milestone",
                "--milestone", "5"));
        rig.dns.put("rebinding.attacker.example", "169.254.169.254");
        pipeline.clock.advance(Duration.ofMinutes(1));
        AlertService.RunSummary summary = rig.run();
        assertEquals(1, summary.failed());
        assertEquals(1, summary.attempts(), "a refused address is not retried");
        assertEquals(0, rig.admin("list", "demo-news"));
        assertTrue(rig.output().contains("address_not_allowed"), rig.output());
    }

    /** What a receiver does, as docs/alerts.md shows: HMAC-SHA256 of "timestamp.body", compared in constant time, within 5 minutes. */
    static boolean verified(String secret, AlertReceiver.Received request, Instant now) {
        try {
            String timestamp = request.header("Readpulse-Timestamp");
            String signature = request.header("Readpulse-Signature");
            if (timestamp == null || signature == null || Math.abs(now.getEpochSecond() - Long.parseLong(timestamp)) > 300) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal(request.body()));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return false;
        }
    }

    /** Slack's checks of an incoming webhook's Block Kit payload, those our messages meet; 400 (invalid_blocks) otherwise. */
    static int slackAccepts(AlertReceiver.Received request) {
        try {
            if (!request.header("Content-Type").startsWith("application/json")) {
                return 400;
            }
            JsonNode message = MAPPER.readTree(request.body());
            JsonNode blocks = message.get("blocks");
            if (!message.path("text").isTextual() || blocks == null || !blocks.isArray() || blocks.isEmpty() || blocks.size() > 50) {
                return 400;
            }
            for (JsonNode block : blocks) {
                switch (block.path("type").asText()) {
                    case "header" -> {
                        if (!textObject(block.get("text"), 150) || !block.get("text").get("type").asText().equals("plain_text")) {
                            return 400;
                        }
                    }
                    case "section" -> {
                        boolean hasText = block.has("text");
                        boolean hasFields = block.has("fields");
                        if (!hasText && !hasFields || hasText && !textObject(block.get("text"), 3000)
                                || hasFields && (block.get("fields").size() > 10 || !allText(block.get("fields"), 2000))) {
                            return 400;
                        }
                    }
                    case "context" -> {
                        if (block.get("elements").isEmpty() || block.get("elements").size() > 10 || !allText(block.get("elements"), 3000)) {
                            return 400;
                        }
                    }
                    default -> {
                        return 400;
                    }
                }
            }
            return 200;
        } catch (Exception e) {
            return 400;
        }
    }

    private static boolean allText(JsonNode elements, int max) {
        for (JsonNode element : elements) {
            if (!textObject(element, max)) {
                return false;
            }
        }
        return true;
    }

    private static boolean textObject(JsonNode text, int max) {
        String type = text == null ? "" : text.path("type").asText();
        return (type.equals("plain_text") || type.equals("mrkdwn")) && text.path("text").isTextual()
                && !text.get("text").asText().isEmpty() && text.get("text").asText().length() <= max;
    }

    private static List<String> mrkdwnTexts(JsonNode message) {
        List<String> texts = new java.util.ArrayList<>(List.of(message.get("text").asText()));
        message.findParents("type").forEach(node -> {
            if (node.get("type").asText().equals("mrkdwn")) {
                texts.add(node.get("text").asText());
            }
        });
        return texts;
    }

    /** The best of three trending runs, in milliseconds. */
    private long timeTrendingRuns() {
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            pipeline.clock.advance(Duration.ofSeconds(20));
            long started = System.nanoTime();
            pipeline.computeTrending();
            best = Math.min(best, (System.nanoTime() - started) / 1_000_000);
        }
        return best;
    }

    private static List<String> stdoutOf(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return List.of(text.split("\n"));
    }

    private static JsonNode json(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(line, e);
        }
    }
}
