package io.readpulse.reports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.model.Refusal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The time range of a report, in whole UTC hours: {@code from} inclusive, {@code to} exclusive.
 *
 * <p>A date as {@code from} starts at that day's midnight; a date as {@code to} includes that whole
 * day, so {@code from=2026-11-01&to=2026-11-07} is seven days. A time is cut to its hour (from
 * down, to up), the finest step the counters keep. Times without an offset are UTC.
 */
public record ReportRange(Instant from, Instant to, Granularity granularity) {

    /** One step of a series: the hours {@code [fromHour, toHour)} of one UTC day. */
    public record Bucket(Instant start, LocalDate day, int fromHour, int toHour) {
    }

    /**
     * Reads {@code from}, {@code to} and {@code granularity} (each may be absent): by default the last
     * 7 days including today at day granularity, the last 24 hours at hour granularity.
     */
    public static ReportRange parse(String from, String to, String granularity, Instant now) {
        Granularity step = parseGranularity(granularity);
        Instant end = to == null ? defaultEnd(now, step) : bound(to, "to", true);
        Instant start = from == null ? end.minus(step == Granularity.DAY ? Duration.ofDays(7) : Duration.ofHours(24))
                : bound(from, "from", false);
        if (!start.isBefore(end)) {
            throw Refusal.invalid("range_reversed", "from", "from (" + start + ") must be before to (" + end + ")");
        }
        ReportRange range = new ReportRange(start, end, step);
        if (Duration.between(start, end).compareTo(step.longestRange()) > 0) {
            String covers = step == Granularity.DAY ? Duration.between(start, end).toDays() + " days" : range.hours() + " hours";
            throw Refusal.invalid("range_too_long", "to", "a range at " + step.wireName() + " granularity may cover at most "
                    + step.longestRange().toDays() + " days; this one covers " + covers);
        }
        return range;
    }

    private static Granularity parseGranularity(String value) {
        if (value == null) {
            return Granularity.DAY;
        }
        for (Granularity granularity : Granularity.values()) {
            if (granularity.wireName().equals(value)) {
                return granularity;
            }
        }
        throw Refusal.invalid("unknown_granularity", "granularity", "granularity must be hour or day, not '" + value + "'");
    }

    private static Instant defaultEnd(Instant now, Granularity step) {
        Instant nextHour = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        return step == Granularity.DAY ? LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : nextHour;
    }

    /** Counters exist for no time outside these years; checked before any arithmetic on a bound. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private static Instant bound(String value, String field, boolean isEnd) {
        // A '+' offset arrives as a space when the caller did not percent-encode it.
        String text = value.trim().replace(' ', '+');
        if (text.length() > 40) {
            throw Refusal.invalid("invalid_time", field, field + " is longer than an ISO date or time can be");
        }
        Instant parsed = parseBound(text, value, field, isEnd);
        if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
            throw Refusal.invalid("out_of_range", field, field + " must be between " + EARLIEST + " and " + LATEST);
        }
        return parsed;
    }

    private static Instant parseBound(String text, String value, String field, boolean isEnd) {
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (isEnd ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            Instant at = hasOffset(text) ? OffsetDateTime.parse(text).toInstant() : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            Instant hour = at.truncatedTo(ChronoUnit.HOURS);
            return isEnd && !hour.equals(at) ? hour.plus(Duration.ofHours(1)) : hour;
        } catch (DateTimeException e) {
            throw Refusal.invalid("invalid_time", field,
                    field + " must be an ISO date (2026-11-29) or time (2026-11-29T08:00:00Z), not '" + value + "'");
        }
    }

    private static boolean hasOffset(String text) {
        int timeStart = text.indexOf('T');
        return text.endsWith("Z") || text.endsWith("z") || (timeStart > 0 && (text.indexOf('+', timeStart) > 0 || text.indexOf('-', timeStart) > 0));
    }

    public long hours() {
        return Duration.between(from, to).toHours();
    }

    /** Every UTC day the range touches, oldest first. */
    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
        for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC); !day.isAfter(last); day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }

    /** The whole days the range touches: what counts kept per day only (visitors, referrers, networks) cover. */
    public Instant wholeDaysFrom() {
        return days().get(0).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Instant wholeDaysTo() {
        List<LocalDate> days = days();
        return days.get(days.size() - 1).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The part of {@code day} inside the range, as one bucket. */
    public Bucket within(LocalDate day) {
        Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant start = from.isAfter(dayStart) ? from : dayStart;
        Instant dayEnd = dayStart.plus(Duration.ofDays(1));
        Instant end = to.isBefore(dayEnd) ? to : dayEnd;
        return new Bucket(start, day, hourOf(start, dayStart), (int) Duration.between(dayStart, end).toHours());
    }

    /** The series' steps: one per day touched, or one per hour. */
    public List<Bucket> buckets() {
        List<Bucket> buckets = new ArrayList<>();
        for (LocalDate day : days()) {
            Bucket part = within(day);
            if (granularity == Granularity.DAY) {
                buckets.add(part);
            } else {
                for (int hour = part.fromHour(); hour < part.toHour(); hour++) {
                    buckets.add(new Bucket(day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(hour)), day, hour, hour + 1));
                }
            }
        }
        return buckets;
    }

    /** The range as a report states it, so a caller sees how its parameters were read. */
    void writeTo(ObjectNode report) {
        ObjectNode node = report.putObject("range");
        node.put("from", from.toString());
        node.put("to", to.toString());
        node.put("granularity", granularity.wireName());
        ObjectNode wholeDays = node.putObject("wholeDays");
        wholeDays.put("from", wholeDaysFrom().toString());
        wholeDays.put("to", wholeDaysTo().toString());
    }

    private static int hourOf(Instant at, Instant dayStart) {
        return (int) Duration.between(dayStart, at).toHours();
    }
}
