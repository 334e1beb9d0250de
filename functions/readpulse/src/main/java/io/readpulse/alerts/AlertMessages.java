package io.readpulse.alerts;

import io.readpulse.aggregate.DecayWindow;
import io.readpulse.model.ArticleMeta;
import io.readpulse.trending.RisingRule;
import io.readpulse.trending.TrendingEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The words of each alert. Titles, links, sections and authors come from the article's trusted description only. */
public final class AlertMessages {
    /** RisingRule's significance threshold, said in the message so a reader can judge the number. */
    static final double RISING_SIGNIFICANCE = 3.0;

    private AlertMessages() {
    }

    /**
     * The growth against the article's baseline, in words: the verdict's own baseline text where it
     * names one ("4.2× a typical Business story 2 hours after publication", "3.1× its usual
     * 10:00–11:00 UTC"), else, for a list stored before verdicts named their baselines, e.g. "3.1× its
     * usual 10:00–11:00 UTC (that hour on the 7 days before)". The number is the rising breakdown's
     * {@code growth} exactly as the trending API shows it (two decimals at most), so the alert and the
     * list never disagree.
     */
    public static String growthInWords(DecayWindow window, RisingRule.Verdict verdict, Instant at) {
        if (verdict.baseline() != null) {
            return verdict.baseline().text();
        }
        String times = java.math.BigDecimal.valueOf(round(verdict.growth())).stripTrailingZeros().toPlainString() + "×";
        return switch (window) {
            case ONE_HOUR -> {
                ZonedDateTime hour = at.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
                yield String.format(Locale.ROOT, "%s its usual %02d:00–%02d:00 UTC (that hour on the 7 days before)",
                        times, hour.getHour(), hour.plusHours(1).getHour());
            }
            case ONE_DAY -> String.format(Locale.ROOT, "%s its usual day (%s reads a day over the 7 days before)",
                    times, whole(verdict.baselineReadsPerDay()));
            case ONE_WEEK -> String.format(Locale.ROOT, "%s its usual week (%s reads a day in the week before last)",
                    times, whole(verdict.baselineReadsPerDay()));
        };
    }

    static Alert rising(String site, String siteName, DecayWindow window, TrendingEntry entry, ArticleMeta meta,
                        SiteTraffic.ArticleDay today, Instant at) {
        RisingRule.Verdict verdict = entry.breakdown().rising();
        String span = window == DecayWindow.ONE_HOUR ? "the last hour" : window == DecayWindow.ONE_DAY ? "the last 24 hours" : "the last 7 days";
        List<Alert.Fact> facts = new ArrayList<>();
        facts.add(new Alert.Fact("Growth", growthInWords(window, verdict, at)));
        facts.add(new Alert.Fact("Significance", String.format(Locale.ROOT, "%.1f (%.1f or more counts as rising)",
                verdict.significance(), RISING_SIGNIFICANCE)));
        facts.add(new Alert.Fact("Rank", entry.rank() + " in the site's rising list (" + window.wireName() + ")"));
        if (meta.section() != null) {
            facts.add(new Alert.Fact("Section", meta.section()));
        }
        if (!meta.authors().isEmpty()) {
            facts.add(new Alert.Fact("By", String.join(", ", meta.authors())));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("articleId", entry.articleId());
        data.put("window", window.wireName());
        data.put("rank", entry.rank());
        data.put("growth", round(verdict.growth()));
        data.put("significance", round(verdict.significance()));
        data.put("expectedReads", round(verdict.expected()));
        data.put("baselineReadsPerDay", round(verdict.baselineReadsPerDay()));
        if (meta.section() != null) {
            data.put("section", meta.section());
        }
        if (!meta.authors().isEmpty()) {
            data.put("authors", meta.authors());
        }
        addReaders(facts, data, today);
        String key = "rising#" + window.wireName() + "#" + entry.articleId();
        return new Alert(site, Trigger.RISING, key, idempotencyKey(site, key, at), at, "Rising: " + meta.title(),
                "Rising on " + siteName + " over " + span + ", rank " + entry.rank() + ".", meta.url(), facts, data);
    }

    static Alert milestone(String site, String siteName, ArticleMeta meta, long threshold, SiteTraffic.ArticleDay today, Instant at) {
        List<Alert.Fact> facts = new ArrayList<>();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("articleId", meta.id());
        data.put("milestone", threshold);
        if (meta.section() != null) {
            facts.add(new Alert.Fact("Section", meta.section()));
            data.put("section", meta.section());
        }
        addReaders(facts, data, today);
        String key = "milestone#" + threshold + "#" + at.atZone(ZoneOffset.UTC).toLocalDate() + "#" + meta.id();
        return new Alert(site, Trigger.MILESTONE, key, idempotencyKey(site, key, at), at,
                String.format(Locale.ROOT, "%,d reads today: %s", threshold, meta.title()),
                "Passed " + String.format(Locale.ROOT, "%,d", threshold) + " reads today (UTC) on " + siteName + ".", meta.url(), facts, data);
    }

    static Alert silence(String site, String siteName, double usualIn15Minutes, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("silentMinutes", 15);
        data.put("usualEventsIn15Minutes", round(usualIn15Minutes));
        String key = "silence";
        return new Alert(site, Trigger.SILENCE, key, idempotencyKey(site, key, at), at, "No events from " + siteName + " for 15 minutes",
                "Readpulse has received no events at all from " + siteName + " for 15 minutes, at an hour when it usually gets about "
                        + whole(usualIn15Minutes) + ". The tracking script may have been removed or broken by a release, or blocked by a CSP.",
                null, List.of(new Alert.Fact("Usual events in 15 minutes at this hour", whole(usualIn15Minutes))), data);
    }

    static Alert traffic(String site, String siteName, TrafficAnomaly.Verdict verdict, Instant at) {
        boolean drop = verdict.kind() == TrafficAnomaly.Kind.DROP;
        String lastWeek = whole(verdict.expected());
        String times = verdict.expected() > 0
                ? java.math.BigDecimal.valueOf(round(verdict.observed() / verdict.expected())).stripTrailingZeros().toPlainString() + "×" : "";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("direction", verdict.kind().wireName());
        data.put("windowMinutes", TrafficAnomaly.WINDOW_MINUTES);
        data.put("views", verdict.observed());
        data.put("viewsSameTimeLastWeek", round(verdict.expected()));
        data.put("significance", round(verdict.significance()));
        String key = "traffic#" + verdict.kind().wireName();
        String headline = (drop ? "Traffic drop on " : "Traffic surge on ") + siteName;
        String summary = String.format(Locale.ROOT, "%s views in the last %d minutes on %s, against %s at the same time last week (%s).%s",
                whole(verdict.observed()), TrafficAnomaly.WINDOW_MINUTES, siteName, lastWeek, times,
                drop ? " Check the tracking script and the site's latest release." : " Something is drawing readers: see the rising list.");
        return new Alert(site, Trigger.TRAFFIC, key, idempotencyKey(site, key, at), at, headline, summary, null,
                List.of(new Alert.Fact("Views, last " + TrafficAnomaly.WINDOW_MINUTES + " minutes", whole(verdict.observed())),
                        new Alert.Fact("Same minutes last week", lastWeek),
                        new Alert.Fact("Significance", String.format(Locale.ROOT, "%.1f (beyond ±%.1f counts)", verdict.significance(),
                                TrafficAnomaly.MIN_SIGNIFICANCE))),
                data);
    }

    public static Alert test(String site, String siteName, Instant at) {
        String key = "test#" + at.toEpochMilli();
        return new Alert(site, Trigger.TEST, key, idempotencyKey(site, key, at), at, "Test alert from Readpulse",
                "This destination receives " + siteName + "'s alerts.", null, List.of(), Map.of());
    }

    private static void addReaders(List<Alert.Fact> facts, Map<String, Object> data, SiteTraffic.ArticleDay today) {
        if (today == null) {
            return;
        }
        facts.add(new Alert.Fact("Reads today", String.format(Locale.ROOT, "%,d", today.reads())));
        data.put("readsToday", today.reads());
        long total = today.referrerClasses().values().stream().mapToLong(Long::longValue).sum();
        if (total > 0) {
            List<String> shares = new ArrayList<>();
            today.referrerClasses().forEach((name, count) -> shares.add(name + " " + Math.round(100.0 * count / total) + "%"));
            facts.add(new Alert.Fact("Readers from", String.join(", ", shares)));
            data.put("referrerClasses", today.referrerClasses());
        }
        if (!today.topHosts().isEmpty()) {
            facts.add(new Alert.Fact("Top referring hosts", String.join(", ", today.topHosts())));
            data.put("topHosts", today.topHosts());
        }
    }

    static String idempotencyKey(String site, String key, Instant at) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((site + "\n" + key + "\n" + at).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String whole(double value) {
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
