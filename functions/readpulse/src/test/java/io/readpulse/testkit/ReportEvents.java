package io.readpulse.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.admin.KeyAdminCommands;
import io.readpulse.store.dynamodb.DynamoApiKeyStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Reports requests, made from the sample event {@code events/reports-top.json} with another path,
 * query and key; and keys to send, made with the admin command's {@code key create}.
 */
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

    /** A new key for {@code site}, as {@code key create} prints it. */
    public static String createKey(DynamoDbClient dynamo, String table, Clock clock, String site) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = new KeyAdminCommands(new DynamoSiteStore(dynamo, table), new DynamoApiKeyStore(dynamo, table), clock,
                new PrintStream(output, true, StandardCharsets.UTF_8)).run(List.of("create", site));
        String[] lines = output.toString(StandardCharsets.UTF_8).trim().split("\n");
        if (exit != 0) {
            throw new IllegalStateException("key create refused: " + String.join("\n", lines));
        }
        return lines[lines.length - 1].trim();
    }
}
