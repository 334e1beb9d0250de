package io.readpulse.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.aggregate.MinuteFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Readers on the site now: distinct visitors with a view, an engagement ping or a share since
 * {@code since} (the current minute and the {@code window} of whole minutes before it), in all and per
 * article, most read first (Chartbeat calls them concurrents); and the last 30 minutes, minute by minute.
 * Every figure of readers is a HyperLogLog estimate (see docs/reports.md for its error).
 *
 * @param readers distinct readers on the whole site, which is fewer than the per-article sum when
 *     a reader moved between articles
 * @param minutes the per-minute chart, oldest first, the current (unfinished) minute last
 */
public record NowReport(String site, Instant at, Duration window, Instant since, long readers, int articleCount, List<Article> articles,
                        List<MinuteFigures> minutes)
        implements Report {

    /** @param title null when the article's counters do not name it yet */
    public record Article(String id, String title, String url, long readers) {
    }

    @Override
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("site", site);
        root.put("at", at.toString());
        root.put("windowSeconds", window.toSeconds());
        root.put("since", since.toString());
        root.put("readers", readers);
        root.put("articleCount", articleCount);
        ArrayNode list = root.putArray("articles");
        for (Article article : articles) {
            ObjectNode node = list.addObject();
            node.put("id", article.id());
            node.put("title", article.title());
            node.put("url", article.url());
            node.put("readers", article.readers());
        }
        ArrayNode series = root.putArray("minutes");
        for (MinuteFigures minute : minutes) {
            series.addObject().put("start", minute.minute().toString()).put("readers", minute.readers()).put("views", minute.views());
        }
        return root;
    }

    @Override
    public CsvTable toCsv() {
        CsvTable table = new CsvTable(List.of("id", "title", "readers"));
        for (Article article : articles) {
            List<Object> cells = new ArrayList<>();
            cells.add(article.id());
            cells.add(article.title());
            cells.add(article.readers());
            table.row(cells);
        }
        return table;
    }

    @Override
    public String fileName() {
        return site + "-now-" + at.toString().replace(':', '-');
    }
}
