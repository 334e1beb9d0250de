package io.readpulse.reports;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.readpulse.model.Refusal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Reports' query parameters, fuzzed as collect's bodies are (EventParserFuzzTest): whatever an
 * editor's browser or a stranger sends, parsing a report request either succeeds or refuses with a
 * 4xx naming the parameter; never another exception, which the handler would answer with a 500.
 */
class ReportRequestFuzzTest {
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    static final List<String> NAMES = List.of("from", "to", "granularity", "limit", "cursor", "sort", "section", "format", "article");
    static final List<String> SEEDS = List.of("2026-11-29", "2026-11-29T08:00:00Z", "2026-11-29T08:00:00+01:00", "2026-11-29T08:00",
            "+999999999-12-31T05:00Z", "-999999999-01-01T00:00:00Z", "+999999999-12-31", "0000-00-00", "2026-02-30", "9999-12-31T23:59:59Z",
            "day", "hour", "week", "10", "50", "0", "-1", "2147483648", "99999999999999999999", "1e3", "NaN", "views", "reads",
            "visitors", "engaged", "shares", "world", "geopolitics-foreign-policy", "csv", "json", "raisi-putin-moscow", "bm9w",
            "Y3Vyc29yOjEw", "%zz", "\u0000", "\ud800", "é", " ", "", "T", "Z", "+", "-", ":", "../", "a".repeat(300));

    @Test
    void noParametersMakeAnythingButA4xx() {
        SplittableRandom random = new SplittableRandom(20261129);
        int refused = 0;
        for (int round = 0; round < 20_000; round++) {
            Map<String, String> query = new HashMap<>();
            int parameters = random.nextInt(5);
            for (int i = 0; i < parameters; i++) {
                query.put(NAMES.get(random.nextInt(NAMES.size())), mutate(SEEDS.get(random.nextInt(SEEDS.size())), random));
            }
            try {
                ReportRequest.parse(query, NOW);
            } catch (Refusal expected) {
                int status = io.readpulse.http.ApiException.of(expected).status();
                assertTrue(status >= 400 && status < 500, "a " + status + " for " + query);
                refused++;
            } catch (RuntimeException e) {
                fail("parameters " + query + " threw " + e, e);
            }
        }
        assertTrue(refused > 1_000, "the fuzzer reaches the checks: " + refused + " refusals");
    }

    private static String mutate(String seed, SplittableRandom random) {
        StringBuilder text = new StringBuilder(seed);
        int edits = random.nextInt(3);
        for (int i = 0; i < edits && text.length() > 0; i++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(4)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, (char) random.nextInt(0x30, 0x7B));
                case 2 -> text.setCharAt(at, (char) random.nextInt(0x20, 0xFFFF));
                default -> text.append(SEEDS.get(random.nextInt(SEEDS.size())));
            }
        }
        return text.toString();
    }
}
