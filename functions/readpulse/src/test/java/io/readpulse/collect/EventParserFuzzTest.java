package io.readpulse.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.readpulse.model.Refusal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer for the event parser: valid bodies are truncated, spliced, bit-flipped,
 * re-typed and padded. Whatever comes in, the parser either accepts it or throws its own 4xx
 * Refusal naming a field; nothing else may escape (no NullPointerException, no 500).
 */
class EventParserFuzzTest {
    private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");
    private static final int ROUNDS = 20_000;
    private static final List<String> SEEDS = List.of(
            "{\"site\":\"demo-news\",\"type\":\"view\",\"referrer\":\"https://www.google.com/\",\"article\":{\"id\":\"a-1\","
                    + "\"url\":\"https://news.example/a-1\",\"title\":\"Title\",\"section\":\"World\",\"publishedAt\":\"2026-11-29T06:00:00Z\","
                    + "\"image\":\"https://news.example/a.jpg\"},\"ts\":1795939200000}",
            "{\"site\":\"demo-news\",\"events\":[{\"type\":\"engage\",\"seconds\":15,\"article\":{\"id\":\"a-1\",\"url\":\"https://news.example/a-1\"}},"
                    + "{\"type\":\"share\",\"network\":\"x\",\"article\":{\"id\":\"a-1\",\"url\":\"https://news.example/a-1\",\"section\":\"World\"}}]}");
    private static final List<String> SPLICES = List.of(
            "null", "true", "-1", "1e999", "NaN", "\"\"", "[]", "{}", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]",
            "\"javascript:alert(1)\"", "\"\\u0000\"", "\"\\ud800\"", "123456789012345678901234567890123456789",
            "\"" + "x".repeat(5000) + "\"", "\"\u202Eevil\"", ",", ":", "\"site\":\"x\"", "{\"a\":1,\"a\":2}");

    private final EventParser parser = new EventParser();

    @Test
    void anyInputIsAcceptedOrRefusedWithItsOwnError() {
        Random random = new Random(20261129);
        int accepted = 0;
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] body = mutate(SEEDS.get(random.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8), random);
            try {
                EventParser.ParsedBatch batch = parser.parse(body, NOW);
                assertTrue(Identifiers.isSiteId(batch.site()));
                assertTrue(batch.events().size() >= 1 && batch.events().size() <= Limits.MAX_EVENTS_PER_REQUEST);
                accepted++;
            } catch (Refusal refusal) {
                int status = io.readpulse.http.ApiException.of(refusal).status();
                assertTrue(status >= 400 && status < 500, "a 4xx, not " + status);
                assertTrue(refusal.field() != null && !refusal.field().isBlank(), "the error names a field");
                refused++;
            } catch (RuntimeException escaped) {
                fail("input escaped the parser's own errors: " + new String(body, StandardCharsets.UTF_8), escaped);
            }
        }
        assertEquals(ROUNDS, accepted + refused);
        assertTrue(accepted > 100 && refused > 1000, "the fuzzer exercised both outcomes: " + accepted + " accepted, " + refused + " refused");
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] body = seed.clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(6)) {
                case 0 -> body = java.util.Arrays.copyOf(body, random.nextInt(body.length + 1));
                case 1 -> {
                    if (body.length > 0) {
                        body[random.nextInt(body.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 2 -> body = splice(body, random, SPLICES.get(random.nextInt(SPLICES.size())).getBytes(StandardCharsets.UTF_8));
                case 3 -> body = splice(body, random, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
                case 4 -> {
                    if (body.length > 0) {
                        body[random.nextInt(body.length)] = (byte) random.nextInt(128);
                    }
                }
                default -> { }
            }
        }
        return body;
    }

    /** Replaces a random run of bytes with {@code insert}. */
    private static byte[] splice(byte[] body, Random random, byte[] insert) {
        int start = random.nextInt(body.length + 1);
        int end = Math.min(body.length, start + random.nextInt(12));
        byte[] result = new byte[start + insert.length + (body.length - end)];
        System.arraycopy(body, 0, result, 0, start);
        System.arraycopy(insert, 0, result, start, insert.length);
        System.arraycopy(body, end, result, start + insert.length, body.length - end);
        return result;
    }
}
