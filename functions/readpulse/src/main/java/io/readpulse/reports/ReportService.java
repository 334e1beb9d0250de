package io.readpulse.reports;

import io.readpulse.aggregate.ActiveMinute;
import io.readpulse.aggregate.ActiveReaderStore;
import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.MinuteFigures;
import io.readpulse.sketch.HyperLogLog;
import io.readpulse.aggregate.CounterState;
import io.readpulse.aggregate.DimensionKind;
import io.readpulse.aggregate.RecirculationCounts;
import io.readpulse.model.Refusal;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.ArticleRecord;
import io.readpulse.store.ArticleStore;
import io.readpulse.aggregate.CounterStore;
import io.readpulse.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Computes the editors' reports from the per-day counters (and, for {@code now}, the per-minute active readers).
 * Every read is a BatchGet of computed keys or a Query on one partition; the days of a range are
 * read side by side.
 *
 * <pre>
 * articles/{id}   one article over time          BatchGet of its day items
 * site            the site (or ?section=) over time  BatchGet of the site's (section's) day items
 * top             articles ranked over a range   Query of each day's article shards
 * sections        totals per section             Query of each day's site partition
 * referrers       classes and hosts (?article=)  BatchGet of the site's (article's) day items
 * authors, tags   articles grouped by byline or tag   Query of each day's article shards, BatchGet of their descriptions
 * campaigns, devices, countries                  BatchGet of the site's dim: day items
 * top, site ?author= ?tag=                       as top; site reads the article shards as top does
 * now             readers of the last 5 minutes, and a per-minute chart of the last 30
 *                                                BatchGet of 6 minute items and at most 4 chart items
 * recirculation   the Trending box's worth       BatchGet of the site's recirculation and total day items
 * </pre>
 *
 * <p>Articles are named as their own pages describe them (one BatchGet of the articles shown), and
 * only where a page was never read, as the browsers last claimed. An article seen only by bots is in
 * no report.
 */
public final class ReportService {
    /**
     * Readers now are those active in the current minute or the {@code ACTIVE_WINDOW} of whole
     * minutes before it: between 5 and 6 minutes, as the per-minute sketches allow.
     */
    public static final Duration ACTIVE_WINDOW = Duration.ofMinutes(5);
    /** The per-minute chart of {@code now}: this many minutes, the current one last. */
    static final int CHART_MINUTES = 30;
    /** Many editors' dashboards refresh {@code now} together; one instance reads it at most this often per site. */
    static final Duration NOW_CACHE_TTL = Duration.ofSeconds(10);
    private static final String ARTICLES_PATH = "articles/";

    private final CounterStore counters;
    private final ReportStore store;
    private final ArticleStore articles;
    private final ActiveReaderStore activeReaders;
    private final Executor reads;
    private final Clock clock;
    private final Map<String, CachedNow> nowCache = new ConcurrentHashMap<>();

    /** @param reads runs the reads of a range's days side by side */
    public ReportService(CounterStore counters, ReportStore store, ArticleStore articles, ActiveReaderStore activeReaders, Executor reads,
                         Clock clock) {
        this.counters = counters;
        this.store = store;
        this.articles = articles;
        this.activeReaders = activeReaders;
        this.reads = reads;
        this.clock = clock;
    }

    /** Runs the report named by the path after {@code /reports/}, with the request's query parameters. */
    public Report run(String site, String reportPath, Map<String, String> query) {
        String path = reportPath == null ? "" : reportPath;
        Function<ReportRequest, Report> report;
        if (path.startsWith(ARTICLES_PATH)) {
            String articleId = ReportRequest.checkArticleId(path.substring(ARTICLES_PATH.length()), "id");
            report = request -> article(site, articleId, request);
        } else {
            report = switch (path) {
                case "site" -> request -> site(site, request);
                case "top" -> request -> top(site, request);
                case "sections" -> request -> sections(site, request);
                case "referrers" -> request -> referrers(site, request);
                case "now" -> request -> now(site, request.limit());
                case "recirculation" -> request -> recirculation(site, request);
                case "authors" -> request -> dimension(site, DimensionReport.Kind.AUTHORS, request);
                case "tags" -> request -> dimension(site, DimensionReport.Kind.TAGS, request);
                case "campaigns" -> request -> dimension(site, DimensionReport.Kind.CAMPAIGNS, request);
                case "devices" -> request -> dimension(site, DimensionReport.Kind.DEVICES, request);
                case "countries" -> request -> dimension(site, DimensionReport.Kind.COUNTRIES, request);
                default -> throw Refusal.notFound("unknown_report", "report", "there is no report '" + path
                        + "'; the reports are articles/{id}, site, top, sections, referrers, authors, tags, campaigns, devices, countries, now and recirculation");
            };
        }
        ReportRequest request = ReportRequest.parse(query, clock.instant());
        Report answer = report.apply(request);
        return request.comparePrevious() ? compared(site, answer, request.previousPeriod()) : answer;
    }

    /** {@code compare=previous}: the same figures over the previous period, read as the report read its own. */
    private Report compared(String site, Report answer, ReportRequest previous) {
        ReportRange range = previous.range();
        if (answer instanceof DimensionReport dimension) {
            Map<String, Totals> rows = new HashMap<>();
            Totals otherBefore = new Totals();
            for (DimensionReport.Row row : dimensionRows(site, dimension.kind(), range, otherBefore)) {
                rows.put(row.name(), row.totals());
            }
            return new ReportComparison(answer, range, otherBefore, rows);
        }
        if (answer instanceof SeriesReport series && series.articleId() == null && (previous.author() != null || previous.tag() != null)) {
            return new ReportComparison(answer, range, siteOfNames(site, previous).totals(), Map.of());
        }
        if (answer instanceof SeriesReport series) {
            Function<LocalDate, CounterKey> keyOf = series.articleId() != null ? day -> CounterKey.article(site, day, series.articleId())
                    : series.section() != null ? day -> CounterKey.section(site, day, series.section())
                    : day -> CounterKey.siteTotal(site, day);
            Totals before = new Totals();
            daysOf(range, keyOf).forEach((day, counts) -> addWithin(before, counts, range.within(day)));
            return new ReportComparison(answer, range, before, Map.of());
        }
        if (answer instanceof SectionsReport) {
            SectionsReport before = sections(site, previous);
            Map<String, Totals> rows = new HashMap<>();
            before.sections().forEach(section -> rows.put(section.slug(), section.totals()));
            return new ReportComparison(answer, range, before.siteTotals(), rows);
        }
        if (answer instanceof TopReport top) {
            Set<String> ids = new HashSet<>();
            top.entries().forEach(entry -> ids.add(entry.id()));
            Map<String, Totals> rows = new HashMap<>();
            if (!ids.isEmpty()) {
                forEachDay(range.days(), day -> counters.articlesOfDay(site, day), (day, articlesOfDay) -> articlesOfDay.forEach((id, counts) -> {
                    if (ids.contains(id)) {
                        addWithin(rows.computeIfAbsent(id, key -> new Totals()), counts, range.within(day));
                    }
                }));
            }
            return new ReportComparison(answer, range, new Totals(), rows);
        }
        throw Refusal.invalid("compare_not_supported", "compare",
                "compare=previous applies to the site, articles/{id}, top, sections, authors, tags, campaigns, devices and countries reports");
    }

    private static void addWithin(Totals totals, CounterState counts, ReportRange.Bucket part) {
        totals.addHours(counts, part.fromHour(), part.toHour());
        totals.addWholeDay(counts);
    }

    SeriesReport article(String site, String articleId, ReportRequest request) {
        Map<LocalDate, CounterState> byDay = daysOf(request.range(), day -> CounterKey.article(site, day, articleId));
        ArticleMeta meta = null;
        for (CounterState day : byDay.values()) {
            meta = day.meta() != null ? day.meta() : meta;
        }
        Map<String, ArticleMeta> claimed = new HashMap<>();
        if (meta != null) {
            claimed.put(articleId, meta);
        }
        boolean readByPeople = byDay.values().stream().anyMatch(day -> day.views() > 0 || day.engagePings() > 0 || day.totalShares() > 0);
        if (!readByPeople && articles.findAll(site, List.of(articleId)).values().stream().noneMatch(ArticleRecord::known)) {
            // No reader in the range and no description anywhere: a mistyped id, or an article only bots have seen.
            throw Refusal.notFound("unknown_article", "id", "site " + site + " has no article '" + articleId + "' read in this range");
        }
        SeriesReport report = series(site, articleId, described(site, List.of(articleId), claimed).get(articleId), null, request.range(), byDay);
        Map<DimensionKind, Map<String, Long>> breakdowns = new EnumMap<>(DimensionKind.class);
        byDay.values().forEach(day -> day.dimensions().views().forEach((kind, views) -> views.forEach((value, count) ->
                breakdowns.computeIfAbsent(kind, k -> new HashMap<>()).merge(value, count, Long::sum))));
        if (breakdowns.containsKey(DimensionKind.CAMPAIGN)) {
            breakdowns.put(DimensionKind.CAMPAIGN, campaignsNamed(site, request.range(), breakdowns.get(DimensionKind.CAMPAIGN)));
        }
        return report.withBreakdowns(breakdowns);
    }

    /**
     * An article's views per campaign by name: its items key campaigns by {@link DimensionKind#campaignKey},
     * and the names are those of the site's {@code dim:campaign} items over the range; a campaign
     * none of them names (beyond their cap) counts under {@value DimensionKind#OTHER}.
     */
    private Map<String, Long> campaignsNamed(String site, ReportRange range, Map<String, Long> byKey) {
        Map<String, String> names = new HashMap<>();
        daysOf(range, day -> CounterKey.dimension(site, day, DimensionKind.CAMPAIGN)).values().forEach(day ->
                day.dimensions().rows().keySet().forEach(name -> names.put(DimensionKind.campaignKey(name), name)));
        Map<String, Long> named = new HashMap<>();
        DimensionKind.byCampaignKey(byKey).forEach((key, count) ->
                named.merge(names.getOrDefault(key, DimensionKind.OTHER), count, Long::sum));
        return named;
    }

    SeriesReport site(String site, ReportRequest request) {
        if (request.author() != null || request.tag() != null) {
            return siteOfNames(site, request);
        }
        String section = request.section();
        Map<LocalDate, CounterState> byDay = daysOf(request.range(),
                day -> section == null ? CounterKey.siteTotal(site, day) : CounterKey.section(site, day, section));
        return series(site, null, null, section, request.range(), byDay);
    }

    TopReport top(String site, ReportRequest request) {
        ReportRange range = request.range();
        Metric sort = request.sort();
        Metric seriesMetric = sort == Metric.VISITORS && range.granularity() == Granularity.HOUR ? Metric.READS : sort;
        List<ReportRange.Bucket> buckets = range.buckets();
        Map<String, ArticleDays> articles = new HashMap<>();
        forEachDay(range.days(), day -> counters.articlesOfDay(site, day), (day, articlesOfDay) -> {
            ReportRange.Bucket part = range.within(day);
            articlesOfDay.forEach((id, counts) -> articles.computeIfAbsent(id, key -> new ArticleDays(key, buckets.size()))
                    .add(counts, part, buckets, range.granularity(), seriesMetric));
        });
        List<Ranked> ranked = new ArrayList<>();
        Map<String, ArticleRecord> descriptions = request.author() == null && request.tag() == null ? Map.of()
                : this.articles.findAll(site, articles.keySet());
        articles.values().forEach(article -> {
            boolean seenByPeople = article.totals.views() > 0 || article.totals.engagedSeconds() > 0 || article.totals.shares() > 0;
            boolean named = request.author() == null && request.tag() == null
                    || ArticleNames.matches(ArticleNames.of(descriptions.get(article.id), article.meta), request.author(), request.tag());
            if (seenByPeople && named && (request.section() == null || request.section().equals(article.sectionSlug))) {
                ranked.add(new Ranked(article, article.totals.value(sort)));
            }
        });
        ranked.sort(Comparator.comparingLong(Ranked::value).reversed().thenComparing(entry -> entry.article().id));

        List<TopReport.Entry> entries = new ArrayList<>();
        int end = Math.min(ranked.size(), request.offset() + request.limit());
        Map<String, ArticleMeta> claimed = new HashMap<>();
        List<String> shown = new ArrayList<>();
        for (int i = request.offset(); i < end; i++) {
            ArticleDays article = ranked.get(i).article();
            shown.add(article.id);
            if (article.meta != null) {
                claimed.put(article.id, article.meta);
            }
        }
        Map<String, ArticleMeta> names = described(site, shown, claimed);
        for (int i = request.offset(); i < end; i++) {
            ArticleDays article = ranked.get(i).article();
            entries.add(new TopReport.Entry(i + 1, article.id, names.get(article.id), article.sectionSlug, article.totals, article.series));
        }
        String next = end < ranked.size() ? ReportRequest.cursorFor(end) : null;
        return new TopReport(site, range, sort, seriesMetric, request.section(), ranked.size(), entries, next)
                .narrowedTo(request.author(), request.tag());
    }

    SectionsReport sections(String site, ReportRequest request) {
        ReportRange range = request.range();
        Totals siteTotals = new Totals();
        Map<String, Totals> bySection = new TreeMap<>();
        forEachDay(range.days(), day -> store.siteCountersOfDay(site, day), (day, scopes) -> {
            ReportRange.Bucket part = range.within(day);
            scopes.forEach((scope, counts) -> {
                if (!scope.equals(CounterKey.SITE_TOTAL) && !scope.startsWith(CounterKey.SECTION_PREFIX)) {
                    return; // a dimension's item (dim:campaign, ...), not a section
                }
                Totals totals = scope.equals(CounterKey.SITE_TOTAL) ? siteTotals
                        : bySection.computeIfAbsent(scope.substring(CounterKey.SECTION_PREFIX.length()), slug -> new Totals());
                totals.addHours(counts, part.fromHour(), part.toHour());
                totals.addWholeDay(counts);
            });
        });
        List<SectionsReport.Section> sections = new ArrayList<>();
        bySection.forEach((slug, totals) -> sections.add(new SectionsReport.Section(slug, totals)));
        sections.sort(Comparator.comparingLong((SectionsReport.Section section) -> section.totals().views()).reversed()
                .thenComparing(SectionsReport.Section::slug));
        return new SectionsReport(site, range, siteTotals, sections);
    }

    ReferrersReport referrers(String site, ReportRequest request) {
        String articleId = request.article();
        Map<LocalDate, CounterState> byDay = daysOf(request.range(),
                day -> articleId == null ? CounterKey.siteTotal(site, day) : CounterKey.article(site, day, articleId));
        Totals totals = new Totals();
        byDay.values().forEach(totals::addWholeDay);
        List<ReferrersReport.Host> hosts = new ArrayList<>();
        long other = 0;
        for (Map.Entry<String, Long> host : totals.referrerHosts().entrySet()) {
            if (host.getKey().equals(CounterState.OTHER_HOSTS)) {
                other += host.getValue();
            } else {
                hosts.add(new ReferrersReport.Host(host.getKey(), host.getValue()));
            }
        }
        hosts.sort(Comparator.comparingLong(ReferrersReport.Host::views).reversed().thenComparing(ReferrersReport.Host::host));
        for (int i = request.limit(); i < hosts.size(); i++) {
            other += hosts.get(i).views();
        }
        List<ReferrersReport.Host> top = List.copyOf(hosts.subList(0, Math.min(hosts.size(), request.limit())));
        return new ReferrersReport(site, articleId, request.range(), totals.referrerClasses(), top, other);
    }

    /** {@code site?author=} or {@code ?tag=}: the articles of that name summed, day by day, from their own day items. */
    private SeriesReport siteOfNames(String site, ReportRequest request) {
        ReportRange range = request.range();
        Map<String, ArticleRecord> descriptions = new HashMap<>();
        Map<LocalDate, CounterState> byDay = new TreeMap<>();
        forEachDay(range.days(), day -> counters.articlesOfDay(site, day), (day, articlesOfDay) -> {
            List<String> unseen = articlesOfDay.keySet().stream().filter(id -> !descriptions.containsKey(id)).toList();
            if (!unseen.isEmpty()) {
                Map<String, ArticleRecord> found = articles.findAll(site, unseen);
                unseen.forEach(id -> descriptions.put(id, found.getOrDefault(id, ArticleRecord.unknown(site, id))));
            }
            List<CounterState> named = new ArrayList<>();
            articlesOfDay.forEach((id, counts) -> {
                boolean inSection = request.section() == null || request.section().equals(counts.sectionSlug());
                if (inSection && ArticleNames.matches(ArticleNames.of(descriptions.get(id), counts.meta()), request.author(), request.tag())) {
                    named.add(counts);
                }
            });
            if (!named.isEmpty()) {
                byDay.put(day, CounterState.sum(named));
            }
        });
        return series(site, null, null, request.section(), range, byDay).narrowedTo(request.author(), request.tag());
    }

    DimensionReport dimension(String site, DimensionReport.Kind kind, ReportRequest request) {
        Totals other = new Totals();
        List<DimensionReport.Row> rows = dimensionRows(site, kind, request.range(), other);
        int end = Math.min(rows.size(), request.offset() + request.limit());
        List<DimensionReport.Row> page = request.offset() >= end ? List.of() : List.copyOf(rows.subList(request.offset(), end));
        String next = end < rows.size() ? ReportRequest.cursorFor(end) : null;
        boolean hasOther = other.views() > 0 || other.engagedSeconds() > 0 || other.shares() > 0;
        return new DimensionReport(site, kind, request.range(), rows.size(), page, hasOther ? other : null, next);
    }

    /** Every row of a dimension report over {@code range}, most viewed first; values beyond the days' caps go to {@code other}. */
    private List<DimensionReport.Row> dimensionRows(String site, DimensionReport.Kind kind, ReportRange range, Totals other) {
        if (kind.dimension() == null) {
            return groupedArticles(site, kind == DimensionReport.Kind.AUTHORS ? ArticleNames.Grouping.AUTHOR : ArticleNames.Grouping.TAG, range);
        }
        Map<String, Totals> byValue = new HashMap<>();
        daysOf(range, day -> CounterKey.dimension(site, day, kind.dimension())).values().forEach(day -> day.dimensions().rows().forEach(
                (value, row) -> (value.equals(DimensionKind.OTHER) ? other : byValue.computeIfAbsent(value, v -> new Totals())).addRow(row)));
        List<DimensionReport.Row> rows = new ArrayList<>();
        byValue.forEach((value, totals) -> rows.add(new DimensionReport.Row(value, totals, 0, 0)));
        rows.sort(Comparator.comparingLong((DimensionReport.Row row) -> row.totals().views()).reversed().thenComparing(DimensionReport.Row::name));
        return rows;
    }

    /** Authors or tags: each article's counts over the range (one Query per shard and day, as top reads), grouped by its names. */
    private List<DimensionReport.Row> groupedArticles(String site, ArticleNames.Grouping by, ReportRange range) {
        Map<String, Totals> perArticle = new HashMap<>();
        Map<String, ArticleMeta> claims = new HashMap<>();
        forEachDay(range.days(), day -> counters.articlesOfDay(site, day), (day, articlesOfDay) -> {
            ReportRange.Bucket part = range.within(day);
            articlesOfDay.forEach((id, counts) -> addWithin(perArticle.computeIfAbsent(id, key -> new Totals()), counts, part));
            articlesOfDay.forEach((id, counts) -> {
                if (counts.meta() != null) {
                    claims.put(id, counts.meta());
                }
            });
        });
        perArticle.values().removeIf(totals -> totals.views() == 0 && totals.engagedSeconds() == 0 && totals.shares() == 0);
        Map<String, ArticleRecord> descriptions = perArticle.isEmpty() ? Map.of() : articles.findAll(site, perArticle.keySet());
        List<DimensionReport.Row> rows = new ArrayList<>();
        for (ArticleNames.Group group : ArticleNames.group(perArticle, id -> ArticleNames.of(descriptions.get(id), claims.get(id)), by)) {
            rows.add(new DimensionReport.Row(group.name(), group.totals(), group.articles(), group.namedByClaims()));
        }
        return rows;
    }

    RecirculationReport recirculation(String site, ReportRequest request) {
        ReportRange range = request.range();
        Map<LocalDate, RecirculationCounts> byDay = counters.recirculation().days(site, range.days());
        Map<LocalDate, CounterState> siteDays = daysOf(range, day -> CounterKey.siteTotal(site, day));
        return RecirculationReport.of(site, request, byDay, siteDays, ids -> described(site, ids, claimedNames(site, range, ids)));
    }

    /** What browsers last claimed of these articles, from their items of the range's last seven days. */
    private Map<String, ArticleMeta> claimedNames(String site, ReportRange range, List<String> ids) {
        List<LocalDate> days = range.days();
        List<CounterKey> keys = new ArrayList<>();
        for (LocalDate day : days.subList(Math.max(0, days.size() - 7), days.size())) {
            ids.forEach(id -> keys.add(CounterKey.article(site, day, id)));
        }
        Map<String, ArticleMeta> claimed = new HashMap<>();
        if (keys.isEmpty()) {
            return claimed;
        }
        counters.findAll(keys).entrySet().stream().sorted(Comparator.comparing(entry -> entry.getKey().day()))
                .filter(entry -> entry.getValue().meta() != null)
                .forEach(entry -> claimed.put(entry.getKey().scope(), entry.getValue().meta()));
        return claimed;
    }

    NowReport now(String site, int limit) {
        Instant at = clock.instant();
        String cacheKey = site + '|' + limit;
        CachedNow cached = nowCache.get(cacheKey);
        if (cached != null && at.isBefore(cached.expires())) {
            return cached.report();
        }
        Instant thisMinute = at.truncatedTo(ChronoUnit.MINUTES);
        Instant since = thisMinute.minus(ACTIVE_WINDOW);
        List<Instant> activeMinutes = new ArrayList<>();
        for (Instant minute = since; !minute.isAfter(thisMinute); minute = minute.plus(Duration.ofMinutes(1))) {
            activeMinutes.add(minute);
        }
        Instant chartFrom = thisMinute.minus(CHART_MINUTES - 1, ChronoUnit.MINUTES);
        CompletableFuture<Map<Instant, MinuteFigures>> chart = CompletableFuture.supplyAsync(
                () -> activeReaders.figures(site, chartFrom, thisMinute.plus(Duration.ofMinutes(1))), reads);
        Map<Instant, ActiveMinute> minutes = activeReaders.minutes(site, activeMinutes);

        HyperLogLog readers = new HyperLogLog(ActiveMinute.SITE_PRECISION);
        Map<String, HyperLogLog> readersByArticle = new HashMap<>();
        minutes.values().forEach(minute -> {
            readers.merge(minute.readers());
            minute.articles().forEach((id, article) ->
                    readersByArticle.computeIfAbsent(id, key -> new HyperLogLog(ActiveMinute.ARTICLE_PRECISION)).merge(article.readers()));
        });
        Map<String, Long> byArticle = new HashMap<>();
        readersByArticle.forEach((id, sketch) -> byArticle.put(id, sketch.estimate()));
        List<Map.Entry<String, Long>> ranked = new ArrayList<>(byArticle.entrySet());
        ranked.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry::getKey));
        List<Map.Entry<String, Long>> shown = ranked.subList(0, Math.min(limit, ranked.size()));
        Map<String, ArticleMeta> names = described(site, shown.stream().map(Map.Entry::getKey).toList(), Map.of());
        List<String> unnamed = shown.stream().map(Map.Entry::getKey).filter(id -> !names.containsKey(id)).toList();
        if (!unnamed.isEmpty()) {
            // Only articles no page describes are looked up in today's counters, for what browsers claimed.
            LocalDate today = LocalDate.ofInstant(at, ZoneOffset.UTC);
            counters.findAll(unnamed.stream().map(id -> CounterKey.article(site, today, id)).toList()).forEach((key, counts) -> {
                if (counts.meta() != null) {
                    names.put(key.scope(), counts.meta());
                }
            });
        }
        List<NowReport.Article> nowReading = new ArrayList<>();
        for (Map.Entry<String, Long> entry : shown) {
            ArticleMeta meta = names.get(entry.getKey());
            nowReading.add(new NowReport.Article(entry.getKey(), meta == null ? null : meta.title(), meta == null ? null : meta.url(),
                    entry.getValue()));
        }
        Map<Instant, MinuteFigures> figures = new HashMap<>(join(chart));
        // A minute read whole is at least as new as its chart figures.
        minutes.values().forEach(minute -> figures.merge(minute.minute(), MinuteFigures.of(minute), MinuteFigures::max));
        List<MinuteFigures> series = new ArrayList<>();
        for (Instant minute = chartFrom; !minute.isAfter(thisMinute); minute = minute.plus(Duration.ofMinutes(1))) {
            series.add(figures.getOrDefault(minute, new MinuteFigures(minute, 0, 0)));
        }
        NowReport report = new NowReport(site, at, ACTIVE_WINDOW, since, readers.estimate(), ranked.size(), nowReading, series);
        nowCache.put(cacheKey, new CachedNow(report, at.plus(NOW_CACHE_TTL)));
        return report;
    }

    private static <T> T join(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /**
     * How each article is named in a report: as its own page (or its publisher) describes it, else as
     * browsers last claimed, else not at all.
     */
    private Map<String, ArticleMeta> described(String site, List<String> ids, Map<String, ArticleMeta> claimed) {
        Map<String, ArticleMeta> names = new HashMap<>(claimed);
        if (!ids.isEmpty()) {
            for (ArticleRecord record : articles.findAll(site, ids).values()) {
                if (record.known()) {
                    names.put(record.articleId(), withClaimedNames(record.meta(), claimed.get(record.articleId())));
                }
            }
        }
        return names;
    }

    /** A description that names no authors (or tags) shows the claim's, as {@link ArticleNames} groups them. */
    private static ArticleMeta withClaimedNames(ArticleMeta described, ArticleMeta claim) {
        if (claim == null || (!described.authors().isEmpty() || claim.authors().isEmpty()) && (!described.tags().isEmpty() || claim.tags().isEmpty())) {
            return described;
        }
        return new ArticleMeta(described.id(), described.url(), described.title(), described.section(), described.publishedAt(),
                described.image(), described.authors().isEmpty() ? claim.authors() : described.authors(),
                described.tags().isEmpty() ? claim.tags() : described.tags());
    }

    private SeriesReport series(String site, String articleId, ArticleMeta meta, String section, ReportRange range,
                                Map<LocalDate, CounterState> byDay) {
        Totals totals = new Totals();
        byDay.forEach((day, counts) -> {
            ReportRange.Bucket part = range.within(day);
            totals.addHours(counts, part.fromHour(), part.toHour());
            totals.addWholeDay(counts);
        });
        List<SeriesReport.Point> points = new ArrayList<>();
        for (ReportRange.Bucket bucket : range.buckets()) {
            points.add(new SeriesReport.Point(bucket.start(), bucketTotals(byDay.get(bucket.day()), bucket, range.granularity())));
        }
        return new SeriesReport(site, articleId, meta, section, range, points, totals);
    }

    private static Totals bucketTotals(CounterState day, ReportRange.Bucket bucket, Granularity granularity) {
        Totals totals = new Totals();
        if (day != null) {
            totals.addHours(day, bucket.fromHour(), bucket.toHour());
            if (granularity == Granularity.DAY) {
                totals.addWholeDay(day);
            }
        }
        return totals;
    }

    /** The day items of one counter over the range, oldest first, by one BatchGet of computed keys. */
    private Map<LocalDate, CounterState> daysOf(ReportRange range, Function<LocalDate, CounterKey> keyOf) {
        Map<CounterKey, LocalDate> keys = new LinkedHashMap<>();
        range.days().forEach(day -> keys.put(keyOf.apply(day), day));
        Map<CounterKey, CounterState> found = counters.findAll(keys.keySet());
        Map<LocalDate, CounterState> byDay = new TreeMap<>();
        found.forEach((key, counts) -> byDay.put(keys.get(key), counts));
        return byDay;
    }

    /**
     * Reads the days side by side but hands them to {@code fold} one at a time, oldest first, keeping
     * no day longer than it takes to fold it: a 90-day top list of a big site never sits in memory whole.
     */
    private <T> void forEachDay(List<LocalDate> days, Function<LocalDate, T> read, BiConsumer<LocalDate, T> fold) {
        Map<LocalDate, CompletableFuture<T>> pending = new LinkedHashMap<>();
        days.forEach(day -> pending.put(day, CompletableFuture.supplyAsync(() -> read.apply(day), reads)));
        try {
            for (LocalDate day : days) {
                fold.accept(day, pending.remove(day).join());
            }
        } catch (CompletionException e) {
            pending.values().forEach(unread -> unread.cancel(false));
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new StoreUnavailableException("a read failed", e.getCause());
        }
    }

    /** One article's counts over a range, folded day by day; only the sparkline's values are kept per step. */
    private static final class ArticleDays {
        final String id;
        final Totals totals = new Totals();
        final long[] series;
        ArticleMeta meta;
        String sectionSlug;

        ArticleDays(String id, int steps) {
            this.id = id;
            this.series = new long[steps];
        }

        /** Days arrive oldest first, so the latest metadata and section win. */
        void add(CounterState counts, ReportRange.Bucket part, List<ReportRange.Bucket> buckets, Granularity granularity, Metric seriesMetric) {
            totals.addHours(counts, part.fromHour(), part.toHour());
            totals.addWholeDay(counts);
            meta = counts.meta() != null ? counts.meta() : meta;
            sectionSlug = counts.sectionSlug() != null ? counts.sectionSlug() : sectionSlug;
            for (int i = 0; i < buckets.size(); i++) {
                if (buckets.get(i).day().equals(part.day())) {
                    series[i] = bucketTotals(counts, buckets.get(i), granularity).value(seriesMetric);
                }
            }
        }
    }

    private record Ranked(ArticleDays article, long value) {
    }

    private record CachedNow(NowReport report, Instant expires) {
    }
}
