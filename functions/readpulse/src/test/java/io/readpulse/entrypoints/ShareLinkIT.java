package io.readpulse.entrypoints;

import static io.readpulse.entrypoints.ReportsAuthIT.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.admin.Admin;
import io.readpulse.admin.KeyAdminCommands;
import io.readpulse.admin.LinkAdminCommands;
import io.readpulse.model.Site;
import io.readpulse.store.dynamodb.DynamoApiKeyStore;
import io.readpulse.store.dynamodb.DynamoShareLinkStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.testkit.MutableClock;
import io.readpulse.testkit.ReadpulseTable;
import io.readpulse.testkit.RealEngineTest;
import io.readpulse.testkit.ReportEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Share links ({@code admin link create}): a token in the dashboard URL's fragment that reads one
 * site's reports until it expires or is revoked, stored only as a hash, and never logged.
 */
class ShareLinkIT extends RealEngineTest {
    MutableClock clock;
    ByteArrayOutputStream adminOutput;
    Admin admin;
    ReportsHandler reports;

    @BeforeEach
    void twoSites() {
        clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
        DynamoSiteStore sites = new DynamoSiteStore(dynamo, table);
        sites.save(new Site("demo-news", "Demo News", List.of("news.example"), new byte[32]));
        sites.save(new Site("other-news", "Other News", List.of("other.example"), new byte[32]));
        adminOutput = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(adminOutput, true, StandardCharsets.UTF_8);
        admin = new Admin(sites, null, new KeyAdminCommands(sites, new DynamoApiKeyStore(dynamo, table), clock, out),
                new LinkAdminCommands(sites, new DynamoShareLinkStore(dynamo, table), clock, out), null, null, null, out);
        reports = new ReportsHandler(environment(), dynamo, clock);
    }

    @Test
    void aLinkIsTheDashboardWithAReadOnlyTokenInItsFragment() {
        String url = createLink("demo-news", "30d", "--label", "board meeting");
        assertTrue(url.startsWith("http://localhost:3000/dashboard/?site=demo-news#token=rps.demo-news."), url);
        String token = token(url);
        assertEquals(200, reports.handle(ReportEvents.get("demo-news", "top", token)).statusCode());
        assertEquals(200, reports.handle(ReportEvents.get("demo-news", "site", token, "compare", "previous")).statusCode());
        assertEquals(200, reports.handle(ReportEvents.get("demo-news", "top", token, "format", "csv")).statusCode());

        String deployed = createLink("demo-news", "12h", "--dashboard", "https://dashboard.news.example/");
        assertTrue(deployed.startsWith("https://dashboard.news.example/?site=demo-news#token=rps."), deployed);
        assertEquals(2, admin.run("link", "create", "demo-news", "--expires", "30d", "--dashboard", "http://dashboard.news.example/"),
                "a token is not sent to a plain-http dashboard");
        assertEquals(2, admin.run("link", "create", "demo-news", "--expires", "400d"));
        assertEquals(2, admin.run("link", "create", "demo-news"), "a link always expires");
        assertEquals(1, admin.run("link", "create", "no-such-site", "--expires", "1d"));
    }

    @Test
    void aTokenForOneSiteCannotReadAnother() {
        String token = token(createLink("demo-news", "30d"));
        assertError(reports.handle(ReportEvents.get("other-news", "top", token)), 403, "link_for_another_site", "authorization");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = token(createLink("demo-news", "2h"));
        assertEquals(200, reports.handle(ReportEvents.get("demo-news", "top", token)).statusCode());
        clock.advance(Duration.ofHours(2));
        assertError(reports.handle(ReportEvents.get("demo-news", "top", token)), 401, "link_expired", "authorization");
        adminOutput.reset();
        admin.run("link", "list", "demo-news");
        assertTrue(adminOutput.toString(StandardCharsets.UTF_8).contains("\texpired\t"), adminOutput.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRevokedTokenIsRefused() {
        String url = createLink("demo-news", "30d");
        String token = token(url);
        String linkId = token.split("\\.")[2];
        assertEquals(0, admin.run("link", "revoke", "demo-news", linkId));
        assertError(reports.handle(ReportEvents.get("demo-news", "top", token)), 401, "link_revoked", "authorization");
        assertEquals(1, admin.run("link", "revoke", "demo-news", linkId), "revoked once only");
        adminOutput.reset();
        admin.run("link", "list", "demo-news");
        assertTrue(adminOutput.toString(StandardCharsets.UTF_8).startsWith(linkId + "\trevoked "), adminOutput.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aTokenWithOneCharacterChangedIsRefused() {
        String token = token(createLink("demo-news", "30d"));
        String[] parts = token.split("\\.");
        // The last character of the secret, a character of the expiry (a later one), and of the link id.
        String secretChanged = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        String expiryChanged = String.join(".", parts[0], parts[1], parts[2], Long.toString(Long.parseLong(parts[3]) + 86_400), parts[4]);
        String idChanged = String.join(".", parts[0], parts[1], parts[2].substring(0, 7) + (parts[2].endsWith("a") ? "b" : "a"), parts[3], parts[4]);
        for (String altered : List.of(secretChanged, expiryChanged, idChanged)) {
            assertError(reports.handle(ReportEvents.get("demo-news", "top", altered)), 401, "invalid_link", "authorization");
        }
        assertEquals(200, reports.handle(ReportEvents.get("demo-news", "top", token)).statusCode());
    }

    @Test
    void aTokenOpensOnlyTheReportGetRoutes() {
        String token = token(createLink("demo-news", "30d"));
        ObjectNode post = ReportEvents.get("demo-news", "top", token);
        ((ObjectNode) post.path("requestContext").path("http")).put("method", "POST");
        assertEquals(405, reports.handle(post).statusCode());
        assertError(reports.handle(ReportEvents.get("demo-news", "top", "rpk." + token.substring(4))), 401, "invalid_key", "authorization");
        adminOutput.reset();
        admin.run("key", "list", "demo-news");
        assertEquals("", adminOutput.toString(StandardCharsets.UTF_8), "a link is not listed as a key");
    }

    @Test
    void onlyAHashIsStoredAndTheTokenIsNeverLogged() {
        String token = token(createLink("demo-news", "30d"));
        String secret = token.substring(token.lastIndexOf('.') + 1);
        ReadpulseTable.snapshot(dynamo, table).values()
                .forEach(item -> assertFalse(item.toString().contains(secret), "stored: " + item));

        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(logs, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            reports.handle(ReportEvents.get("demo-news", "top", token));
            reports.handle(ReportEvents.get("other-news", "top", token));
            reports.handle(ReportEvents.get("demo-news", "top", token.substring(0, token.length() - 1) + "x"));
            clock.advance(Duration.ofDays(31));
            reports.handle(ReportEvents.get("demo-news", "top", token));
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
        }
        String logged = logs.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("\"status\":200") && logged.contains("\"status\":403") && logged.contains("\"status\":401"), logged);
        assertTrue(logged.contains("\"linkId\":\"" + token.split("\\.")[2] + "\""), "the link's id names it: " + logged);
        assertFalse(logged.contains(secret), logged);
        assertFalse(logged.contains(secret.substring(0, 12)), logged);
        assertFalse(logged.contains("rps."), logged);
    }

    private String createLink(String site, String expires, String... more) {
        adminOutput.reset();
        List<String> words = new java.util.ArrayList<>(List.of("link", "create", site, "--expires", expires));
        words.addAll(List.of(more));
        assertEquals(0, admin.run(words.toArray(String[]::new)), adminOutput.toString(StandardCharsets.UTF_8));
        String[] lines = adminOutput.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertTrue(lines[0].contains("shown this once"), lines[0]);
        return lines[lines.length - 1].trim();
    }

    private static String token(String url) {
        return url.substring(url.indexOf("#token=") + "#token=".length());
    }
}
