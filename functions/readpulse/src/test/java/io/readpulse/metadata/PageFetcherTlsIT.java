package io.readpulse.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.readpulse.model.Site;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.TrustManagerFactory;
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
    private static final String PASSWORD = "test-only";
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
        Path store = dir.resolve("site.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "site", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=news.example",
                "-ext", "san=dns:news.example", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), output);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("site", keys.getCertificate("site"));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trustManagers.getTrustManagers(), null);
        trustingTheSite = clientContext.getSocketFactory();

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
