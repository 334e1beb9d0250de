package io.readpulse.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.model.Site;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fetcher against real servers on loopback: what it fetches, and what it refuses before connecting. */
class PageFetcherIT {
    private static final Site SITE = new Site("demo-news", "The Demo Courier", List.of("news.example"), new byte[16]);
    private static final String PAGE = "<!doctype html><html><head><title>Summit</title></head><body>caf\u00e9</body></html>";
    /** Local mode, with limits short enough for tests. */
    private static final FetchPolicy LOCAL = new FetchPolicy(true, Duration.ofSeconds(1), Duration.ofSeconds(2), 2 * 1024 * 1024, 3);
    private static final HostResolver DNS = FakeDns.loopback("news.example", "www.news.example", "elsewhere.example");

    private final RecordingServer site = new RecordingServer();

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void fetchesAPageInLocalMode() {
        site.on("/world/summit.html", exchange -> {
            byte[] latin1 = PAGE.getBytes(StandardCharsets.ISO_8859_1);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=\"ISO-8859-1\"");
            exchange.sendResponseHeaders(200, latin1.length);
            exchange.getResponseBody().write(latin1);
        });
        URI url = site.url("news.example", "/world/summit.html?x=1");

        FetchOutcome outcome = new PageFetcher(LOCAL, DNS).fetch(url, SITE);

        assertEquals(new FetchOutcome.Page(url, PAGE), outcome);
        RecordingServer.Request request = site.requests().get(0);
        assertEquals(new RecordingServer.Request("/world/summit.html?x=1", "news.example:" + site.port(),
                PageFetcher.USER_AGENT, "identity", "close"), request);
    }

    @Test
    void withoutAContentTypeThePageIsTakenAsUtf8Html() {
        site.page("/p", 200, null, PAGE);
        assertEquals(new FetchOutcome.Page(site.url("news.example", "/p"), PAGE),
                new PageFetcher(LOCAL, DNS).fetch(site.url("news.example", "/p"), SITE));
    }

    @Test
    void aChunkedPageIsDecoded() {
        site.on("/chunked", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/xhtml+xml");
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            for (String part : List.of("<html><body>", "x".repeat(20_000), "</body></html>")) {
                body.write(part.getBytes(StandardCharsets.UTF_8));
                body.flush();
            }
        });
        FetchOutcome outcome = new PageFetcher(LOCAL, DNS).fetch(site.url("news.example", "/chunked"), SITE);
        assertEquals("<html><body>" + "x".repeat(20_000) + "</body></html>", ((FetchOutcome.Page) outcome).html());
    }

    @Test
    void loopbackIsRefusedInProductionWithoutConnecting() {
        site.page("/p", 200, "text/html", PAGE);
        FetchOutcome outcome = new PageFetcher(FetchPolicy.production(), DNS).fetch(site.url("news.example", "/p"), SITE);
        assertFailed("address_not_allowed", outcome);
        assertEquals(List.of(), site.requests());
    }

    @Test
    void aLoopbackLiteralIsRefusedInProductionWithoutConnecting() {
        Site onLoopback = new Site("demo-news", "The Demo Courier", List.of("127.0.0.1"), new byte[16]);
        site.page("/p", 200, "text/html", PAGE);
        // The system resolver: a literal address is parsed, not looked up.
        FetchOutcome outcome = new PageFetcher(FetchPolicy.production()).fetch(site.url("127.0.0.1", "/p"), onLoopback);
        assertFailed("address_not_allowed", outcome);
        assertEquals(List.of(), site.requests());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.5", "169.254.169.254", "fd00:ec2::254", "127.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe"})
    void aSiteDomainResolvingToAPrivateAddressIsRefused(String address) {
        HostResolver dns = FakeDns.of(Map.of("news.example", List.of(address)));
        assertFailed("address_not_allowed", new PageFetcher(FetchPolicy.production(), dns).fetch(URI.create("http://news.example/p"), SITE));
        if (!address.equals("127.0.0.1")) {
            assertFailed("address_not_allowed", new PageFetcher(FetchPolicy.local(), dns).fetch(URI.create("http://news.example/p"), SITE));
        }
    }

    @Test
    void oneRefusedAddressAmongPublicOnesRefusesTheHost() {
        for (List<String> answer : List.of(List.of("93.184.216.34", "10.0.0.5"), List.of("169.254.169.254", "93.184.216.34"),
                List.of("2606:2800:220:1:248:1893:25c8:1946", "fd00:ec2::254"))) {
            HostResolver dns = FakeDns.of(Map.of("news.example", answer));
            FetchOutcome outcome = new PageFetcher(FetchPolicy.production(), dns).fetch(URI.create("https://news.example/p"), SITE);
            assertFailed("address_not_allowed", outcome);
        }
    }

    @Test
    void urlsThatAreNotHttpOnTheSiteAreRefusedBeforeAnyLookup() {
        HostResolver noLookups = host -> {
            throw new AssertionError("looked up " + host);
        };
        PageFetcher fetcher = new PageFetcher(FetchPolicy.production(), noLookups);
        assertFailed("not_http", fetcher.fetch(URI.create("ftp://news.example/p"), SITE));
        assertFailed("not_http", fetcher.fetch(URI.create("file:///etc/passwd"), SITE));
        assertFailed("not_http", fetcher.fetch(URI.create("mailto:desk@news.example"), SITE));
        assertFailed("off_site", fetcher.fetch(URI.create("http://elsewhere.example/p"), SITE));
        assertFailed("off_site", fetcher.fetch(URI.create("http://news.example.elsewhere.example/p"), SITE));
        assertFailed("invalid_url", fetcher.fetch(URI.create("http://news.example@elsewhere.example/p"), SITE));
        assertFailed("invalid_url", fetcher.fetch(URI.create("http:///p"), SITE));
    }

    @Test
    void onlyPorts80And443OutsideLocalMode() {
        HostResolver publicDns = FakeDns.of(Map.of("news.example", List.of("93.184.216.34")));
        assertFailed("port_not_allowed", new PageFetcher(FetchPolicy.production(), publicDns).fetch(URI.create("http://news.example:8080/p"), SITE));
        assertFailed("port_not_allowed", new PageFetcher(FetchPolicy.production(), publicDns).fetch(URI.create("https://news.example:22/p"), SITE));
    }

    @Test
    void aNameThatDoesNotResolveIsUnresolvable() {
        assertFailed("unresolvable", new PageFetcher(LOCAL, FakeDns.of(Map.of())).fetch(URI.create("http://news.example/p"), SITE));
        assertFailed("unresolvable", new PageFetcher(LOCAL, FakeDns.of(Map.of("news.example", List.of()))).fetch(URI.create("http://news.example/p"), SITE));
    }

    @Test
    void aRedirectOffTheSiteIsNotFollowed() {
        try (RecordingServer elsewhere = new RecordingServer()) {
            elsewhere.page("/landing", 200, "text/html", PAGE);
            site.redirect("/moved", 302, elsewhere.url("elsewhere.example", "/landing").toString());
            site.redirect("/ftp", 301, "ftp://news.example/p");
            site.redirect("/literal", 301, "http://127.0.0.1:" + elsewhere.port() + "/landing");
            PageFetcher fetcher = new PageFetcher(LOCAL, DNS);

            assertFailed("redirect_off_site", fetcher.fetch(site.url("news.example", "/moved"), SITE));
            assertFailed("redirect_off_site", fetcher.fetch(site.url("news.example", "/ftp"), SITE));
            assertFailed("redirect_off_site", fetcher.fetch(site.url("news.example", "/literal"), SITE));
            assertEquals(List.of(), elsewhere.requests());
        }
    }

    @Test
    void redirectsWithinTheSiteAreFollowedAndEachHopIsChecked() {
        site.redirect("/a", 301, site.url("www.news.example", "/b").toString());
        site.redirect("/b", 302, "/c?step=3");
        site.redirect("/c", 307, "d");
        site.page("/d", 200, "text/html", PAGE);

        FetchOutcome outcome = new PageFetcher(LOCAL, DNS).fetch(site.url("news.example", "/a"), SITE);

        assertEquals(new FetchOutcome.Page(site.url("www.news.example", "/d"), PAGE), outcome);
        assertEquals(List.of("/a", "/b", "/c?step=3", "/d"), site.targets());
        assertEquals("www.news.example:" + site.port(), site.requests().get(3).host());
    }

    @Test
    void eachHopIsResolvedOnceAndTheConnectionMadeToTheCheckedAddress() {
        site.redirect("/a", 301, site.url("www.news.example", "/b").toString());
        site.page("/b", 200, "text/html", PAGE);
        List<String> lookups = new CopyOnWriteArrayList<>();
        HostResolver counting = host -> {
            lookups.add(host);
            return DNS.resolve(host);
        };
        assertTrue(new PageFetcher(LOCAL, counting).fetch(site.url("news.example", "/a"), SITE) instanceof FetchOutcome.Page);
        assertEquals(List.of("news.example", "www.news.example"), lookups);
    }

    @Test
    void aRedirectToANameOnTheSiteThatResolvesPrivatelyIsRefused() {
        site.redirect("/a", 301, "http://internal.news.example:" + site.port() + "/admin");
        HostResolver dns = FakeDns.of(Map.of("news.example", List.of("127.0.0.1"), "internal.news.example", List.of("10.0.0.5")));
        FetchPolicy loopbackOnly = new FetchPolicy(true, Duration.ofSeconds(1), Duration.ofSeconds(2), 1024, 3);
        assertFailed("address_not_allowed", new PageFetcher(loopbackOnly, dns).fetch(site.url("news.example", "/a"), SITE));
        assertEquals(List.of("/a"), site.targets());
    }

    @Test
    void moreThanThreeRedirectsAreTooMany() {
        site.redirect("/r1", 301, "/r2");
        site.redirect("/r2", 302, "/r3");
        site.redirect("/r3", 303, "/r4");
        site.redirect("/r4", 308, "/page");
        site.page("/page", 200, "text/html", PAGE);

        assertFailed("too_many_redirects", new PageFetcher(LOCAL, DNS).fetch(site.url("news.example", "/r1"), SITE));
        assertEquals(List.of("/r1", "/r2", "/r3", "/r4"), site.targets());
    }

    @Test
    void anOversizedStreamedPageIsCutOffQuickly() {
        site.on("/huge", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, 0);
            byte[] block = new byte[64 * 1024];
            Arrays.fill(block, (byte) 'x');
            OutputStream body = exchange.getResponseBody();
            for (int i = 0; i < 160; i++) {
                body.write(block);
            }
        });
        long start = System.nanoTime();
        FetchOutcome outcome = new PageFetcher(LOCAL, DNS).fetch(site.url("news.example", "/huge"), SITE);
        assertFailed("too_large", outcome);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0);
    }

    @Test
    void anOversizedContentLengthIsRefusedWithoutReadingTheBody() throws IOException {
        try (RawServer huge = new RawServer(connection -> {
            readRequest(connection);
            connection.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10485760\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(5_000);
        })) {
            // No body ever comes: had the fetcher waited for it, the answer would be a timeout after 2 s.
            long start = System.nanoTime();
            assertFailed("too_large", new PageFetcher(LOCAL, DNS).fetch(URI.create("http://news.example:" + huge.port() + "/"), SITE));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(1500)) < 0);
        }
    }

    @Test
    void aPageTricklingInIsCutOffAtTheDeadline() throws IOException {
        try (RawServer slow = new RawServer(connection -> {
            readRequest(connection);
            OutputStream out = connection.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            while (true) {
                out.write('x');
                out.flush();
                Thread.sleep(300);
            }
        })) {
            FetchPolicy oneSecond = new FetchPolicy(true, Duration.ofSeconds(1), Duration.ofSeconds(1), 2 * 1024 * 1024, 3);
            long start = System.nanoTime();
            assertFailed("timeout", new PageFetcher(oneSecond, DNS).fetch(URI.create("http://news.example:" + slow.port() + "/"), SITE));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofMillis(1500)) < 0, "took " + took);
            assertTrue(took.compareTo(Duration.ofMillis(900)) > 0, "took " + took);
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        try (RawServer silent = new RawServer(connection -> Thread.sleep(5_000))) {
            FetchPolicy halfSecond = new FetchPolicy(true, Duration.ofSeconds(1), Duration.ofMillis(500), 1024, 3);
            long start = System.nanoTime();
            assertFailed("timeout", new PageFetcher(halfSecond, DNS).fetch(URI.create("http://news.example:" + silent.port() + "/"), SITE));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(1500)) < 0);
            assertEquals(1, silent.connections());
        }
    }

    @Test
    void theDeadlineCoversEveryRedirect() {
        for (String hop : List.of("/s1", "/s2", "/s3")) {
            site.on(hop, exchange -> {
                sleep(400);
                exchange.getResponseHeaders().set("Location", hop.equals("/s3") ? "/end" : "/s" + (hop.charAt(2) - '0' + 1));
                exchange.sendResponseHeaders(302, -1);
            });
        }
        site.page("/end", 200, "text/html", PAGE);
        FetchPolicy oneSecond = new FetchPolicy(true, Duration.ofSeconds(1), Duration.ofSeconds(1), 1024, 3);
        assertFailed("timeout", new PageFetcher(oneSecond, DNS).fetch(site.url("news.example", "/s1"), SITE));
    }

    @Test
    void aPageThatIsNotHtmlIsRefused() {
        site.page("/data.json", 200, "application/json", "{}");
        site.page("/image", 200, "image/svg+xml", "<svg/>");
        assertFailed("not_html", new PageFetcher(LOCAL, DNS).fetch(site.url("news.example", "/data.json"), SITE));
        assertFailed("not_html", new PageFetcher(LOCAL, DNS).fetch(site.url("news.example", "/image"), SITE));
    }

    @Test
    void anErrorStatusIsAFailure() {
        site.page("/gone", 410, "text/html", PAGE);
        site.on("/no-location", exchange -> exchange.sendResponseHeaders(301, -1));
        assertFailed("http_status", new PageFetcher(LOCAL, DNS).fetch(site.url("news.example", "/missing"), SITE));
        assertFailed("http_status", new PageFetcher(LOCAL, DNS).fetch(site.url("news.example", "/gone"), SITE));
        assertFailed("http_status", new PageFetcher(LOCAL, DNS).fetch(site.url("news.example", "/no-location"), SITE));
    }

    @Test
    void aPortWithNoServerIsConnectFailed() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        assertFailed("connect_failed", new PageFetcher(LOCAL, DNS).fetch(URI.create("http://news.example:" + port + "/"), SITE));
    }

    @Test
    void garbageInsteadOfHttpIsMalformed() throws IOException {
        try (RawServer garbage = new RawServer(connection -> {
            readRequest(connection);
            connection.getOutputStream().write("SSH-2.0-OpenSSH_9.6\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            assertFailed("malformed_response", new PageFetcher(LOCAL, DNS).fetch(URI.create("http://news.example:" + garbage.port() + "/"), SITE));
        }
    }

    @Test
    void anEndlessHeaderBlockIsTooLarge() throws IOException {
        try (RawServer headers = new RawServer(connection -> {
            readRequest(connection);
            OutputStream out = connection.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 10_000; i++) {
                out.write(("X-Header-" + i + ": padding\r\n").getBytes(StandardCharsets.US_ASCII));
            }
        })) {
            assertFailed("too_large", new PageFetcher(LOCAL, DNS).fetch(URI.create("http://news.example:" + headers.port() + "/"), SITE));
        }
    }

    private static void assertFailed(String code, FetchOutcome outcome) {
        assertTrue(outcome instanceof FetchOutcome.Failed failed && failed.code().equals(code), () -> "expected " + code + ", got " + outcome);
    }

    /** Reads up to the blank line that ends the fetcher's request. */
    private static void readRequest(Socket connection) throws IOException {
        InputStream in = connection.getInputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int next = in.read();
            if (next < 0) {
                return;
            }
            matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
