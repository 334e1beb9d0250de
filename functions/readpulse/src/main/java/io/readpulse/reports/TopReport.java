package io.readpulse.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.model.ArticleMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of the site's articles ranked by a metric over a range, each with a sparkline: its
 * {@code seriesMetric} per step of the range.
 *
 * @param articleCount how many articles (in the section, if one is asked for) had counts in the range
 * @param nextCursor the cursor of the next page, or null on the last one
 */
public record TopReport(String site, ReportRange range, Metric sort, Metric seriesMetric, String section, int articleCount,
                        List<Entry> entries, String nextCursor, String author, String tag) implements Report {

    public TopReport(String site, ReportRange range, Metric sort, Metric seriesMetric, String section, int articleCount,
                     List<Entry> entries, String nextCursor) {
        this(site, range, sort, seriesMetric, section, articleCount, entries, nextCursor, null, null);
    }

    /** This list as narrowed to an author's or a tag's articles (null: not narrowed). */
    TopReport narrowedTo(String byAuthor, String byTag) {
        return new TopReport(site, range, sort, seriesMetric, section, articleCount, entries, nextCursor, byAuthor, byTag);
    }

    public record Entry(int rank, String id, ArticleMeta meta, String sectionSlug, Totals totals, long[] series) {
    }

    @Override
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("site", site);
        range.writeTo(root);
        root.put("sort", sort.wireName());
        root.put("section", section);
        root.put("author", author);
        root.put("tag", tag);
        root.put("seriesMetric", seriesMetric.wireName());
        root.put("articleCount", articleCount);
        ArrayNode list = root.putArray("articles");
        for (Entry entry : entries) {
            ObjectNode node = list.addObject();
            node.put("rank", entry.rank());
            node.put("id", entry.id());
            ReportOutput.writeMeta(node, entry.meta());
            node.put("section", entry.sectionSlug());
            node.put("views", entry.totals().views());
            node.put("reads", entry.totals().reads());
            node.put("visitors", entry.totals().visitors());
            node.put("engagedSeconds", entry.totals().engagedSeconds());
            node.put("shares", entry.totals().shares());
            node.put("engagedSecondsPerRead", entry.totals().engagedSecondsPerRead());
            node.put("engagedShare", entry.totals().engagedShare());
            ArrayNode series = node.putArray("series");
            for (long value : entry.series()) {
                series.add(value);
            }
        }
        root.put("nextCursor", nextCursor);
        return root;
    }

    static final List<String> CSV_COLUMNS = List.of("rank", "id", "title", "section", "url", "views", "reads", "visitors",
            "engaged_seconds", "shares");

    @Override
    public CsvTable toCsv() {
        CsvTable table = new CsvTable(CSV_COLUMNS);
        for (Entry entry : entries) {
            table.row(csvCells(entry));
        }
        return table;
    }

    static List<Object> csvCells(Entry entry) {
        ArticleMeta meta = entry.meta();
        List<Object> cells = new ArrayList<>();
        cells.add(entry.rank());
        cells.add(entry.id());
        cells.add(meta == null ? null : meta.title());
        cells.add(entry.sectionSlug());
        cells.add(meta == null ? null : meta.url());
        cells.add(entry.totals().views());
        cells.add(entry.totals().reads());
        cells.add(entry.totals().visitors());
        cells.add(entry.totals().engagedSeconds());
        cells.add(entry.totals().shares());
        return cells;
    }

    @Override
    public String fileName() {
        return ReportOutput.fileName(site, "top-" + sort.wireName() + (section == null ? "" : "-" + section)
                + (author == null && tag == null ? "" : "-narrowed"), range);
    }
}
