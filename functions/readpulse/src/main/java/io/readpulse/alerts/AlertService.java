package io.readpulse.alerts;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.DecayWindow;
import io.readpulse.model.ArticleRecord;
import io.readpulse.model.Site;
import io.readpulse.store.ArticleStore;
import io.readpulse.store.SiteStore;
import io.readpulse.trending.TrendingEntry;
import io.readpulse.trending.TrendingList;
import io.readpulse.trending.TrendingMode;
import io.readpulse.trending.TrendingStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds each site's alerts from what the trending run recorded (its rising and top lists), the
 * counters and the raw events, claims each once, and sends it to the site's destinations that want
 * it and are not in their quiet hours. Runs in its own function, after the trending job: a slow or
 * dead receiver delays only this.
 */
public final class AlertService {
    /** Rising windows that alert; 7d moves too slowly to be news. */
    static final List<DecayWindow> RISING_WINDOWS = List.of(DecayWindow.ONE_HOUR, DecayWindow.ONE_DAY);
    /** Only the head of a rising list alerts. */
    static final int RISING_RANKS = 10;
    /** Lists older than this are not news: the trending job has stopped (its own alarm says so). */
    static final Duration STALE_LIST = Duration.ofMinutes(10);
    static final Duration SILENCE = Duration.ofMinutes(15);
    /** A silence alert needs this many events expected in 15 minutes: none at all is then a 1-in-3,000 chance. */
    static final double SILENCE_MIN_EXPECTED = 8;

    private final SiteStore sites;
    private final AlertStore store;
    private final TrendingStore trending;
    private final ArticleStore articles;
    private final SiteTraffic traffic;
    private final AlertSender sender;
    private FailureListener failures = (destination, alert, delivery) -> { };

    public AlertService(SiteStore sites, AlertStore store, TrendingStore trending, ArticleStore articles, SiteTraffic traffic,
                        AlertSender sender) {
        this.sites = sites;
        this.store = store;
        this.trending = trending;
        this.articles = articles;
        this.traffic = traffic;
        this.sender = sender;
    }

    /** Where failed deliveries are reported, besides their destination's record. */
    public AlertService onFailure(FailureListener listener) {
        this.failures = listener;
        return this;
    }

    /** @param claimed alerts sent for the first time this run; the deliveries are counted per destination */
    public record RunSummary(int sitesWithDestinations, int claimed, int delivered, int failed, int attempts) {
    }

    /**
     * Every site's alerts. A site whose data cannot be read does not hold back the others' alerts:
     * it is skipped, and once every site has had its turn the run fails with its error.
     */
    public RunSummary runAll(Instant now) {
        Counts counts = new Counts();
        RuntimeException firstFailure = null;
        for (Site site : sites.listAll()) {
            try {
                runSite(site, now, counts);
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
        return new RunSummary(counts.sites, counts.claimed, counts.delivered, counts.failed, counts.attempts);
    }

    private void runSite(Site site, Instant now, Counts counts) {
        List<Destination> destinations = store.destinations(site.id());
        if (destinations.isEmpty()) {
            return;
        }
        counts.sites++;
        for (Alert alert : detect(site, destinations, now)) {
            List<Destination> recipients = destinations.stream().filter(destination -> receives(destination, alert, now)).toList();
            if (recipients.isEmpty() || !store.claim(site.id(), alert.key(), now, now.plus(cooldown(alert.trigger(), alert.key())))) {
                continue;
            }
            counts.claimed++;
            for (Destination destination : recipients) {
                Delivery delivery = sender.send(destination, alert);
                store.recordDelivery(site.id(), destination.id(), delivery, now);
                counts.attempts += delivery.attempts();
                if (delivery.delivered()) {
                    counts.delivered++;
                } else {
                    counts.failed++;
                    failures.failed(destination, alert, delivery);
                }
            }
        }
    }

    private static final class Counts {
        int sites;
        int claimed;
        int delivered;
        int failed;
        int attempts;
    }

    /** Told of each delivery that failed every attempt: the handler logs it (destination id and host, never the URL). */
    @FunctionalInterface
    public interface FailureListener {
        void failed(Destination destination, Alert alert, Delivery delivery);
    }

    /** A test alert to every destination of the site now, quiet hours or not; nothing is claimed. */
    public Map<Destination, Delivery> test(Site site, Instant now) {
        Alert alert = AlertMessages.test(site.id(), site.name(), now);
        Map<Destination, Delivery> outcomes = new java.util.LinkedHashMap<>();
        for (Destination destination : store.destinations(site.id())) {
            Delivery delivery = sender.send(destination, alert);
            store.recordDelivery(site.id(), destination.id(), delivery, now);
            outcomes.put(destination, delivery);
        }
        return outcomes;
    }

    static boolean receives(Destination destination, Alert alert, Instant now) {
        if (!destination.wants(alert.trigger())) {
            return false;
        }
        if (alert.trigger() == Trigger.MILESTONE && !alert.data().get("milestone").equals(destination.milestoneReads())) {
            return false;
        }
        return destination.quietHours() == null || !destination.quietHours().contains(now.atZone(destination.zone()).toLocalTime());
    }

    /** How long the same alert is not sent again. */
    static Duration cooldown(Trigger trigger, String key) {
        return switch (trigger) {
            case RISING -> key.startsWith("rising#1h#") ? Duration.ofHours(12) : Duration.ofHours(48);
            case MILESTONE -> Duration.ofDays(2);
            case SILENCE, TRAFFIC -> Duration.ofHours(3);
            case DIGEST -> Duration.ofDays(8);
            case TEST -> Duration.ZERO;
        };
    }

    List<Alert> detect(Site site, List<Destination> destinations, Instant now) {
        Set<Trigger> wanted = new java.util.HashSet<>();
        destinations.forEach(destination -> wanted.addAll(destination.triggers()));
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        List<Alert> alerts = new ArrayList<>();
        if (wanted.contains(Trigger.RISING) || wanted.contains(Trigger.MILESTONE)) {
            List<RisingCandidate> rising = new ArrayList<>();
            Set<String> ids = new LinkedHashSet<>();
            for (DecayWindow window : RISING_WINDOWS) {
                fresh(site.id(), TrendingMode.RISING, window, now).ifPresent(list -> list.entries().stream()
                        .filter(entry -> !entry.pinned() && entry.rank() <= RISING_RANKS && entry.breakdown().rising() != null
                                && entry.breakdown().rising().rising())
                        .forEach(entry -> {
                            rising.add(new RisingCandidate(window, entry));
                            ids.add(entry.articleId());
                        }));
            }
            if (wanted.contains(Trigger.MILESTONE)) {
                fresh(site.id(), TrendingMode.TOP, DecayWindow.ONE_DAY, now)
                        .ifPresent(list -> list.entries().forEach(entry -> ids.add(entry.articleId())));
            }
            if (!ids.isEmpty()) {
                Map<String, ArticleRecord> described = articles.findAll(site.id(), ids);
                Map<String, SiteTraffic.ArticleDay> todays = traffic.articlesOn(site.id(), today, ids);
                if (wanted.contains(Trigger.RISING)) {
                    for (RisingCandidate candidate : rising) {
                        ArticleRecord record = described.get(candidate.entry().articleId());
                        if (record != null && record.known()) {
                            alerts.add(AlertMessages.rising(site.id(), site.name(), candidate.window(), candidate.entry(), record.meta(),
                                    todays.get(candidate.entry().articleId()), now));
                        }
                    }
                }
                Set<Long> thresholds = new TreeSet<>();
                destinations.stream().filter(destination -> destination.wants(Trigger.MILESTONE))
                        .forEach(destination -> thresholds.add(destination.milestoneReads()));
                for (long threshold : thresholds) {
                    todays.forEach((id, day) -> {
                        ArticleRecord record = described.get(id);
                        if (day.reads() >= threshold && record != null && record.known()) {
                            alerts.add(AlertMessages.milestone(site.id(), site.name(), record.meta(), threshold, day, now));
                        }
                    });
                }
            }
        }
        if (wanted.contains(Trigger.SILENCE)) {
            silence(site, now).ifPresent(alerts::add);
        }
        if (wanted.contains(Trigger.TRAFFIC)) {
            traffic(site, now).ifPresent(alerts::add);
        }
        return alerts;
    }

    private Optional<TrendingList> fresh(String site, TrendingMode mode, DecayWindow window, Instant now) {
        return trending.findList(site, CounterKey.SITE_TOTAL, mode, window)
                .filter(list -> !list.generatedAt().isBefore(now.minus(STALE_LIST)));
    }

    /**
     * No events at all for 15 minutes, when the same hours of the 7 days before lead us to expect
     * at least {@value #SILENCE_MIN_EXPECTED}: a quiet night is not silence. The last minute is
     * looked at first, so a busy site reads one minute of events, not fifteen.
     */
    Optional<Alert> silence(Site site, Instant now) {
        Instant start = now.minus(SILENCE);
        double expected = Math.min(usualPerHour(site.id(), now), usualPerHour(site.id(), start)) / 4;
        if (expected < SILENCE_MIN_EXPECTED || traffic.anyEvents(site.id(), now.minus(Duration.ofMinutes(1)), now)
                || traffic.anyEvents(site.id(), start, now)) {
            return Optional.empty();
        }
        return Optional.of(AlertMessages.silence(site.id(), site.name(), expected, now));
    }

    /**
     * The site's views of the last 20 minutes far below or above the same minutes last week ({@link
     * TrafficAnomaly}). A site with no counters on that day last week (new to Readpulse) is not judged:
     * no week before is no baseline, not a baseline of zero.
     */
    Optional<Alert> traffic(Site site, Instant now) {
        List<TrafficAnomaly.HourShare> hours = TrafficAnomaly.lastWeeksHours(now);
        List<Long> lastWeek = traffic.siteViewsInHours(site.id(), hours.stream().map(TrafficAnomaly.HourShare::hourStart).toList());
        if (lastWeek.contains(null)) {
            return Optional.empty();
        }
        long observed = traffic.humanViewsBetween(site.id(), now.minus(TrafficAnomaly.WINDOW), now);
        TrafficAnomaly.Verdict verdict = TrafficAnomaly.judge(observed, hours, lastWeek);
        return verdict.kind() == null ? Optional.empty() : Optional.of(AlertMessages.traffic(site.id(), site.name(), verdict, now));
    }

    /** The mean of the site's events in {@code at}'s UTC hour on the 7 days before. */
    private double usualPerHour(String site, Instant at) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        List<LocalDate> days = new ArrayList<>();
        for (int back = 7; back >= 1; back--) {
            days.add(day.minusDays(back));
        }
        return traffic.siteViewsInHour(site, days, at.atZone(ZoneOffset.UTC).getHour()).stream().mapToLong(Long::longValue).average().orElse(0);
    }

    private record RisingCandidate(DecayWindow window, TrendingEntry entry) {
    }
}
