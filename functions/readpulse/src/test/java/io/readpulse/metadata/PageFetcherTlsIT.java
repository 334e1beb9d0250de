package io.readpulse.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.readpulse.model.Site;
import io.readpulse.testkit.SelfSignedCertificate;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.StandardConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS to the address the fetcher checked: the certificate is still verified against the host
 * name, and the name goes out as SNI. The server's certificate names news.example only and is
 * self-signed; the fetcher under test trusts it, and nothing else, through its injected factory.
 */
class PageFetcherTlsIT {
    private static final Site SITE = new Site("demo-news", "The Demo Courier", List.of("news.example"), new byte[16]);
    private static final FetchPolicy LOCAL = new FetchPolicy(true, Duration.ofSeconds(1), Duration.ofSeconds(3), 1024 * 1024, 3);
    private static final HostResolver DNS = FakeDns.loopback("news.example", "www.news.example");
    private static final String PAGE = "<!doctype html><title>Summit</title>";

    private static HttpsServer server;
    private static SSLSocketFactory trustingTheSite;
    private static final List<String> serverNames = new CopyOnWriteArrayList<>();
    private static final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void serveWithASelfSignedCertificate(@TempDir Path dir) throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.forHost("news.example", dir);
        SSLContext serverContext = certificate.serverContext();
        trustingTheSite = certificate.trustingIt();

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = serverContext.getDefaultSSLParameters();
                ssl.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
                    @Override
                    public boolean matches(SNIServerName name) {
                        serverNames.add(new String(name.getEncoded(), StandardCharsets.US_ASCII));
                        return true;
                    }
                }));
                parameters.setSSLParameters(ssl);
            }
        });
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void fetchesOverTlsWithTheHostNameAsSni() {
        URI url = url("news.example");
        FetchOutcome outcome = new PageFetcher(LOCAL, DNS, trustingTheSite).fetch(url, SITE);
        assertEquals(new FetchOutcome.Page(url, PAGE), outcome);
        assertTrue(serverNames.contains("news.example"), serverNames::toString);
    }

    @Test
    void aCertificateForAnotherNameIsRefused() {
        int before = requests.get();
        FetchOutcome outcome = new PageFetcher(LOCAL, DNS, trustingTheSite).fetch(url("www.news.example"), SITE);
        assertEquals("tls_failed", ((FetchOutcome.Failed) outcome).code(), outcome::toString);
        assertEquals(before, requests.get());
    }

    @Test
    void anUntrustedCertificateIsRefused() {
        int before = requests.get();
        FetchOutcome outcome = new PageFetcher(LOCAL, DNS).fetch(url("news.example"), SITE);
        assertEquals("tls_failed", ((FetchOutcome.Failed) outcome).code(), outcome::toString);
        assertEquals(before, requests.get());
    }

    private static URI url(String host) {
        return URI.create("https://" + host + ":" + server.getAddress().getPort() + "/world/summit.html");
    }
}
