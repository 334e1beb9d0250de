package io.readpulse.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reports requests, made from the sample event {@code events/reports-top.json} with another path, query and key. */
public final class ReportEvents {
    private ReportEvents() {
    }

    /**
     * {@code GET /v1/sites/{site}/reports/{report}} as API Gateway delivers it.
     *
     * @param key the API key for the Authorization header, or null for none
     * @param query name, value, name, value...
     */
    public static ObjectNode get(String site, String report, String key, String... query) {
        ObjectNode event = Fixtures.event("reports-top.json");
        String path = "/v1/sites/" + site + "/reports/" + report;
        event.put("rawPath", path);
        ((ObjectNode) event.path("requestContext").path("http")).put("path", path);
        ObjectNode pathParameters = event.putObject("pathParameters");
        pathParameters.put("site", site);
        pathParameters.put("report", report);
        List<String> pairs = new ArrayList<>();
        if (query.length == 0) {
            event.remove("queryStringParameters");
        } else {
            ObjectNode parameters = event.putObject("queryStringParameters");
            for (int i = 0; i + 1 < query.length; i += 2) {
                parameters.put(query[i], query[i + 1]);
                pairs.add(query[i] + "=" + URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8));
            }
        }
        event.put("rawQueryString", String.join("&", pairs));
        Fixtures.withHeader(event, "authorization", key == null ? null : "Bearer " + key);
        return event;
    }
}
