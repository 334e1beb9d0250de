package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.admin.Admin;
import io.readpulse.admin.KeyAdminCommands;
import io.readpulse.auth.ApiKeyAuthenticator;
import io.readpulse.config.Environment;
import io.readpulse.http.HttpApiResponse;
import io.readpulse.model.Site;
import io.readpulse.store.dynamodb.DynamoApiKeyStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.MutableClock;
import io.readpulse.testkit.ReadpulseTable;
import io.readpulse.testkit.RealEngineTest;
import io.readpulse.testkit.ReportEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Who may read a site's reports: 401 without a valid key, 403 with another site's, and keys stored only as hashes. */
class ReportsAuthIT extends RealEngineTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    MutableClock clock;
    DynamoSiteStore sites;
    KeyAdminCommands keyCommands;
    ByteArrayOutputStream adminOutput;
    String demoKey;
    String otherKey;

    @BeforeEach
    void twoSitesWithAKeyEach() {
        clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
        sites = new DynamoSiteStore(dynamo, table);
        sites.save(new Site("demo-news", "Demo News", List.of("news.example"), new byte[32]));
        sites.save(new Site("other-news", "Other News", List.of("other.example"), new byte[32]));
        adminOutput = new ByteArrayOutputStream();
        keyCommands = new KeyAdminCommands(sites, new DynamoApiKeyStore(dynamo, table), clock,
                new PrintStream(adminOutput, true, StandardCharsets.UTF_8));
        demoKey = createKey("demo-news", "newsroom dashboard");
        otherKey = createKey("other-news", "other newsroom");
    }

    @Test
    void noKeyIsUnauthorized() {
        HttpApiResponse response = handler().handle(ReportEvents.get("demo-news", "top", null));
        assertError(response, 401, "missing_key", "authorization");
        assertEquals("Bearer realm=\"readpulse-reports\"", response.headers().get("www-authenticate"));
    }

    @Test
    void aBadKeyIsUnauthorized() {
        ReportsHandler handler = handler();
        String wrongSecret = demoKey.substring(0, demoKey.length() - 4) + (demoKey.endsWith("AAAA") ? "BBBB" : "AAAA");
        String unknownId = "rpk.demo-news.zzzzzzzz." + demoKey.substring(demoKey.lastIndexOf('.') + 1);
        for (String bad : List.of("nonsense", wrongSecret, unknownId, demoKey + "x")) {
            assertError(handler.handle(ReportEvents.get("demo-news", "top", bad)), 401, "invalid_key", "authorization");
        }
        var basic = Fixtures.withHeader(ReportEvents.get("demo-news", "top", null), "authorization", "Basic " + demoKey);
        assertError(handler.handle(basic), 401, "invalid_key", "authorization");
    }

    @Test
    void anotherSitesKeyIsForbidden() {
        HttpApiResponse response = handler().handle(ReportEvents.get("demo-news", "top", otherKey));
        assertError(response, 403, "key_for_another_site", "authorization");
        assertEquals(200, handler().handle(ReportEvents.get("other-news", "top", otherKey)).statusCode());
    }

    @Test
    void theSitesOwnKeyIsServed() {
        assertEquals(200, handler().handle(ReportEvents.get("demo-news", "top", demoKey)).statusCode());
        assertEquals(200, handler().handle(ReportEvents.get("demo-news", "now", demoKey)).statusCode());
    }

    @Test
    void aRevokedKeyIsRefusedOnceTheInstanceCacheExpires() {
        ReportsHandler warm = handler();
        assertEquals(200, warm.handle(ReportEvents.get("demo-news", "top", demoKey)).statusCode());
        String keyId = demoKey.split("\\.")[2];
        assertEquals(0, keyCommands.run(List.of("revoke", "demo-news", keyId)));

        assertError(handler().handle(ReportEvents.get("demo-news", "top", demoKey)), 401, "invalid_key", "authorization");
        clock.advance(ApiKeyAuthenticator.POSITIVE_CACHE_TTL.minusSeconds(1));
        assertEquals(200, warm.handle(ReportEvents.get("demo-news", "top", demoKey)).statusCode(),
                "an instance that checked the key within the cache time still accepts it");
        clock.advance(Duration.ofSeconds(2));
        assertError(warm.handle(ReportEvents.get("demo-news", "top", demoKey)), 401, "invalid_key", "authorization");
        assertEquals(1, keyCommands.run(List.of("revoke", "demo-news", keyId)), "a revoked key cannot be revoked again");
    }

    @Test
    void onlyAHashOfEachKeyIsStoredAndTheKeyIsShownOnlyAtCreation() {
        String secret = demoKey.substring(demoKey.lastIndexOf('.') + 1);
        ReadpulseTable.snapshot(dynamo, table).values().forEach(item -> assertFalse(mentions(item, secret), "stored: " + item));

        adminOutput.reset();
        Admin admin = new Admin(sites, null, keyCommands, null, null, new PrintStream(adminOutput, true, StandardCharsets.UTF_8));
        assertEquals(0, admin.run("key", "list", "demo-news"));
        String listing = adminOutput.toString(StandardCharsets.UTF_8);
        assertTrue(listing.startsWith(demoKey.split("\\.")[2] + "\tactive\t"), listing);
        assertTrue(listing.contains("newsroom dashboard"));
        assertFalse(listing.contains(secret));

        assertEquals(1, admin.run("key", "create", "no-such-site"));
        assertEquals(2, admin.run("key", "create"));
    }

    @Test
    void logsNeverCarryTheKey() {
        PrintStream original = System.out;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        System.setOut(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            handler().handle(ReportEvents.get("demo-news", "top", demoKey));
            handler().handle(ReportEvents.get("demo-news", "top", otherKey));
        } finally {
            System.setOut(original);
        }
        String logged = logs.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("\"status\":200") && logged.contains("\"status\":403"), logged);
        assertFalse(logged.contains(demoKey.substring(demoKey.lastIndexOf('.') + 1)));
        assertFalse(logged.contains(otherKey.substring(otherKey.lastIndexOf('.') + 1)));
    }

    @Test
    void corsHonoursTheAllowedOrigins() {
        HttpApiResponse preflight = handler().handle(Fixtures.event("reports-preflight.json"));
        assertEquals(204, preflight.statusCode());
        assertEquals("*", preflight.headers().get("access-control-allow-origin"));
        assertTrue(preflight.headers().get("access-control-allow-headers").contains("authorization"));

        Map<String, String> variables = new HashMap<>(environment().variables());
        variables.put(Environment.REPORTS_ALLOWED_ORIGINS, "https://dashboard.news.example, https://editors.news.example");
        ReportsHandler narrowed = new ReportsHandler(new Environment(variables), dynamo, clock);
        assertEquals("https://dashboard.news.example",
                narrowed.handle(Fixtures.event("reports-preflight.json")).headers().get("access-control-allow-origin"));
        HttpApiResponse allowed = narrowed.handle(ReportEvents.get("demo-news", "top", demoKey));
        assertEquals("https://dashboard.news.example", allowed.headers().get("access-control-allow-origin"));
        HttpApiResponse elsewhere = narrowed.handle(Fixtures.withHeader(ReportEvents.get("demo-news", "top", demoKey), "origin", "https://evil.example"));
        assertNull(elsewhere.headers().get("access-control-allow-origin"));
    }

    private ReportsHandler handler() {
        return new ReportsHandler(environment(), dynamo, clock);
    }

    private String createKey(String site, String label) {
        adminOutput.reset();
        assertEquals(0, keyCommands.run(List.of("create", site, "--label", label)));
        String[] lines = adminOutput.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertTrue(lines[0].contains("shown this once"), lines[0]);
        return lines[lines.length - 1].trim();
    }

    private static boolean mentions(Map<String, AttributeValue> item, String text) {
        return item.toString().contains(text) || item.values().stream()
                .anyMatch(value -> value.b() != null && new String(value.b().asByteArray(), StandardCharsets.ISO_8859_1).contains(text));
    }

    static void assertError(HttpApiResponse response, int status, String code, String field) {
        assertEquals(status, response.statusCode(), response.body());
        try {
            JsonNode error = MAPPER.readTree(response.body()).get("error");
            assertEquals(code, error.get("code").asText(), response.body());
            assertEquals(field, error.get("field").asText(), response.body());
            assertFalse(error.get("message").asText().isBlank());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
