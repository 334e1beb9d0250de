package io.readpulse.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code compare=previous}: a report's figures next to the same figures over the period of the same
 * length that ends where the report's starts (the 7 days before the last 7, the 24 hours before the
 * last 24), and the change between them in percent.
 *
 * <p>JSON: every totals object and every top-list or sections row gets {@code previous} (the five
 * counts over the previous period) and {@code change} (per count, the change in percent with one
 * decimal, or null where the previous count was 0); the report gets {@code compare}, the previous
 * range. CSV: after each count's column come {@code previous_<count>} and {@code change_<count>_pct};
 * a site or article CSV adds a {@code total} row, the only one that carries them.
 *
 * <p>It compares what the report's own rows hold; it reads nothing itself ({@link ReportService} reads
 * the previous period with the same reads as the report).
 */
public final class ReportComparison implements Report {
    /** The counts compared, as JSON fields and CSV names. */
    static final List<String> FIELDS = List.of("views", "reads", "visitors", "engagedSeconds", "shares");
    static final List<String> CSV_NAMES = List.of("views", "reads", "visitors", "engaged_seconds", "shares");

    private final Report current;
    private final ReportRange previousRange;
    private final Totals previousTotals;
    private final Map<String, Totals> previousRows;

    /**
     * @param previousTotals the report's totals over the previous period (for top, unused)
     * @param previousRows each row's totals over the previous period, by article id or section slug;
     *                     a row absent here had none (0)
     */
    ReportComparison(Report current, ReportRange previousRange, Totals previousTotals, Map<String, Totals> previousRows) {
        this.current = current;
        this.previousRange = previousRange;
        this.previousTotals = previousTotals;
        this.previousRows = previousRows;
    }

    /** The period of the same length, at the same granularity, that ends where {@code range} starts. */
    public static ReportRange previousOf(ReportRange range) {
        Duration length = Duration.between(range.from(), range.to());
        return new ReportRange(range.from().minus(length), range.from(), range.granularity());
    }

    /** The change from {@code previous} to {@code current} in percent, one decimal; null when previous is 0. */
    public static Double changePercent(long current, long previous) {
        if (previous == 0) {
            return null;
        }
        return Math.round(1000.0 * (current - previous) / previous) / 10.0;
    }

    static long value(Totals totals, String field) {
        return switch (field) {
            case "views" -> totals.views();
            case "reads" -> totals.reads();
            case "visitors" -> totals.visitors();
            case "engagedSeconds" -> totals.engagedSeconds();
            case "shares" -> totals.shares();
            default -> throw new IllegalArgumentException(field);
        };
    }

    private Totals previousRow(String id) {
        Totals totals = previousRows.get(id);
        return totals == null ? new Totals() : totals;
    }

    // --- JSON ----------------------------------------------------------------------------------

    @Override
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = current.toJson(mapper);
        ObjectNode compare = root.putObject("compare");
        compare.put("period", "previous");
        compare.put("from", previousRange.from().toString());
        compare.put("to", previousRange.to().toString());
        if (current instanceof SeriesReport series) {
            addTo((ObjectNode) root.get("totals"), series.totals(), previousTotals);
        } else if (current instanceof SectionsReport sections) {
            addTo((ObjectNode) root.get("total"), sections.siteTotals(), previousTotals);
            int i = 0;
            for (JsonNode row : root.get("sections")) {
                SectionsReport.Section section = sections.sections().get(i++);
                addTo((ObjectNode) row, section.totals(), previousRow(section.slug()));
            }
        } else if (current instanceof DimensionReport dimension) {
            int i = 0;
            for (JsonNode row : root.get(dimension.kind().route())) {
                DimensionReport.Row shown = dimension.rows().get(i++);
                addTo((ObjectNode) row, shown.totals(), previousRow(shown.name()));
            }
        } else if (current instanceof TopReport top) {
            int i = 0;
            for (JsonNode row : root.get("articles")) {
                TopReport.Entry entry = top.entries().get(i++);
                addTo((ObjectNode) row, entry.totals(), previousRow(entry.id()));
            }
        }
        return root;
    }

    private static void addTo(ObjectNode node, Totals now, Totals before) {
        ObjectNode previous = node.putObject("previous");
        ObjectNode change = node.putObject("change");
        for (String field : FIELDS) {
            previous.put(field, value(before, field));
            change.put(field, changePercent(value(now, field), value(before, field)));
        }
    }

    // --- CSV -----------------------------------------------------------------------------------

    @Override
    public CsvTable toCsv() {
        if (current instanceof TopReport top) {
            CsvTable table = new CsvTable(withComparison(TopReport.CSV_COLUMNS));
            for (TopReport.Entry entry : top.entries()) {
                table.row(withComparison(TopReport.CSV_COLUMNS, TopReport.csvCells(entry), entry.totals(), previousRow(entry.id())));
            }
            return table;
        }
        if (current instanceof DimensionReport dimension) {
            List<String> base = dimension.csvColumns();
            CsvTable table = new CsvTable(withComparison(base));
            for (DimensionReport.Row row : dimension.rows()) {
                table.row(withComparison(base, dimension.csvCells(row, row.totals()), row.totals(), previousRow(row.name())));
            }
            return table;
        }
        if (current instanceof SectionsReport sections) {
            List<String> base = new ArrayList<>(List.of("section"));
            base.addAll(Totals.csvColumns(true));
            CsvTable table = new CsvTable(withComparison(base));
            for (SectionsReport.Section section : sections.sections()) {
                table.row(withComparison(base, cells(section.slug(), section.totals(), true), section.totals(), previousRow(section.slug())));
            }
            table.row(withComparison(base, cells(SectionsReport.WHOLE_SITE, sections.siteTotals(), true), sections.siteTotals(), previousTotals));
            return table;
        }
        if (current instanceof SeriesReport series) {
            boolean daily = series.range().granularity() == Granularity.DAY;
            List<String> base = new ArrayList<>(List.of("start"));
            base.addAll(Totals.csvColumns(daily));
            CsvTable table = new CsvTable(withComparison(base));
            for (SeriesReport.Point point : series.points()) {
                table.row(withComparison(base, cells(point.start().toString(), point.totals(), daily), null, null));
            }
            // The totals row carries visitors even at hour granularity (they cover the whole days): in that
            // case the visitors column is not among the base columns, so only the comparison shows them.
            table.row(withComparison(base, cells("total", series.totals(), daily), series.totals(), previousTotals));
            return table;
        }
        return current.toCsv();
    }

    private static List<Object> cells(String first, Totals totals, boolean wholeDays) {
        List<Object> cells = new ArrayList<>();
        cells.add(first);
        cells.addAll(totals.csvCells(wholeDays));
        return cells;
    }

    /** The header with {@code previous_x} and {@code change_x_pct} after each compared count {@code x}. */
    private static List<String> withComparison(List<String> base) {
        List<String> header = new ArrayList<>();
        for (String column : base) {
            header.add(column);
            if (CSV_NAMES.contains(column)) {
                header.add("previous_" + column);
                header.add("change_" + column + "_pct");
            }
        }
        for (String name : CSV_NAMES) {
            if (!base.contains(name)) {
                header.add("previous_" + name);
                header.add("change_" + name + "_pct");
            }
        }
        return header;
    }

    /** A row's cells with the comparison cells in {@link #withComparison}'s places; blank where {@code now} is null. */
    private static List<Object> withComparison(List<String> base, List<Object> cells, Totals now, Totals before) {
        List<Object> row = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            row.add(cells.get(i));
            if (CSV_NAMES.contains(base.get(i))) {
                addComparison(row, CSV_NAMES.indexOf(base.get(i)), now, before);
            }
        }
        for (String name : CSV_NAMES) {
            if (!base.contains(name)) {
                addComparison(row, CSV_NAMES.indexOf(name), now, before);
            }
        }
        return row;
    }

    private static void addComparison(List<Object> row, int index, Totals now, Totals before) {
        if (now == null) {
            row.add(null);
            row.add(null);
            return;
        }
        String field = FIELDS.get(index);
        row.add(value(before, field));
        row.add(changePercent(value(now, field), value(before, field)));
    }

    @Override
    public String fileName() {
        return current.fileName() + "-vs-previous";
    }
}
