package io.readpulse.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.model.ArticleMeta;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Pieces of report output that several reports share. */
final class ReportOutput {
    private ReportOutput() {
    }

    /** An article's title, URL, section and published time, as the page last reported them; nulls when unknown. */
    static void writeMeta(ObjectNode node, ArticleMeta meta) {
        node.put("title", meta == null ? null : meta.title());
        node.put("url", meta == null ? null : meta.url());
        node.put("sectionName", meta == null ? null : meta.section());
        node.put("publishedAt", meta == null || meta.publishedAt() == null ? null : meta.publishedAt().toString());
        ArrayNode authors = node.putArray("authors");
        ArrayNode tags = node.putArray("tags");
        if (meta != null) {
            meta.authors().forEach(authors::add);
            meta.tags().forEach(tags::add);
        }
    }

    static String fileName(String site, String subject, ReportRange range) {
        LocalDate first = LocalDate.ofInstant(range.from(), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(range.to().minusSeconds(1), ZoneOffset.UTC);
        return site + "-" + subject + "-" + first + "-to-" + last;
    }
}
