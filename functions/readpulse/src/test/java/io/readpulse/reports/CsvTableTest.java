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

    @Test
    void aRowMustFitTheHeader() {
        assertThrows(IllegalArgumentException.class, () -> new CsvTable(List.of("a", "b")).row(List.of(1)));
    }
}
