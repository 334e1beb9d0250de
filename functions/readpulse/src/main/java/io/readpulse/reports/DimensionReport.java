package io.readpulse.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.aggregate.DimensionKind;
import io.readpulse.aggregate.ReadThrough;
import io.readpulse.model.Campaign;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a site's authors, tags, campaigns, device classes or countries over a range, most
 * viewed first, each with its counts and read-through.
 *
 * <p>Authors and tags group the articles' day items (so their views, reads, engaged seconds and
 * shares are cut to the range's hours, and their unique visitors are the union of the articles'
 * sketches); campaigns, devices and countries are the site-day's {@code dim:} items, kept per whole
 * day, with no unique visitors. Values beyond a day's cap are summed as {@code other}.
 *
 * @param rowCount how many rows the whole list has (the pages together)
 * @param other the values beyond the days' caps, summed, or null when there were none
 * @param nextCursor the cursor of the next page, or null on the last one
 */
public record DimensionReport(String site, Kind kind, ReportRange range, int rowCount, List<Row> rows, Totals other,
                              String nextCursor) implements Report {

    /** The five lists: their route, the name of a row's value, and whether rows carry unique visitors and article counts. */
    public enum Kind {
        AUTHORS("authors", "author", null),
        TAGS("tags", "tag", null),
        CAMPAIGNS("campaigns", "campaign", DimensionKind.CAMPAIGN),
        DEVICES("devices", "device", DimensionKind.DEVICE),
        COUNTRIES("countries", "country", DimensionKind.COUNTRY);

        private final String route;
        private final String field;
        private final DimensionKind dimension;

        Kind(String route, String field, DimensionKind dimension) {
            this.route = route;
            this.field = field;
            this.dimension = dimension;
        }

        public String route() {
            return route;
        }

        /** The site-day item it reads, or null for authors and tags (which group article items). */
        public DimensionKind dimension() {
            return dimension;
        }

        boolean groupsArticles() {
            return dimension == null;
        }
    }

    /**
     * @param name the author, tag, device class or country; a campaign's stored name (see {@link #campaign})
     * @param articles authors and tags: how many articles the row sums, else 0
     * @param namedByClaims authors and tags: how many of them were named by browsers' claims rather than descriptions
     */
    public record Row(String name, Totals totals, int articles, int namedByClaims) {
        Campaign campaign() {
            return DimensionKind.campaignOf(name);
        }
    }

    @Override
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("site", site);
        range.writeTo(root);
        root.put("count", rowCount);
        ArrayNode list = root.putArray(kind.route);
        for (Row row : rows) {
            ObjectNode node = list.addObject();
            writeName(node, row);
            writeCounts(node, row.totals());
        }
        if (other != null) {
            writeCounts(root.putObject("other"), other);
        } else {
            root.putNull("other");
        }
        root.put("nextCursor", nextCursor);
        return root;
    }

    private void writeName(ObjectNode node, Row row) {
        if (kind == Kind.CAMPAIGNS) {
            Campaign campaign = row.campaign();
            node.put("source", campaign.source());
            node.put("medium", campaign.medium());
            node.put("campaign", campaign.name());
        } else {
            node.put(kind.field, row.name());
        }
        if (kind.groupsArticles()) {
            node.put("articles", row.articles());
            node.put("articlesNamedByClaims", row.namedByClaims());
        }
    }

    private void writeCounts(ObjectNode node, Totals totals) {
        node.put("views", totals.views());
        node.put("reads", totals.reads());
        if (kind.groupsArticles()) {
            node.put("visitors", totals.visitors());
        }
        node.put("engagedSeconds", totals.engagedSeconds());
        node.put("shares", totals.shares());
        node.put("engagedSecondsPerRead", totals.engagedSecondsPerRead());
        node.put("readThrough", totals.readThrough());
        Totals.writeReached(node, totals.reached());
    }

    /** The CSV header: the row's name columns, then its counts under the names {@link ReportComparison} compares. */
    List<String> csvColumns() {
        List<String> columns = new ArrayList<>(kind == Kind.CAMPAIGNS ? List.of("source", "medium", "campaign") : List.of(kind.field));
        if (kind.groupsArticles()) {
            columns.addAll(List.of("articles", "articles_named_by_claims"));
        }
        columns.addAll(List.of("views", "reads"));
        if (kind.groupsArticles()) {
            columns.add("visitors");
        }
        columns.addAll(List.of("engaged_seconds", "shares", "engaged_seconds_per_read", "read_through",
                "reached_25", "reached_50", "reached_75", "reached_100"));
        return columns;
    }

    /** A row's cells; {@code row} null is the {@code other} row. */
    List<Object> csvCells(Row row, Totals totals) {
        List<Object> cells = new ArrayList<>();
        String otherName = "(other " + kind.route + ")";
        if (kind == Kind.CAMPAIGNS) {
            Campaign campaign = row == null ? new Campaign(otherName, null, null) : row.campaign();
            cells.addAll(java.util.Arrays.asList(campaign.source(), campaign.medium(), campaign.name()));
        } else {
            cells.add(row == null ? otherName : row.name());
        }
        if (kind.groupsArticles()) {
            cells.add(row == null ? 0 : row.articles());
            cells.add(row == null ? 0 : row.namedByClaims());
        }
        cells.add(totals.views());
        cells.add(totals.reads());
        if (kind.groupsArticles()) {
            cells.add(totals.visitors());
        }
        cells.add(totals.engagedSeconds());
        cells.add(totals.shares());
        cells.add(totals.engagedSecondsPerRead());
        cells.add(totals.readThrough());
        ReadThrough reached = totals.reached();
        for (int milestone : new int[] {25, 50, 75, 100}) {
            cells.add(reached.reached(milestone));
        }
        return cells;
    }

    @Override
    public CsvTable toCsv() {
        CsvTable table = new CsvTable(csvColumns());
        rows.forEach(row -> table.row(csvCells(row, row.totals())));
        if (other != null) {
            table.row(csvCells(null, other));
        }
        return table;
    }

    @Override
    public String fileName() {
        return ReportOutput.fileName(site, kind.route, range);
    }
}
