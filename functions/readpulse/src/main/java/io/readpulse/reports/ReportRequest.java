package io.readpulse.reports;

import io.readpulse.collect.Identifiers;
import io.readpulse.model.Refusal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The query parameters every report understands, checked: a bad one is a 400 naming it.
 *
 * @param sort what {@code top} ranks by (default views)
 * @param section a section slug that {@code top} and {@code site} narrow to, or null
 * @param article the article {@code referrers} narrows to, or null
 * @param limit how many entries a list returns (1-100, default 20)
 * @param offset where a page of {@code top} starts, from the previous page's {@code nextCursor}
 * @param comparePrevious {@code compare=previous}: each figure also for the period of the same length just before
 * @param author an author's name that {@code top} and {@code site} narrow to, or null
 * @param tag a tag that {@code top} and {@code site} narrow to, or null
 */
public record ReportRequest(ReportRange range, Metric sort, String section, String article, int limit, int offset,
                            boolean comparePrevious, String author, String tag) {
    /** The longest author or tag name a page can give (see docs/api.md). */
    public static final int MAX_NAME_LENGTH = 100;
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final Pattern SECTION_SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern CURSOR = Pattern.compile("o([0-9]{1,7})");

    public static ReportRequest parse(Map<String, String> query, Instant now) {
        ReportRange range = ReportRange.parse(query.get("from"), query.get("to"), query.get("granularity"), now);
        return new ReportRequest(range, sort(query.get("sort")), section(query.get("section")), article(query.get("article")),
                limit(query.get("limit")), offset(query.get("cursor")), compare(query.get("compare")),
                name(query.get("author"), "author"), name(query.get("tag"), "tag"));
    }

    /** The same request over the period of the same length that ends where this one starts. */
    public ReportRequest previousPeriod() {
        return new ReportRequest(ReportComparison.previousOf(range), sort, section, article, limit, offset, false, author, tag);
    }

    private static boolean compare(String value) {
        if (value == null) {
            return false;
        }
        if (value.equals("previous")) {
            return true;
        }
        throw Refusal.invalid("unknown_compare", "compare", "compare must be previous (the period of the same length just before)");
    }

    /** The cursor that continues a list after {@code nextOffset} entries. */
    public static String cursorFor(int nextOffset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o" + nextOffset).getBytes(StandardCharsets.US_ASCII));
    }

    /** Article ids arrive in paths and parameters; they end up in keys and CSV files, so they are checked first. */
    public static String checkArticleId(String id, String field) {
        if (!Identifiers.isArticleId(id)) {
            throw Refusal.invalid("invalid_article_id", field,
                    "an article id is 1-128 letters, digits, '.', '_', '~' or '-', starting with a letter or digit");
        }
        return id;
    }

    private static Metric sort(String value) {
        if (value == null) {
            return Metric.VIEWS;
        }
        for (Metric metric : Metric.values()) {
            if (metric.wireName().equals(value)) {
                return metric;
            }
        }
        throw Refusal.invalid("unknown_sort", "sort", "sort must be one of " + Metric.wireNames() + ", not '" + value + "'");
    }

    private static String section(String value) {
        if (value == null) {
            return null;
        }
        if (!SECTION_SLUG.matcher(value).matches()) {
            throw Refusal.invalid("invalid_section", "section",
                    "section is a section's slug: lower-case letters, digits and dashes, as the sections report lists them");
        }
        return value;
    }

    /** An author or tag as the reports list it: 1-100 characters, no control characters. */
    private static String name(String value, String field) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > MAX_NAME_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw Refusal.invalid("invalid_" + field, field,
                    field + " is a name as the " + field + "s report lists it: 1-" + MAX_NAME_LENGTH + " characters, no control characters");
        }
        return value.strip();
    }

    private static String article(String value) {
        return value == null ? null : checkArticleId(value, "article");
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw Refusal.invalid("invalid_limit", "limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static int offset(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            var matcher = CURSOR.matcher(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
            if (matcher.matches()) {
                return Integer.parseInt(matcher.group(1));
            }
        } catch (IllegalArgumentException notBase64) {
            // answered below
        }
        throw Refusal.invalid("invalid_cursor", "cursor", "cursor must be a nextCursor value from a previous page");
    }
}
