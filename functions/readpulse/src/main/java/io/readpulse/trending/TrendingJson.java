package io.readpulse.trending;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** The public JSON of a list, the stable shape widgets read. */
public final class TrendingJson {
    private TrendingJson() {
    }

    /**
     * @param list the stored list, or null when the site has none yet (an empty list is answered)
     * @param siteDomains used when there is no list: the domains a widget may link to
     */
    public static ObjectNode render(JsonNodeFactory nodes, TrendingRequest request, TrendingList list, List<String> siteDomains) {
        ObjectNode root = nodes.objectNode();
        root.put("site", request.site());
        root.put("section", request.section());
        // Named only when asked for, so every other answer keeps its bytes (and its ETag).
        if (request.author() != null) {
            root.put("author", request.author());
            root.put("authorName", list == null ? null : list.scopeName());
        }
        if (request.tag() != null) {
            root.put("tag", request.tag());
            root.put("tagName", list == null ? null : list.scopeName());
        }
        root.put("mode", request.mode().wireName());
        root.put("window", request.window().wireName());
        root.put("limit", request.limit());
        root.put("generatedAt", list == null ? null : list.generatedAt().toString());
        ArrayNode domains = root.putArray("domains");
        (list == null ? siteDomains : list.siteDomains()).forEach(domains::add);
        ArrayNode items = root.putArray("items");
        if (list != null) {
            list.entries().stream().limit(request.limit()).forEach(entry -> items.add(entry(nodes, entry)));
        }
        return root;
    }

    private static ObjectNode entry(JsonNodeFactory nodes, TrendingEntry entry) {
        ObjectNode node = nodes.objectNode();
        node.put("rank", entry.rank());
        node.put("id", entry.articleId());
        node.put("title", entry.title());
        node.put("url", entry.url());
        node.put("section", entry.sectionName());
        node.put("sectionSlug", entry.sectionSlug());
        node.put("image", entry.image());
        node.put("publishedAt", iso(entry.publishedAt()));
        node.put("pinned", entry.pinned());
        node.put("score", round(entry.score()));
        ScoreBreakdown why = entry.breakdown();
        ObjectNode breakdown = node.putObject("breakdown");
        breakdown.put("reads", round(why.reads()));
        breakdown.put("shares", round(why.shares()));
        breakdown.put("engagedMinutes", round(why.engagedMinutes()));
        breakdown.put("floodFactor", round(why.floodFactor()));
        breakdown.put("recentReads", why.recentReads());
        breakdown.put("visitors", why.visitors());
        RisingRule.Verdict rising = why.rising();
        if (rising != null) {
            ObjectNode verdict = breakdown.putObject("rising");
            verdict.put("rising", rising.rising());
            verdict.put("expectedReads", round(rising.expected()));
            verdict.put("growth", round(rising.growth()));
            verdict.put("significance", round(rising.significance()));
            verdict.put("swing", round(rising.swing()));
            verdict.put("baselineReadsPerDay", round(rising.baselineReadsPerDay()));
            if (rising.baseline() != null) {
                ObjectNode baseline = verdict.putObject("baseline");
                baseline.put("kind", rising.baseline().kind().name());
                baseline.put("text", rising.baseline().text());
            }
        }
        return node;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Two decimals: enough to explain a rank, and identical bytes (so ETags) for identical lists. */
    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
