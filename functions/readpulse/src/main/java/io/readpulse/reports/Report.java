package io.readpulse.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A computed report, which every route can give as JSON or as CSV. */
public sealed interface Report permits SeriesReport, TopReport, SectionsReport, ReferrersReport, NowReport, DimensionReport,
        ReportComparison, RecirculationReport {
    ObjectNode toJson(ObjectMapper mapper);

    CsvTable toCsv();

    /** A file name for the CSV download, without the extension: site, report and range. */
    String fileName();
}
