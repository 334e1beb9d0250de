package io.readpulse.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Totals per section over a range, most viewed first, and the whole site's. Articles without a
 * section count only towards the site, so the sections may add up to less than it.
 */
public record SectionsReport(String site, ReportRange range, Totals siteTotals, List<Section> sections) implements Report {
    static final String WHOLE_SITE = "(whole site)";

    public record Section(String slug, Totals totals) {
    }

    @Override
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("site", site);
        range.writeTo(root);
        siteTotals.writeTo(root.putObject("total"), true);
        ArrayNode list = root.putArray("sections");
        for (Section section : sections) {
            ObjectNode node = list.addObject();
            node.put("section", section.slug());
            section.totals().writeTo(node, true);
        }
        return root;
    }

    @Override
    public CsvTable toCsv() {
        List<String> header = new ArrayList<>(List.of("section"));
        header.addAll(Totals.csvColumns(true));
        CsvTable table = new CsvTable(header);
        for (Section section : sections) {
            table.row(row(section.slug(), section.totals()));
        }
        table.row(row(WHOLE_SITE, siteTotals));
        return table;
    }

    private static List<Object> row(String name, Totals totals) {
        List<Object> cells = new ArrayList<>(List.of(name));
        cells.addAll(totals.csvCells(true));
        return cells;
    }

    @Override
    public String fileName() {
        return ReportOutput.fileName(site, "sections", range);
    }
}
