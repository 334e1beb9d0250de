package io.readpulse.entrypoints;

import static io.readpulse.entrypoints.ReportsAuthIT.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.readpulse.testkit.MutableClock;
import io.readpulse.testkit.ReadpulseTable;
import io.readpulse.testkit.RealEngineTest;
import io.readpulse.testkit.ReportEvents;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of bad report request gets a 4xx that names the parameter, and changes nothing. */
class ReportsBadInputIT extends RealEngineTest {
    ReportsHandler reports;
    String key;

    @BeforeEach
    void siteWithKey() {
        createSite("demo-news", "news.example");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
        key = ReportEvents.createKey(dynamo, table, clock, "demo-news");
        reports = new ReportsHandler(environment(), dynamo, clock);
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("reversed dates", "top", 400, "range_reversed", "from", "from", "2026-11-29", "to", "2026-11-27"),
                bad("empty time range", "top", 400, "range_reversed", "from", "from", "2026-11-29T08:00:00Z", "to", "2026-11-29T08:00:00Z"),
                bad("91 days at day granularity", "top", 400, "range_too_long", "to", "from", "2026-08-31", "to", "2026-11-29"),
                bad("8 days at hour granularity", "articles/raisi-putin-moscow", 400, "range_too_long", "to",
                        "from", "2026-11-22", "to", "2026-11-29", "granularity", "hour"),
                bad("unknown granularity", "site", 400, "unknown_granularity", "granularity", "granularity", "week"),
                bad("unknown sort", "top", 400, "unknown_sort", "sort", "sort", "clicks"),
                bad("malformed article id", "articles/-starts-with-dash", 400, "invalid_article_id", "id"),
                bad("article id with a path", "articles/a/b", 400, "invalid_article_id", "id"),
                bad("overlong article id", "articles/" + "a".repeat(129), 400, "invalid_article_id", "id"),
                bad("malformed article parameter", "referrers", 400, "invalid_article_id", "article", "article", "no spaces"),
                bad("malformed from", "top", 400, "invalid_time", "from", "from", "yesterday"),
                bad("malformed to", "sections", 400, "invalid_time", "to", "to", "2026-13-01"),
                bad("limit out of range", "top", 400, "invalid_limit", "limit", "limit", "1000"),
                bad("forged cursor", "top", 400, "invalid_cursor", "cursor", "cursor", "not-a-cursor"),
                bad("malformed section", "top", 400, "invalid_section", "section", "section", "World News"),
                bad("unknown format", "top", 400, "unknown_format", "format", "format", "xml"),
                bad("overlong author", "top", 400, "invalid_author", "author", "author", "a".repeat(101)),
                bad("blank author", "site", 400, "invalid_author", "author", "author", " "),
                bad("a tag with a control character", "top", 400, "invalid_tag", "tag", "tag", "cup\u0000final"),
                bad("compare on now", "now", 400, "compare_not_supported", "compare", "compare", "previous"),
                bad("unknown report", "trending", 404, "unknown_report", "report"),
                bad("an article nobody read or described", "articles/never-published", 404, "unknown_article", "id"),
                // Once 500s (DateTimeException): absurd years are refused before any arithmetic, on every route.
                bad("the year +999999999 as to, top", "top", 400, "out_of_range", "to", "to", "+999999999-12-31T05:00Z"),
                bad("the year +999999999 as to, site", "site", 400, "out_of_range", "to", "to", "+999999999-12-31T05:00Z"),
                bad("the year +999999999 as to, article", "articles/raisi-putin-moscow", 400, "out_of_range", "to",
                        "to", "+999999999-12-31T05:00Z"),
                bad("the last date there is as to", "sections", 400, "invalid_time", "to", "to", "+999999999-12-31"),
                bad("the year -999999999 as from", "referrers", 400, "out_of_range", "from", "from", "-999999999-01-01T00:00:00Z"),
                bad("the year 1970 as from", "top", 400, "out_of_range", "from", "from", "1970-01-01"));
    }

    private static Arguments bad(String name, String report, int status, String code, String field, String... query) {
        return Arguments.of(name, report, status, code, field, query);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isRefusedNamingTheProblem(String name, String report, int status, String code, String field, String[] query) {
        var before = ReadpulseTable.snapshot(dynamo, table);
        assertError(reports.handle(ReportEvents.get("demo-news", report, key, query)), status, code, field);
        assertEquals(before, ReadpulseTable.snapshot(dynamo, table), "a refused request writes nothing");
    }

    @Test
    void theLongestRangesAreAccepted() {
        assertEquals(200, reports.handle(ReportEvents.get("demo-news", "top", key, "from", "2026-09-01", "to", "2026-11-29")).statusCode());
        assertEquals(200, reports.handle(ReportEvents.get("demo-news", "site", key,
                "from", "2026-11-23", "to", "2026-11-29", "granularity", "hour")).statusCode());
        assertEquals(200, reports.handle(ReportEvents.get("demo-news", "site", key,
                "from", "2026-11-29T08:00:00+01:00", "to", "2026-11-29T10:00:00+01:00")).statusCode());
    }
}
