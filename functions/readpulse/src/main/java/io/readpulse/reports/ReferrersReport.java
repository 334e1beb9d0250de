package io.readpulse.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.model.ReferrerClass;
import java.util.List;
import java.util.Map;

/**
 * Where the views of the site, or of one article, came from over the range's whole days: per
 * referrer class, and the top referring hosts. Each day keeps its biggest hosts by name (100 for
 * the site, 20 per article) and sums the rest, which this report gives as {@code otherHosts}.
 *
 * @param articleId the article the report is narrowed to, or null for the whole site
 */
public record ReferrersReport(String site, String articleId, ReportRange range, Map<String, Long> classes,
                              List<Host> hosts, long otherHosts) implements Report {
    static final String OTHER_HOSTS_ROW = "(other hosts)";

    public record Host(String host, long views) {
    }

    @Override
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("site", site);
        root.put("article", articleId);
        range.writeTo(root);
        ObjectNode classNode = root.putObject("classes");
        for (ReferrerClass referrerClass : ReferrerClass.values()) {
            classNode.put(referrerClass.wireName(), classes.getOrDefault(referrerClass.wireName(), 0L));
        }
        ArrayNode hostList = root.putArray("hosts");
        for (Host host : hosts) {
            ObjectNode node = hostList.addObject();
            node.put("host", host.host());
            node.put("views", host.views());
        }
        root.put("otherHosts", otherHosts);
        return root;
    }

    @Override
    public CsvTable toCsv() {
        CsvTable table = new CsvTable(List.of("kind", "name", "views"));
        for (ReferrerClass referrerClass : ReferrerClass.values()) {
            table.row(List.of("class", referrerClass.wireName(), classes.getOrDefault(referrerClass.wireName(), 0L)));
        }
        for (Host host : hosts) {
            table.row(List.of("host", host.host(), host.views()));
        }
        table.row(List.of("host", OTHER_HOSTS_ROW, otherHosts));
        return table;
    }

    @Override
    public String fileName() {
        return ReportOutput.fileName(site, articleId == null ? "referrers" : "referrers-" + articleId, range);
    }
}
