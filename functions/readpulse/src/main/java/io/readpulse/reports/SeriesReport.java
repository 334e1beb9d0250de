package io.readpulse.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.aggregate.DimensionKind;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.Campaign;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One article's, one section's or the whole site's counts over time, with totals. At hour
 * granularity the points carry only what is kept per hour (views, reads, engaged seconds, shares);
 * the totals always carry everything.
 *
 * @param article the article's metadata (article reports only; null if the range holds none)
 * @param section the section's slug (section reports only)
 */
public record SeriesReport(String site, String articleId, ArticleMeta article, String section, ReportRange range,
                           List<Point> points, Totals totals, String author, String tag,
                           Map<DimensionKind, Map<String, Long>> breakdowns) implements Report {

    public SeriesReport(String site, String articleId, ArticleMeta article, String section, ReportRange range,
                        List<Point> points, Totals totals) {
        this(site, articleId, article, section, range, points, totals, null, null, Map.of());
    }

    /** The site's series as narrowed to an author's or a tag's articles. */
    SeriesReport narrowedTo(String byAuthor, String byTag) {
        return new SeriesReport(site, articleId, article, section, range, points, totals, byAuthor, byTag, breakdowns);
    }

    /** An article's views per campaign, device class and country over the range's whole days. */
    SeriesReport withBreakdowns(Map<DimensionKind, Map<String, Long>> byKind) {
        return new SeriesReport(site, articleId, article, section, range, points, totals, author, tag, byKind);
    }

    public record Point(Instant start, Totals totals) {
    }

    @Override
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("site", site);
        if (articleId != null) {
            ObjectNode node = root.putObject("article");
            node.put("id", articleId);
            ReportOutput.writeMeta(node, article);
        }
        if (section != null) {
            root.put("section", section);
        }
        if (author != null || tag != null) {
            root.put("author", author);
            root.put("tag", tag);
        }
        if (articleId != null) {
            writeBreakdowns(root.putObject("breakdowns"));
        }
        range.writeTo(root);
        totals.writeTo(root.putObject("totals"), true);
        boolean daily = range.granularity() == Granularity.DAY;
        ArrayNode series = root.putArray("series");
        for (Point point : points) {
            ObjectNode node = series.addObject();
            node.put("start", point.start().toString());
            point.totals().writeTo(node, daily);
        }
        return root;
    }

    /**
     * Per kind, most viewed first: {@code campaigns} ({@code source}, {@code medium}, {@code campaign},
     * {@code views}), {@code devices} and {@code countries}; the values beyond an article-day's five
     * are summed as {@code other}.
     */
    private void writeBreakdowns(ObjectNode node) {
        for (DimensionKind kind : DimensionKind.values()) {
            Map<String, Long> views = breakdowns.getOrDefault(kind, Map.of());
            List<Map.Entry<String, Long>> named = new ArrayList<>(views.entrySet());
            named.removeIf(entry -> entry.getKey().equals(DimensionKind.OTHER));
            named.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
            String plural = kind == DimensionKind.COUNTRY ? "countries" : kind.wireName() + "s";
            ObjectNode breakdown = node.putObject(plural);
            ArrayNode list = breakdown.putArray("values");
            for (Map.Entry<String, Long> entry : named) {
                ObjectNode value = list.addObject();
                if (kind == DimensionKind.CAMPAIGN) {
                    Campaign campaign = DimensionKind.campaignOf(entry.getKey());
                    value.put("source", campaign.source());
                    value.put("medium", campaign.medium());
                    value.put("campaign", campaign.name());
                } else {
                    value.put(kind.wireName(), entry.getKey());
                }
                value.put("views", entry.getValue());
            }
            breakdown.put("other", views.getOrDefault(DimensionKind.OTHER, 0L));
        }
    }

    @Override
    public CsvTable toCsv() {
        boolean daily = range.granularity() == Granularity.DAY;
        List<String> header = new ArrayList<>(List.of("start"));
        header.addAll(Totals.csvColumns(daily));
        CsvTable table = new CsvTable(header);
        for (Point point : points) {
            List<Object> cells = new ArrayList<>(List.of(point.start().toString()));
            cells.addAll(point.totals().csvCells(daily));
            table.row(cells);
        }
        return table;
    }

    @Override
    public String fileName() {
        String subject = articleId != null ? "article-" + articleId : section != null ? "section-" + section : "site";
        return ReportOutput.fileName(site, subject, range);
    }
}
