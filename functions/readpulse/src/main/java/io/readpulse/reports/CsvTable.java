package io.readpulse.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * A report as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma,
 * quote or line break). Titles and hosts come from readers' browsers, so a text cell that a
 * spreadsheet would run as a formula gets a leading apostrophe: one that starts with =, +, -, @,
 * tab or CR, or with their full-width forms (＝＋－＠, which some spreadsheets read as the ASCII
 * ones), after any invisible or blank characters a spreadsheet skips (spaces, no-break spaces, zero
 * widths, the byte-order mark, other format characters).
 */
public final class CsvTable {
    private final List<String> header;
    private final List<List<Object>> rows = new ArrayList<>();

    public CsvTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    /** Adds a row of numbers and strings, in the header's order; null is an empty cell. */
    public CsvTable row(List<?> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("a row of " + cells.size() + " cells under " + header.size() + " columns");
        }
        rows.add(new ArrayList<>(cells));
        return this;
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        line(out, new ArrayList<>(header));
        rows.forEach(row -> line(out, row));
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    private static boolean looksLikeAFormula(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20\uFE62\uFE63\uFE66".indexOf(c) >= 0) {
                return true;
            }
            boolean skipped = c == ' ' || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT || c == '\uFEFF';
            if (!skipped) {
                return false;
            }
        }
        return false;
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = value.toString();
        if (looksLikeAFormula(text)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
