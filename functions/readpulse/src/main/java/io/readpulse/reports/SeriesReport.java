package io.readpulse.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.model.ArticleMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One article's, one section's or the whole site's counts over time, with totals. At hour
 * granularity the points carry only what is kept per hour (views, reads, engaged seconds, shares);
 * the totals always carry everything.
 *
 * @param article the article's metadata (article reports only; null if the range holds none)
 * @param section the section's slug (section reports only)
 */
public record SeriesReport(String site, String articleId, ArticleMeta article, String section, ReportRange range,
                           List<Point> points, Totals totals) implements Report {

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
