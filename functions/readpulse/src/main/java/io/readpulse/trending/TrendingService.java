package io.readpulse.trending;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.RankingInputs;
import io.readpulse.aggregate.ReadsBaseline;
import io.readpulse.aggregate.DecayWindow;
import io.readpulse.observe.Log;
import io.readpulse.metadata.ArticleMetadataService;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.ArticleRecord;
import io.readpulse.model.Site;
import io.readpulse.aggregate.CounterStore;
import io.readpulse.collect.Identifiers;
import io.readpulse.store.RawEventStore;
import io.readpulse.store.SiteStore;
import io.readpulse.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The scheduled job: ranks every active site and saves its lists.
 *
 * <p>What it reads, per site. A full load reads the article-day items of today and yesterday (one
 * Query per shard, projected to what ranking needs). The instance keeps what it loaded, and the next
 * runs read only what may have changed: the article ids of the raw events stored since shortly before
 * that load (a key-range Query per raw-event bucket), then those articles' items of today (BatchGet).
 * Everything else is brought forward in time by decay alone, which is exact for an article without
 * new reads. A full load comes back every {@link #FULL_RELOAD_INTERVAL}, at a new UTC day and in a
 * new instance, so counters that arrive late are never missed for long. Then, only for the few
 * hundred articles that could be rising, their earlier days (BatchGet, reads only; once per UTC day
 * for the days before yesterday, which no longer change, and once per load for yesterday), and the
 * site's pins (one Query). Never a Scan.
 *
 * <p>What lists show comes from the articles' own pages ({@link ArticleMetadataService}): the records
 * of the articles a ranking would list are read once per load (BatchGet), and the pages of those not
 * yet described, or described more than ten minutes ago, are read within a fixed budget per run.
 *
 * <p>Sites are ranked side by side, each within {@link #SITE_DEADLINE}: one site's traffic, or what
 * an anonymous client sends it, cannot hold up another's lists.
 */
public final class TrendingService {
    /** Rising candidates whose baselines are read: the most promising of the site, and of each section. */
    static final int RISING_CANDIDATES_PER_SITE = 300;
    static final int RISING_CANDIDATES_PER_SECTION = 50;
    public static final Duration FULL_RELOAD_INTERVAL = Duration.ofMinutes(15);
    /**
     * At most this many debuting articles' descriptions are looked up for the publication prior at a
     * full load (two BatchGets); more than a site publishes in two days, few enough that a flood of
     * made-up articles costs the job nothing.
     */
    static final int PRIOR_LOOKUPS = 200;
    /**
     * Events stored this long before a full load may not have reached its counters yet (the stream
     * mapping batches for up to a minute), so their articles are read again on the runs after it.
     */
    static final Duration AGGREGATION_LAG = Duration.ofMinutes(3);
    /** A site whose ranking takes longer keeps its previous lists this run; the others are not held up. */
    public static final Duration SITE_DEADLINE = Duration.ofSeconds(25);
    /** What a run waits for all its sites: well inside the function's 55-second timeout. */
    static final Duration RUN_DEADLINE = Duration.ofSeconds(45);
    private static final int SITES_SIDE_BY_SIDE = 4;

    private final SiteStore sites;
    private final CounterStore counters;
    private final RawEventStore rawEvents;
    private final TrendingStore trending;
    private final ArticleMetadataService metadata;
    private final TrendingRanker ranker;
    private final Map<String, LoadedSite> loaded = new ConcurrentHashMap<>();
    private final ExecutorService siteWorkers = Executors.newFixedThreadPool(SITES_SIDE_BY_SIDE, runnable -> {
        Thread thread = new Thread(runnable, "site-ranking");
        thread.setDaemon(true);
        return thread;
    });

    public TrendingService(SiteStore sites, CounterStore counters, RawEventStore rawEvents, TrendingStore trending,
                           ArticleMetadataService metadata, TrendingSettings settings) {
        this.sites = sites;
        this.counters = counters;
        this.rawEvents = rawEvents;
        this.trending = trending;
        this.metadata = metadata;
        this.ranker = new TrendingRanker(settings);
    }

    /**
     * A site's articles as last read.
     *
     * @param loadedAt when the article-day items were last read in full
     * @param articles by id, each as of the run that last read it
     * @param baselines the earlier days of rising candidates read so far (empty: no item that day);
     *     past days do not change, so each is read once per load
     * @param records the articles' descriptions looked up or read so far in this load
     * @param prior what the site's new articles usually do in their first two days, from this load's items
     * @param countingSince the start of the site's first counted hour in the eight days to today, or
     *     null if it was counting before them
     */
    private record LoadedSite(LocalDate day, Instant loadedAt, Instant lastRun, Map<String, ArticleSignals> articles,
                              Map<CounterKey, Optional<ReadsBaseline>> baselines, Map<String, ArticleRecord> records,
                              PublicationPrior prior, Instant countingSince) {
    }

    /**
     * What one run did.
     *
     * @param sitesIdle sites skipped for having had no traffic today or yesterday
     * @param articlesRead article-day items read in this run (full loads and refreshes)
     * @param pagesRead article pages read (or tried) for their descriptions
     * @param sitesOverTime sites not ranked within {@link #SITE_DEADLINE}, which keep their previous lists
     * @param silentSites sites with no human read in the last complete hour after at least
     *     {@value #SILENT_AFTER_READS} in the 24 hours before it: a site whose script stopped reporting
     */
    public record RunSummary(int sitesRanked, int sitesIdle, int articlesRanked, int articlesRead, int listsWritten,
                             int pagesRead, int sitesOverTime, List<String> silentSites) {
    }

    /** A site that had this many reads in a day and then none for an hour is silent, not merely quiet. */
    static final int SILENT_AFTER_READS = 24;

    public RunSummary computeAll(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Site> all = sites.listAll();
        List<CounterKey> siteTotals = new ArrayList<>();
        for (Site site : all) {
            siteTotals.add(CounterKey.siteTotal(site.id(), today));
            siteTotals.add(CounterKey.siteTotal(site.id(), today.minusDays(1)));
        }
        Set<String> active = new HashSet<>();
        Map<CounterKey, ReadsBaseline> totals = counters.findReads(siteTotals);
        totals.keySet().forEach(key -> active.add(key.site()));
        List<String> silent = new ArrayList<>();
        for (Site site : all) {
            if (silent(totals.get(CounterKey.siteTotal(site.id(), today)), totals.get(CounterKey.siteTotal(site.id(), today.minusDays(1))), now)) {
                silent.add(site.id());
            }
        }
        loaded.keySet().retainAll(active);
        Map<Site, Future<SiteRanking>> running = new LinkedHashMap<>();
        for (Site site : all) {
            if (active.contains(site.id())) {
                running.put(site, siteWorkers.submit(() -> rankAndSave(site, now)));
            }
        }
        int ranked = 0;
        int articles = 0;
        int read = 0;
        int lists = 0;
        int pages = 0;
        int overTime = 0;
        RuntimeException failure = null;
        long runDeadline = System.nanoTime() + RUN_DEADLINE.toNanos();
        for (Map.Entry<Site, Future<SiteRanking>> task : running.entrySet()) {
            String site = task.getKey().id();
            try {
                SiteRanking ranking = task.getValue().get(Math.max(0, runDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                ranked++;
                articles += ranking.articles();
                read += ranking.articlesRead();
                lists += ranking.lists().size();
                pages += ranking.pagesRead();
            } catch (TimeoutException late) {
                task.getValue().cancel(true);
                overTime++;
                Log.info("site not ranked in its time", "site", site, "deadlineSeconds", SITE_DEADLINE.toSeconds());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SiteOverTime) {
                    overTime++;
                    Log.info("site not ranked in its time", "site", site, "deadlineSeconds", SITE_DEADLINE.toSeconds());
                    continue;
                }
                // One site's trouble must not keep the others' lists from moving on; the run still fails.
                Log.error("site not ranked", e.getCause(), "site", site);
                failure = e.getCause() instanceof StoreUnavailableException unavailable ? unavailable
                        : new IllegalStateException("ranking " + site + " failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while ranking", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return new RunSummary(ranked, all.size() - active.size(), articles, read, lists, pages, overTime, silent);
    }

    /** No reads in the last complete UTC hour, after at least {@value #SILENT_AFTER_READS} in the 24 hours before it. */
    static boolean silent(ReadsBaseline today, ReadsBaseline yesterday, Instant now) {
        int lastHour = now.atZone(ZoneOffset.UTC).getHour() - 1;
        long[] hours = new long[48];
        if (yesterday != null) {
            System.arraycopy(yesterday.hourlyReads(), 0, hours, 0, 24);
        }
        if (today != null) {
            System.arraycopy(today.hourlyReads(), 0, hours, 24, 24);
        }
        int last = 24 + lastHour;
        long before = 0;
        for (int hour = Math.max(0, last - 24); hour < last; hour++) {
            before += hours[hour];
        }
        return hours[last] == 0 && before >= SILENT_AFTER_READS;
    }

    /** Thrown inside a site's ranking when it has used up its {@link #SITE_DEADLINE}. */
    private static final class SiteOverTime extends RuntimeException {
        SiteOverTime() {
            super(null, null, false, false);
        }
    }

    private SiteRanking rankAndSave(Site site, Instant now) {
        long deadline = System.nanoTime() + SITE_DEADLINE.toNanos();
        SiteRanking ranking = rankSite(site, now, deadline);
        checkDeadline(deadline);
        trending.saveLists(ranking.lists());
        return ranking;
    }

    private static void checkDeadline(long deadline) {
        if (System.nanoTime() - deadline > 0) {
            throw new SiteOverTime();
        }
    }

    /** A site's lists, how many articles they were ranked from, how many article-day items and article pages were read. */
    public record SiteRanking(List<TrendingList> lists, int articles, int articlesRead, int pagesRead) {
    }

    public SiteRanking rankSite(Site site, Instant now) {
        return rankSite(site, now, System.nanoTime() + SITE_DEADLINE.toNanos());
    }

    private SiteRanking rankSite(Site site, Instant now, long deadline) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LoadedSite previous = loaded.get(site.id());
        boolean fullLoad = previous == null || !previous.day().equals(today) || now.isBefore(previous.lastRun())
                || !now.isBefore(previous.loadedAt().plus(FULL_RELOAD_INTERVAL));
        Map<String, ArticleSignals> latest = new HashMap<>();
        int read;
        if (fullLoad) {
            Map<LocalDate, Map<String, RankingInputs>> recent = counters.rankingInputsOfDays(site.id(), List.of(today, today.minusDays(1)));
            Map<String, RankingInputs> todays = recent.get(today);
            Map<String, RankingInputs> yesterdays = recent.get(today.minusDays(1));
            Set<String> ids = new LinkedHashSet<>(todays.keySet());
            ids.addAll(yesterdays.keySet());
            for (String id : ids) {
                latest.put(id, ArticleSignals.of(id, todays.get(id), yesterdays.get(id), today, now));
            }
            read = todays.size() + yesterdays.size();
            Map<String, ArticleRecord> records = new ConcurrentHashMap<>();
            PublicationPrior prior = publicationPrior(site.id(), todays, yesterdays, previous, records, now);
            loaded.put(site.id(), new LoadedSite(today, now, now, latest, settledBaselines(previous, today), records,
                    prior, countingSince(site.id(), today)));
        } else {
            latest.putAll(previous.articles());
            Set<CounterKey> changed = new HashSet<>();
            for (String id : rawEvents.articlesWithEventsSince(site.id(), previous.loadedAt().minus(AGGREGATION_LAG), now)) {
                changed.add(CounterKey.article(site.id(), today, id));
            }
            Map<CounterKey, RankingInputs> refreshed = counters.findRankingInputs(changed);
            refreshed.forEach((key, counts) -> {
                ArticleSignals fresh = ArticleSignals.of(key.scope(), counts, null, today, now);
                ArticleSignals before = latest.get(key.scope());
                latest.put(key.scope(), before == null ? fresh : fresh.withEarlierKnowledge(before));
            });
            read = refreshed.size();
            loaded.put(site.id(), new LoadedSite(today, previous.loadedAt(), now, latest, previous.baselines(), previous.records(),
                    previous.prior(), previous.countingSince()));
        }
        checkDeadline(deadline);
        List<Pin> pins = trending.pins(site.id()).stream().filter(pin -> pin.activeAt(now)).toList();
        Map<String, ArticleSignals> articles = new HashMap<>();
        for (ArticleSignals signals : latest.values()) {
            if (signals.hasReaders()) {
                articles.put(signals.articleId(), signals.agedTo(now));
            }
        }
        // A pin applies at the next run whatever the traffic: a pinned article without counters at hand still has a place.
        for (Pin pin : pins) {
            if (pin.action() == PinAction.PIN && !articles.containsKey(pin.articleId())) {
                ArticleSignals known = latest.get(pin.articleId());
                articles.put(pin.articleId(), known != null ? known.agedTo(now) : ArticleSignals.none(pin.articleId(), today, now));
            }
        }
        LoadedSite current = loaded.get(site.id());
        RisingCandidates rising = risingCandidates(site.id(), List.copyOf(articles.values()), today, current.baselines());
        Map<String, ArticleRecord> records = current.records();
        Map<DecayWindow, Map<String, RisingRule.Verdict>> verdicts = judge(rising, records, current, now);
        checkDeadline(deadline);
        TrendingRanker.Ranking ranking = rank(site, articles, verdicts, pins, records, now);
        // Articles that would be listed but were never looked up in this load: their records, then rank again.
        for (int pass = 0; pass < 3; pass++) {
            List<String> unknown = new ArrayList<>();
            ranking.wanted().forEach(id -> addIfUnknown(unknown, records, id));
            ranking.listed().keySet().forEach(id -> addIfUnknown(unknown, records, id));
            if (unknown.isEmpty()) {
                break;
            }
            records.putAll(metadata.lookUp(site.id(), unknown));
            // A description may say a new article's section and publication time: judge again (no reads).
            verdicts = judge(rising, records, current, now);
            ranking = rank(site, articles, verdicts, pins, records, now);
        }
        checkDeadline(deadline);
        // Then the pages: those wanted first, the best placed first; then listed ones due a refresh.
        List<ArticleMetadataService.Wanted> toRead = new ArrayList<>();
        for (String id : ranking.wanted()) {
            toRead.add(new ArticleMetadataService.Wanted(id, hintOf(articles.get(id), records.get(id))));
        }
        Map<String, Integer> listed = ranking.listed();
        listed.keySet().stream().sorted(Comparator.comparing((String id) -> listed.get(id)).thenComparing(id -> id))
                .forEach(id -> toRead.add(new ArticleMetadataService.Wanted(id, null)));
        Map<String, ArticleRecord> changed = metadata.refresh(site, toRead, records, now);
        boolean descriptionsChanged = false;
        for (ArticleRecord record : changed.values()) {
            ArticleRecord before = records.put(record.articleId(), record);
            descriptionsChanged |= before == null || !Objects.equals(before.meta(), record.meta());
        }
        if (descriptionsChanged) {
            verdicts = judge(rising, records, current, now);
            ranking = rank(site, articles, verdicts, pins, records, now);
        }
        return new SiteRanking(ranking.lists(), articles.size(), read, changed.size());
    }

    private TrendingRanker.Ranking rank(Site site, Map<String, ArticleSignals> articles, Map<DecayWindow, Map<String, RisingRule.Verdict>> verdicts,
                                        List<Pin> pins, Map<String, ArticleRecord> records, Instant now) {
        Map<String, ArticleMeta> described = new HashMap<>();
        records.forEach((id, record) -> {
            if (record.known()) {
                described.put(id, record.meta());
            }
        });
        return ranker.rank(site.id(), site.domains(), articles.values(), verdicts, pins, described, now);
    }

    private static void addIfUnknown(List<String> unknown, Map<String, ArticleRecord> records, String id) {
        if (!records.containsKey(id)) {
            unknown.add(id);
        }
    }

    /** The URL a browser last named for the article, where its page may be read. */
    private static String hintOf(ArticleSignals signals, ArticleRecord record) {
        if (signals != null && signals.claim() != null && signals.claim().url() != null) {
            return signals.claim().url();
        }
        return record == null ? null : record.lastHint();
    }

    /**
     * The baselines a full load can keep from the previous one of the same UTC day: the days before
     * yesterday, which no counter write touches any more. Yesterday's are read again, since the
     * stream may still have been aggregating its last minutes.
     */
    private static Map<CounterKey, Optional<ReadsBaseline>> settledBaselines(LoadedSite previous, LocalDate today) {
        Map<CounterKey, Optional<ReadsBaseline>> kept = new HashMap<>();
        if (previous != null && previous.day().equals(today)) {
            previous.baselines().forEach((key, history) -> {
                if (key.day().isBefore(today.minusDays(1))) {
                    kept.put(key, history);
                }
            });
        }
        return kept;
    }

    /** Each window's rising candidates, and their earlier days as read (once) for them. */
    private record RisingCandidates(Map<DecayWindow, List<ArticleSignals>> candidates, Map<String, Map<LocalDate, ReadsBaseline>> histories) {
    }

    /**
     * Chooses the candidates of each window and reads their baselines, for them alone and once. A
     * candidate that may be a new article (first read after yesterday's first hour) also has its
     * seven days before today read, whatever the window, to tell whether it is new.
     */
    private RisingCandidates risingCandidates(String site, List<ArticleSignals> articles, LocalDate today,
                                              Map<CounterKey, Optional<ReadsBaseline>> baselines) {
        Instant yesterday = today.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<DecayWindow, List<ArticleSignals>> candidates = new EnumMap<>(DecayWindow.class);
        Map<String, Set<CounterKey>> keysOf = new HashMap<>();
        for (DecayWindow window : DecayWindow.values()) {
            List<ArticleSignals> chosen = candidates(window, articles);
            candidates.put(window, chosen);
            for (ArticleSignals article : chosen) {
                Set<CounterKey> keys = keysOf.computeIfAbsent(article.articleId(), id -> new HashSet<>());
                for (LocalDate day : RisingRule.baselineDays(window, today)) {
                    keys.add(CounterKey.article(site, day, article.articleId()));
                }
                if (article.firstRead() != null && article.firstRead().isAfter(yesterday)) {
                    for (LocalDate day : RisingRule.baselineDays(DecayWindow.ONE_DAY, today)) {
                        keys.add(CounterKey.article(site, day, article.articleId()));
                    }
                }
            }
        }
        Set<CounterKey> unread = new HashSet<>();
        keysOf.values().forEach(unread::addAll);
        unread.removeAll(baselines.keySet());
        Map<CounterKey, ReadsBaseline> found = counters.findReads(unread);
        unread.forEach(key -> baselines.put(key, Optional.ofNullable(found.get(key))));
        Map<String, Map<LocalDate, ReadsBaseline>> histories = new HashMap<>();
        keysOf.forEach((id, keys) -> {
            Map<LocalDate, ReadsBaseline> history = new HashMap<>();
            for (CounterKey key : keys) {
                baselines.get(key).ifPresent(days -> history.put(key.day(), days));
            }
            histories.put(id, history);
        });
        return new RisingCandidates(candidates, histories);
    }

    /**
     * Judges each window's candidates: against their own days, or, for a new article, against the
     * site's publication prior, by the section and publication time of its trusted description
     * alone (a browser's claim chooses neither).
     */
    private static Map<DecayWindow, Map<String, RisingRule.Verdict>> judge(RisingCandidates rising, Map<String, ArticleRecord> records,
                                                                         LoadedSite site, Instant now) {
        Map<DecayWindow, Map<String, RisingRule.Verdict>> verdicts = new EnumMap<>(DecayWindow.class);
        rising.candidates().forEach((window, chosen) -> {
            Map<String, RisingRule.Verdict> judged = new HashMap<>();
            for (ArticleSignals article : chosen) {
                ArticleRecord record = records.get(article.articleId());
                ArticleMeta described = record != null && record.known() ? record.meta() : null;
                String sectionName = described == null ? null : described.section();
                RisingRule.Article known = new RisingRule.Article(article.firstRead(), article.todayHours(),
                        described == null ? null : described.publishedAt(),
                        sectionName == null ? null : Identifiers.sectionSlug(sectionName), sectionName, site.countingSince());
                Map<LocalDate, ReadsBaseline> history = rising.histories().getOrDefault(article.articleId(), Map.of());
                judged.put(article.articleId(), RisingRule.judge(window, article.reads(window), history, now, known, site.prior()));
            }
            verdicts.put(window, judged);
        });
        return verdicts;
    }

    /**
     * The publication prior, from the two days' items a full load has just read: the hourly reads of
     * each article that debuted in them <em>and has a trusted description</em>, in the section that
     * description names. A browser's claim never makes a sample: anyone can send events for article
     * ids that do not exist, with any section, and such a flood must not move the median a real new
     * article is judged against.
     *
     * <p>The descriptions come from the previous load where the instance holds one, else from one
     * bounded lookup of at most {@value #PRIOR_LOOKUPS} debuts, the most read first; what it finds is
     * kept as this load's records, so the run does not look them up again. A flood of undescribed
     * debuts can at most crowd real ones out of that lookup: then the prior has fewer samples, or
     * none, and new articles are not called rising until it has enough (fewer and surer, never a
     * false riser).
     *
     * @param records this load's records, to which the lookup's findings are added
     */
    private PublicationPrior publicationPrior(String site, Map<String, RankingInputs> todays, Map<String, RankingInputs> yesterdays,
                                              LoadedSite previous, Map<String, ArticleRecord> records, Instant now) {
        int completeHours = 24 + now.atZone(ZoneOffset.UTC).getHour();
        Set<String> ids = new HashSet<>(yesterdays.keySet());
        ids.addAll(todays.keySet());
        Map<String, long[]> debuts = new HashMap<>();
        for (String id : ids) {
            RankingInputs yesterday = yesterdays.get(id);
            RankingInputs today = todays.get(id);
            if (readBefore(yesterday != null ? yesterday : today)) {
                continue;
            }
            long[] hours = new long[48];
            for (int hour = 0; hour < 24; hour++) {
                hours[hour] = yesterday == null ? 0 : yesterday.hourlyReads(hour);
                hours[24 + hour] = today == null ? 0 : today.hourlyReads(hour);
            }
            if (PublicationPrior.debutsWithin(hours, completeHours)) {
                debuts.put(id, hours);
            }
        }
        Map<String, ArticleRecord> described = new HashMap<>();
        List<String> toLookUp = new ArrayList<>();
        for (String id : debuts.keySet()) {
            ArticleRecord known = previous == null ? null : previous.records().get(id);
            if (known != null && known.known()) {
                described.put(id, known);
            } else {
                toLookUp.add(id);
            }
        }
        Map<String, Long> readsSoFar = new HashMap<>();
        toLookUp.forEach(id -> readsSoFar.put(id, Arrays.stream(debuts.get(id)).sum()));
        toLookUp.sort(Comparator.comparing((String id) -> readsSoFar.get(id)).reversed().thenComparing(id -> id));
        if (!toLookUp.isEmpty()) {
            Map<String, ArticleRecord> found = metadata.lookUp(site, toLookUp.subList(0, Math.min(PRIOR_LOOKUPS, toLookUp.size())));
            records.putAll(found);
            found.values().stream().filter(ArticleRecord::known).forEach(record -> described.put(record.articleId(), record));
        }
        PublicationPrior.Builder prior = PublicationPrior.builder(completeHours);
        described.forEach((id, record) -> prior.add(
                record.meta().section() == null ? null : Identifiers.sectionSlug(record.meta().section()), debuts.get(id)));
        return prior.build();
    }

    /**
     * Whether an item carries decayed reads from before its own day: the aggregator carries the
     * previous day's scores into a day's first item, so an article read the day before it is not
     * debuting. Its own reads add at most {@code growth(end of their hour)} each to the 7-day sum.
     */
    static boolean readBefore(RankingInputs day) {
        double own = 0;
        for (int hour = 0; hour < 24; hour++) {
            own += day.hourlyReads(hour) * DecayWindow.ONE_WEEK.growth((hour + 1) * 3_600.0);
        }
        return day.decayedReads(DecayWindow.ONE_WEEK) - own > 0.5;
    }

    /**
     * When the site began counting, from its site-total items of the seven days before today and
     * today (one BatchGet of eight keys per full load): the start of its first hour with reads, or
     * null if it had reads on the first of those days already.
     */
    private Instant countingSince(String site, LocalDate today) {
        List<CounterKey> keys = new ArrayList<>();
        for (int back = RisingRule.BASELINE_DAYS; back >= 0; back--) {
            keys.add(CounterKey.siteTotal(site, today.minusDays(back)));
        }
        Map<CounterKey, ReadsBaseline> totals = counters.findReads(keys);
        for (int i = 0; i < keys.size(); i++) {
            ReadsBaseline day = totals.get(keys.get(i));
            if (day == null || day.reads() == 0) {
                continue;
            }
            if (i == 0) {
                return null;
            }
            for (int hour = 0; hour < 24; hour++) {
                if (day.hourlyReads(hour) > 0) {
                    return keys.get(i).day().atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(hour * 3_600L);
                }
            }
            return keys.get(i).day().atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return null;
    }

    /**
     * The articles worth a baseline read in one window: those that could rise at all, the most
     * promising first, judged by a provisional baseline of the previous day's reads alone.
     */
    private static List<ArticleSignals> candidates(DecayWindow window, List<ArticleSignals> articles) {
        record Promise(ArticleSignals article, double significance) {
        }
        List<Promise> promising = new ArrayList<>();
        for (ArticleSignals article : articles) {
            double current = article.reads(window);
            if (RisingRule.couldBeRising(window, current)) {
                promising.add(new Promise(article, RisingRule.provisionalSignificance(window, current, article.previousDayReads())));
            }
        }
        promising.sort(Comparator.comparingDouble(Promise::significance).reversed());
        List<ArticleSignals> chosen = new ArrayList<>();
        Map<String, Integer> perSection = new HashMap<>();
        for (Promise promise : promising) {
            String section = promise.article().sectionSlug();
            int sectionCount = section == null ? RISING_CANDIDATES_PER_SECTION : perSection.getOrDefault(section, 0);
            if (chosen.size() < RISING_CANDIDATES_PER_SITE || sectionCount < RISING_CANDIDATES_PER_SECTION) {
                chosen.add(promise.article());
                if (section != null) {
                    perSection.merge(section, 1, Integer::sum);
                }
            }
        }
        return chosen;
    }
}
