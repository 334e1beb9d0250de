package io.readpulse.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.model.Site;
import io.readpulse.reports.ReportService;
import io.readpulse.store.SiteStore;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Daily and weekly digests: at the site's digest hour in its own time zone, the period just ended
 * (yesterday; on Mondays also last week, Monday to Sunday) as the reports API answers for it, with
 * {@code compare=previous}. Every number in a digest is read from the JSON that {@link ReportService}
 * makes for {@code reports/site}, {@code top}, {@code sections} and {@code referrers}: the digest and
 * the API cannot disagree. Each destination gets each period once (a claim per destination and
 * period, as alerts are claimed), however many scheduled runs fall in the hour.
 */
public final class DigestService {
    static final int TOP_ARTICLES = 5;
    static final int RISERS = 3;
    /** The top list the risers are found in: the period's 100 most-read articles. */
    static final int RISER_POOL = 100;
    static final int SECTIONS = 5;
    static final int HOSTS = 5;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);

    private final SiteStore sites;
    private final AlertStore store;
    private final ReportService reports;
    private final AlertSender sender;

    public DigestService(SiteStore sites, AlertStore store, ReportService reports, AlertSender sender) {
        this.sites = sites;
        this.store = store;
        this.reports = reports;
        this.sender = sender;
    }

    /** @param sent digests sent (one per destination and period) */
    public record RunSummary(int sent, int delivered, int failed) {
    }

    /** The period a digest covers: whole days of the site's zone, {@code [first, last]}. */
    public record Period(Digest digest, LocalDate first, LocalDate last, java.time.ZoneId zone) {
        public Instant from() {
            return first.atStartOfDay(zone).toInstant();
        }

        public Instant to() {
            return last.plusDays(1).atStartOfDay(zone).toInstant();
        }

        String key() {
            return digest.wireName() + "#" + first;
        }
    }

    /** The periods due at {@code now} under {@code schedule}: none outside its hour. */
    public static List<Period> due(DigestSchedule schedule, Instant now) {
        ZonedDateTime local = now.atZone(schedule.zone());
        if (local.getHour() != schedule.hour()) {
            return List.of();
        }
        LocalDate today = local.toLocalDate();
        List<Period> periods = new ArrayList<>();
        periods.add(new Period(Digest.DAILY, today.minusDays(1), today.minusDays(1), schedule.zone()));
        if (local.getDayOfWeek() == DayOfWeek.MONDAY) {
            periods.add(new Period(Digest.WEEKLY, today.minusDays(7), today.minusDays(1), schedule.zone()));
        }
        return periods;
    }

    public RunSummary runAll(Instant now) {
        int sent = 0;
        int delivered = 0;
        int failed = 0;
        RuntimeException firstFailure = null;
        for (Site site : sites.listAll()) {
            try {
                List<Destination> destinations = store.destinations(site.id()).stream().filter(destination -> destination.digest() != null).toList();
                if (destinations.isEmpty()) {
                    continue;
                }
                for (Period period : due(store.digestSchedule(site.id()), now)) {
                    List<Destination> recipients = destinations.stream().filter(destination -> destination.digest() == period.digest()).toList();
                    if (recipients.isEmpty()) {
                        continue;
                    }
                    Alert digest = build(site, period, now);
                    for (Destination destination : recipients) {
                        if (!store.claim(site.id(), "digest#" + period.key() + "#" + destination.id(), now, now.plus(Duration.ofDays(8)))) {
                            continue;
                        }
                        Delivery delivery = sender.send(destination, digest);
                        store.recordDelivery(site.id(), destination.id(), delivery, now);
                        sent++;
                        if (delivery.delivered()) {
                            delivered++;
                        } else {
                            failed++;
                        }
                    }
                }
            } catch (RuntimeException e) {
                if (firstFailure == null) {
                    firstFailure = e;
                } else {
                    firstFailure.addSuppressed(e);
                }
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        return new RunSummary(sent, delivered, failed);
    }

    /** The digest of one period, every number from the reports API's JSON for that range. */
    public Alert build(Site site, Period period, Instant now) {
        String from = period.from().toString();
        String to = period.to().toString();
        String granularity = period.digest() == Digest.DAILY ? "hour" : "day";
        JsonNode siteReport = report(site, "site", Map.of("from", from, "to", to, "granularity", granularity, "compare", "previous"));
        JsonNode top = report(site, "top", Map.of("from", from, "to", to, "granularity", granularity, "compare", "previous",
                "sort", "views", "limit", Integer.toString(RISER_POOL)));
        JsonNode sections = report(site, "sections", Map.of("from", from, "to", to, "granularity", granularity, "compare", "previous"));
        JsonNode referrers = report(site, "referrers", Map.of("from", from, "to", to, "granularity", granularity));

        JsonNode totals = siteReport.get("totals");
        String than = period.digest() == Digest.DAILY ? "the day before" : "the week before";
        List<Alert.Fact> facts = new ArrayList<>();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("period", period.digest().wireName());
        data.put("from", from);
        data.put("to", to);
        data.put("zone", period.zone().getId());
        String visitorsCover = visitorsCover(siteReport.path("range"), from, to);
        for (String count : List.of("views", "reads", "visitors")) {
            if (totals.has(count)) {
                String label = count.equals("visitors") && visitorsCover != null ? "Visitors " + visitorsCover : capitalised(count);
                facts.add(new Alert.Fact(label, number(totals.get(count).asLong()) + " (" + change(totals.path("change").get(count))
                        + " on " + than + ", " + number(totals.path("previous").path(count).asLong()) + ")"));
                data.put(count, totals.get(count).asLong());
                data.put("previous" + capitalised(count), totals.path("previous").path(count).asLong());
                data.put(count + "ChangePct", totals.path("change").get(count).isNull() ? null : totals.path("change").get(count).asDouble());
            }
        }

        List<String> topLines = new ArrayList<>();
        List<Map<String, Object>> topData = new ArrayList<>();
        for (JsonNode article : top.get("articles")) {
            if (topLines.size() == TOP_ARTICLES) {
                break;
            }
            topLines.add(article.get("rank").asInt() + ". " + title(article) + ": " + number(article.get("views").asLong()) + " views ("
                    + change(article.path("change").get("views")) + ")");
            topData.add(row(article));
        }
        facts.add(new Alert.Fact("Top articles", topLines.isEmpty() ? "none read" : String.join("\n", topLines)));
        data.put("top", topData);

        List<JsonNode> risers = new ArrayList<>();
        top.get("articles").forEach(article -> {
            if (gain(article) > 0 && article.path("previous").path("views").asLong() > 0) {
                risers.add(article);
            }
        });
        risers.sort(Comparator.comparingLong(DigestService::gain).reversed().thenComparing(article -> article.get("id").asText()));
        List<String> riserLines = new ArrayList<>();
        List<Map<String, Object>> riserData = new ArrayList<>();
        for (JsonNode article : risers.subList(0, Math.min(RISERS, risers.size()))) {
            riserLines.add(title(article) + ": " + number(article.get("views").asLong()) + " views, up from "
                    + number(article.path("previous").path("views").asLong()) + " (" + change(article.path("change").get("views")) + ")");
            riserData.add(row(article));
        }
        facts.add(new Alert.Fact("Biggest risers", riserLines.isEmpty() ? "none: no article read in both periods grew" : String.join("\n", riserLines)));
        data.put("risers", riserData);

        List<String> sectionLines = new ArrayList<>();
        List<Map<String, Object>> sectionData = new ArrayList<>();
        List<JsonNode> sectionRows = new ArrayList<>();
        sections.get("sections").forEach(sectionRows::add);
        sectionRows.sort(Comparator.comparingLong((JsonNode row) -> row.get("views").asLong()).reversed()
                .thenComparing(row -> row.get("section").asText()));
        for (JsonNode section : sectionRows.subList(0, Math.min(SECTIONS, sectionRows.size()))) {
            sectionLines.add(section.get("section").asText() + ": " + number(section.get("views").asLong()) + " views ("
                    + change(section.path("change").get("views")) + ")");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("section", section.get("section").asText());
            row.put("views", section.get("views").asLong());
            row.put("viewsChangePct", section.path("change").get("views").isNull() ? null : section.path("change").get("views").asDouble());
            sectionData.add(row);
        }
        if (!sectionLines.isEmpty()) {
            facts.add(new Alert.Fact("Sections", String.join("\n", sectionLines)));
        }
        data.put("sections", sectionData);

        long classTotal = 0;
        for (JsonNode count : referrers.get("classes")) {
            classTotal += count.asLong();
        }
        List<String> classShares = new ArrayList<>();
        Map<String, Long> classData = new LinkedHashMap<>();
        List<Map.Entry<String, JsonNode>> classes = new ArrayList<>();
        referrers.get("classes").fields().forEachRemaining(classes::add);
        classes.sort(Comparator.comparingLong((Map.Entry<String, JsonNode> entry) -> entry.getValue().asLong()).reversed()
                .thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, JsonNode> entry : classes) {
            if (entry.getValue().asLong() > 0) {
                classShares.add(entry.getKey() + " " + Math.round(100.0 * entry.getValue().asLong() / classTotal) + "%");
                classData.put(entry.getKey(), entry.getValue().asLong());
            }
        }
        List<String> hosts = new ArrayList<>();
        for (JsonNode host : referrers.get("hosts")) {
            if (hosts.size() == HOSTS) {
                break;
            }
            hosts.add(host.get("host").asText() + " " + number(host.get("views").asLong()));
        }
        if (!classShares.isEmpty()) {
            facts.add(new Alert.Fact("Referrers", String.join(", ", classShares) + (hosts.isEmpty() ? "" : "\nTop hosts: " + String.join(", ", hosts))));
        }
        data.put("referrerClasses", classData);

        String when = period.digest() == Digest.DAILY ? period.first().format(DAY)
                : period.first().format(SHORT_DAY) + " to " + period.last().format(DAY);
        String headline = (period.digest() == Digest.DAILY ? "Daily" : "Weekly") + " digest for " + site.name() + ": " + when;
        String summary = number(totals.get("views").asLong()) + " views, " + change(totals.path("change").get("views")) + " on " + than
                + " (" + period.zone().getId() + ").";
        String key = "digest#" + period.key();
        return new Alert(site.id(), Trigger.DIGEST, key, AlertMessages.idempotencyKey(site.id(), key, period.from()), now, headline, summary,
                null, facts, data);
    }

    private JsonNode report(Site site, String path, Map<String, String> query) {
        return reports.run(site.id(), path, query).toJson(MAPPER);
    }

    private static long gain(JsonNode article) {
        return article.get("views").asLong() - article.path("previous").path("views").asLong();
    }

    private static Map<String, Object> row(JsonNode article) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("articleId", article.get("id").asText());
        row.put("views", article.get("views").asLong());
        row.put("previousViews", article.path("previous").path("views").asLong());
        JsonNode change = article.path("change").get("views");
        row.put("viewsChangePct", change == null || change.isNull() ? null : change.asDouble());
        return row;
    }

    private static String title(JsonNode article) {
        JsonNode title = article.get("title");
        return title == null || title.isNull() ? article.get("id").asText() : title.asText();
    }

    /** A change in percent as the API gives it (one decimal), signed; "new" where the previous count was 0. */
    static String change(JsonNode percent) {
        if (percent == null || percent.isNull()) {
            return "new";
        }
        double value = percent.asDouble();
        String text = java.math.BigDecimal.valueOf(Math.abs(value)).stripTrailingZeros().toPlainString();
        return (value > 0 ? "+" : value < 0 ? "−" : "±") + text + "%";
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /**
     * Unique visitors are kept per UTC day, so over a period that is not whole UTC days they count
     * the readers of every UTC day it touches, and may exceed the period's views: the label says
     * which days, as the API's {@code range.wholeDays} does. Null when they are the period's own.
     */
    static String visitorsCover(JsonNode range, String from, String to) {
        String wholeFrom = range.path("wholeDays").path("from").asText(from);
        String wholeTo = range.path("wholeDays").path("to").asText(to);
        if (Instant.parse(wholeFrom).equals(Instant.parse(from)) && Instant.parse(wholeTo).equals(Instant.parse(to))) {
            return null;
        }
        LocalDate first = LocalDate.ofInstant(Instant.parse(wholeFrom), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(Instant.parse(wholeTo).minusSeconds(1), ZoneOffset.UTC);
        return first.equals(last) ? "(UTC day " + first + ")" : "(UTC days " + first + " to " + last + ")";
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
