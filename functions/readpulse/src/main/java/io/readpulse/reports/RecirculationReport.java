package io.readpulse.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.aggregate.CounterState;
import io.readpulse.aggregate.RecirculationCounts;
import io.readpulse.model.ArticleMeta;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the Trending box earned over a range: its impressions and clicks (cut to the range's hours,
 * with a series), and over the range's whole days the click-through rate per list and per
 * position, the articles most clicked from it, engaged time per reader of page views that came
 * from the box against those that did not, and each experiment arm's result ({@link Experiment}).
 *
 * @param otherArticleClicks clicks on articles beyond the list shown, or beyond a day's cap of named ones
 */
public record RecirculationReport(String site, ReportRange range, long impressions, long clicks, long bots, List<Point> series,
                                  List<ListRow> lists, List<PositionRow> positions, List<ArticleRow> articles, long otherArticleClicks,
                                  Engagement fromBox, Engagement notFromBox, List<Experiment.Arm> arms) implements Report {

    public record Point(Instant start, long impressions, long clicks) {
    }

    /** @param list {@code mode-window}, {@code mode-window/section}, or "~other" for the lists beyond a day's cap */
    public record ListRow(String list, String mode, String window, String section, long impressions, long clicks) {
    }

    /** @param impressions the impressions that showed this position */
    public record PositionRow(int position, long impressions, long clicks) {
    }

    /** @param title as the article's own page describes it, else as browsers claimed, else null */
    public record ArticleRow(int rank, String id, String title, String url, long clicks) {
    }

    /** Page views of the range's whole days, opened from the box or not. */
    public record Engagement(long views, long reads, long engagedSeconds) {
        Double engagedSecondsPerRead() {
            return reads == 0 ? null : Math.round(10.0 * engagedSeconds / reads) / 10.0;
        }
    }

    /**
     * The report from the range's recirculation items and site totals, by day.
     *
     * @param names how the articles shown are named, by id
     */
    static RecirculationReport of(String site, ReportRequest request, Map<LocalDate, RecirculationCounts> byDay,
                                  Map<LocalDate, CounterState> siteDays, Function<List<String>, Map<String, ArticleMeta>> names) {
        ReportRange range = request.range();
        long impressions = 0;
        long clicks = 0;
        long bots = 0;
        for (Map.Entry<LocalDate, RecirculationCounts> day : byDay.entrySet()) {
            ReportRange.Bucket part = range.within(day.getKey());
            impressions += sum(day.getValue().hourlyImpressions(), part.fromHour(), part.toHour());
            clicks += sum(day.getValue().hourlyClicks(), part.fromHour(), part.toHour());
            bots += day.getValue().bots();
        }
        List<Point> series = new ArrayList<>();
        for (ReportRange.Bucket bucket : range.buckets()) {
            RecirculationCounts day = byDay.getOrDefault(bucket.day(), RecirculationCounts.EMPTY);
            series.add(new Point(bucket.start(), sum(day.hourlyImpressions(), bucket.fromHour(), bucket.toHour()),
                    sum(day.hourlyClicks(), bucket.fromHour(), bucket.toHour())));
        }
        RecirculationCounts whole = RecirculationCounts.EMPTY;
        for (RecirculationCounts day : byDay.values()) {
            whole = whole.plus(day);
        }

        List<ListRow> lists = new ArrayList<>();
        whole.lists().forEach((list, tally) -> lists.add(listRow(list, tally)));
        lists.sort(Comparator.comparingLong(ListRow::impressions).reversed().thenComparing(ListRow::list));

        List<PositionRow> positions = new ArrayList<>();
        long[] clicksByPosition = whole.clicksByPosition();
        for (int position = 1; position <= RecirculationCounts.POSITIONS; position++) {
            long shown = whole.impressionsAt(position);
            if (shown > 0 || clicksByPosition[position - 1] > 0) {
                positions.add(new PositionRow(position, shown, clicksByPosition[position - 1]));
            }
        }

        List<Map.Entry<String, Long>> clicked = new ArrayList<>(whole.clickedArticles().entrySet());
        long otherClicks = clicked.stream().filter(entry -> entry.getKey().equals(RecirculationCounts.OTHER)).mapToLong(Map.Entry::getValue).sum();
        clicked.removeIf(entry -> entry.getKey().equals(RecirculationCounts.OTHER));
        clicked.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<Map.Entry<String, Long>> shown = clicked.subList(0, Math.min(clicked.size(), request.limit()));
        for (Map.Entry<String, Long> beyond : clicked.subList(shown.size(), clicked.size())) {
            otherClicks += beyond.getValue();
        }
        Map<String, ArticleMeta> named = names.apply(shown.stream().map(Map.Entry::getKey).toList());
        List<ArticleRow> articles = new ArrayList<>();
        for (Map.Entry<String, Long> article : shown) {
            ArticleMeta meta = named.get(article.getKey());
            articles.add(new ArticleRow(articles.size() + 1, article.getKey(), meta == null ? null : meta.title(),
                    meta == null ? null : meta.url(), article.getValue()));
        }

        long siteViews = 0;
        long siteReads = 0;
        long siteEngaged = 0;
        for (CounterState day : siteDays.values()) {
            siteViews += day.views();
            siteReads += day.reads();
            siteEngaged += day.engagedSeconds();
        }
        Engagement fromBox = new Engagement(whole.boxViews(), whole.boxReads(), whole.boxEngagedSeconds());
        Engagement notFromBox = new Engagement(Math.max(0, siteViews - fromBox.views()), Math.max(0, siteReads - fromBox.reads()),
                Math.max(0, siteEngaged - fromBox.engagedSeconds()));

        List<Experiment.Tally> arms = new ArrayList<>();
        whole.arms().forEach((arm, tally) -> arms.add(new Experiment.Tally(arm, tally.impressions(), tally.clicks())));
        return new RecirculationReport(site, range, impressions, clicks, bots, series, lists, positions, articles, otherClicks,
                fromBox, notFromBox, Experiment.compare(arms));
    }

    private static ListRow listRow(String list, RecirculationCounts.Tally tally) {
        int dash = list.indexOf('-');
        if (list.equals(RecirculationCounts.OTHER) || dash < 0) {
            return new ListRow(list, null, null, null, tally.impressions(), tally.clicks());
        }
        int slash = list.indexOf('/');
        return new ListRow(list, list.substring(0, dash), list.substring(dash + 1, slash < 0 ? list.length() : slash),
                slash < 0 ? null : list.substring(slash + 1), tally.impressions(), tally.clicks());
    }

    private static long sum(long[] hourly, int fromHour, int toHour) {
        long sum = 0;
        for (int hour = fromHour; hour < toHour; hour++) {
            sum += hourly[hour];
        }
        return sum;
    }

    static Double ctr(long impressions, long clicks) {
        return impressions == 0 ? null : Experiment.round((double) Math.min(clicks, impressions) / impressions);
    }

    @Override
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("site", site);
        range.writeTo(root);
        root.put("impressions", impressions);
        root.put("clicks", clicks);
        root.put("ctr", ctr(impressions, clicks));
        root.put("bots", bots);
        ArrayNode points = root.putArray("series");
        series.forEach(point -> points.addObject().put("start", point.start().toString())
                .put("impressions", point.impressions()).put("clicks", point.clicks()));
        ArrayNode listNodes = root.putArray("lists");
        for (ListRow list : lists) {
            listNodes.addObject().put("list", list.list()).put("mode", list.mode()).put("window", list.window())
                    .put("section", list.section()).put("impressions", list.impressions()).put("clicks", list.clicks())
                    .put("ctr", ctr(list.impressions(), list.clicks()));
        }
        ArrayNode positionNodes = root.putArray("positions");
        for (PositionRow position : positions) {
            positionNodes.addObject().put("position", position.position()).put("impressions", position.impressions())
                    .put("clicks", position.clicks()).put("ctr", ctr(position.impressions(), position.clicks()));
        }
        ArrayNode articleNodes = root.putArray("articles");
        for (ArticleRow article : articles) {
            articleNodes.addObject().put("rank", article.rank()).put("id", article.id()).put("title", article.title())
                    .put("url", article.url()).put("clicks", article.clicks());
        }
        root.put("otherArticleClicks", otherArticleClicks);
        ObjectNode engagement = root.putObject("engagement");
        writeEngagement(engagement.putObject("fromBox"), fromBox);
        writeEngagement(engagement.putObject("notFromBox"), notFromBox);
        ObjectNode experiment = root.putObject("experiment");
        experiment.put("confidence", 0.95);
        experiment.put("alpha", 0.05);
        experiment.put("power", 0.8);
        ArrayNode armNodes = experiment.putArray("arms");
        for (Experiment.Arm arm : arms) {
            ObjectNode node = armNodes.addObject().put("arm", arm.arm()).put("impressions", arm.impressions()).put("clicks", arm.clicks())
                    .put("ctr", arm.ctr());
            if (arm.interval() == null) {
                node.putNull("ci95");
            } else {
                node.putObject("ci95").put("low", arm.interval().low()).put("high", arm.interval().high());
            }
            node.put("versus", arm.versus()).put("z", arm.z()).put("pValue", arm.pValue())
                    .put("impressionsNeeded", arm.impressionsNeeded()).put("impressionsStillNeeded", arm.impressionsStillNeeded());
        }
        return root;
    }

    private static void writeEngagement(ObjectNode node, Engagement engagement) {
        node.put("views", engagement.views());
        node.put("reads", engagement.reads());
        node.put("engagedSeconds", engagement.engagedSeconds());
        node.put("engagedSecondsPerRead", engagement.engagedSecondsPerRead());
    }

    static final List<String> CSV_COLUMNS = List.of("kind", "name", "title", "impressions", "clicks", "ctr", "ci_low", "ci_high",
            "versus", "p_value", "impressions_still_needed", "views", "reads", "engaged_seconds", "engaged_seconds_per_read");

    @Override
    public CsvTable toCsv() {
        CsvTable table = new CsvTable(CSV_COLUMNS);
        table.row(row("total", "box", null, impressions, clicks));
        lists.forEach(list -> table.row(row("list", list.list(), null, list.impressions(), list.clicks())));
        positions.forEach(position -> table.row(row("position", Integer.toString(position.position()), null, position.impressions(),
                position.clicks())));
        articles.forEach(article -> table.row(row("article", article.id(), article.title(), null, article.clicks())));
        table.row(row("article", "(other articles)", null, null, otherArticleClicks));
        for (Experiment.Arm arm : arms) {
            List<Object> cells = row("arm", arm.arm(), null, arm.impressions(), arm.clicks());
            cells.set(6, arm.interval() == null ? null : plain(arm.interval().low()));
            cells.set(7, arm.interval() == null ? null : plain(arm.interval().high()));
            cells.set(8, arm.versus());
            cells.set(9, plain(arm.pValue()));
            cells.set(10, arm.impressionsStillNeeded());
            table.row(cells);
        }
        table.row(engagementRow("from_box", fromBox));
        table.row(engagementRow("not_from_box", notFromBox));
        return table;
    }

    private static List<Object> row(String kind, String name, String title, Long impressions, long clicks) {
        List<Object> cells = new ArrayList<>(Arrays.asList(new Object[CSV_COLUMNS.size()]));
        cells.set(0, kind);
        cells.set(1, name);
        cells.set(2, title);
        cells.set(3, impressions);
        cells.set(4, clicks);
        cells.set(5, impressions == null ? null : plain(ctr(impressions, clicks)));
        return cells;
    }

    private static List<Object> engagementRow(String name, Engagement engagement) {
        List<Object> cells = new ArrayList<>(Arrays.asList(new Object[CSV_COLUMNS.size()]));
        cells.set(0, "engagement");
        cells.set(1, name);
        cells.set(11, engagement.views());
        cells.set(12, engagement.reads());
        cells.set(13, engagement.engagedSeconds());
        cells.set(14, plain(engagement.engagedSecondsPerRead()));
        return cells;
    }

    /** Rates as plain decimals (0.0001, never 1.0E-4), as a spreadsheet reads them. */
    private static String plain(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    @Override
    public String fileName() {
        return ReportOutput.fileName(site, "recirculation", range);
    }
}
