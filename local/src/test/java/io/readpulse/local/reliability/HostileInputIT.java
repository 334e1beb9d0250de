package io.readpulse.local.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.local.LocalReadpulse;
import io.readpulse.testkit.ReadpulseTable;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The corpus of hostile requests in {@code hostile-requests.json}, for every route, sent over HTTP
 * to the local runner: each must get a 4xx with a JSON error, never a 5xx or a stack trace, and
 * must write nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Pattern REPEAT = Pattern.compile("\\{\\{REPEAT (\\d+) ([^}]*)}}");

    LocalReadpulse local;
    HttpClient http;
    String validKey;
    String otherSiteKey;

    @BeforeAll
    void start() {
        local = LocalReadpulse.start(LocalReadpulse.Options.forTests());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        validKey = createdKey(LocalReadpulse.DEMO_SITE);
        local.admin("site", "create", "other-news", "--domain", "other.example");
        otherSiteKey = createdKey("other-news");
    }

    @AfterAll
    void stop() {
        local.close();
    }

    static Stream<JsonNode> corpus() throws Exception {
        try (InputStream in = HostileInputIT.class.getResourceAsStream("/hostile-requests.json")) {
            List<JsonNode> cases = new ArrayList<>();
            MAPPER.readTree(in).get("cases").forEach(cases::add);
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aHostileRequestGetsA4xxJsonErrorAndWritesNothing(JsonNode hostile) throws Exception {
        Map<String, Map<String, AttributeValue>> before = ReadpulseTable.snapshot(local.dynamo(), local.table());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(local.baseUrl() + expand(hostile.get("path").asText())))
                .timeout(Duration.ofSeconds(30));
        hostile.path("headers").properties().forEach(header -> request.header(header.getKey(), header.getValue().asText()));
        switch (hostile.path("auth").asText()) {
            case "valid" -> request.header("authorization", "Bearer " + validKey);
            case "other" -> request.header("authorization", "Bearer " + otherSiteKey);
            default -> { }
        }
        byte[] body = hostile.has("bodyBase64") ? Base64.getDecoder().decode(hostile.get("bodyBase64").asText())
                : hostile.has("body") ? expand(hostile.get("body").asText()).getBytes(java.nio.charset.StandardCharsets.UTF_8) : null;
        request.method(hostile.get("method").asText(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));

        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        String name = hostile.get("name").asText();
        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, name + ": " + response.statusCode() + " " + response.body());
        JsonNode json = MAPPER.readTree(response.body());
        assertTrue(json.has("error") || json.has("message"), name + ": a JSON error, not " + response.body());
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat ") || response.body().contains("io.readpulse."),
                name + ": no stack trace or class names in " + response.body());
        assertEquals(before, ReadpulseTable.snapshot(local.dynamo(), local.table()), name + ": nothing is written");
    }

    private String createdKey(String site) {
        String output = local.admin("key", "create", site, "--label", "hostile-input test");
        Matcher key = Pattern.compile("rpk\\.[a-z0-9-]+\\.[A-Za-z0-9]+\\.[A-Za-z0-9_-]+").matcher(output);
        assertTrue(key.find(), "the admin command printed a key: " + output);
        return key.group();
    }

    static String expand(String template) {
        Matcher repeat = REPEAT.matcher(template);
        StringBuilder expanded = new StringBuilder();
        while (repeat.find()) {
            repeat.appendReplacement(expanded, Matcher.quoteReplacement(repeat.group(2).repeat(Integer.parseInt(repeat.group(1)))));
        }
        repeat.appendTail(expanded);
        return expanded.toString();
    }
}
