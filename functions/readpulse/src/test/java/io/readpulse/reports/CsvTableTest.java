package io.readpulse.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {

    @Test
    void quotesOnlyWhatNeedsQuotingAndEndsLinesWithCrLf() {
        CsvTable table = new CsvTable(List.of("id", "title", "views"));
        table.row(List.of("a", "Plain title", 3));
        table.row(List.of("b", "Gaza, Moscow and \"the West\"", 12));
        table.row(Arrays.asList("c", null, 0));
        table.row(List.of("d", "two\nlines", 1));
        assertEquals("id,title,views\r\na,Plain title,3\r\nb,\"Gaza, Moscow and \"\"the West\"\"\",12\r\nc,,0\r\nd,\"two\nlines\",1\r\n",
                table.render());
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaIsDefused() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", CsvTable.cell("=HYPERLINK(\"http://x\")"));
        assertEquals("'+1", CsvTable.cell("+1"));
        assertEquals("'@SUM(A1)", CsvTable.cell("@SUM(A1)"));
        assertEquals("'-2", CsvTable.cell("-2"));
        assertEquals("-2", CsvTable.cell(-2L), "numbers are numbers");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "\uFF1DHYPERLINK(1)", "\u00A0=1+1", "\u200B=1+1", "\uFEFF=1+1", " =1+1", "\u2060@SUM(A1)", "\uFF0B1", "\uFF20A1", "\u3000-1"})
    void lookAlikesAndInvisiblePrefixesAreDefusedToo(String text) {
        assertEquals("'" + text, CsvTable.cell(text));
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        assertEquals("Gaza talks resume", CsvTable.cell("Gaza talks resume"));
        assertEquals("\u00A0Spaced title", CsvTable.cell("\u00A0Spaced title"));
    }

    @Test
    void aRowMustFitTheHeader() {
        assertThrows(IllegalArgumentException.class, () -> new CsvTable(List.of("a", "b")).row(List.of(1)));
    }
}
