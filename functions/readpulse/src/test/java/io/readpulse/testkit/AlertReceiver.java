package io.readpulse.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.net.ssl.SSLSocketFactory;

/**
 * A real HTTP(S) receiver of alerts on loopback (the JDK's server): it records every request and
 * answers what its {@code judge} says, or what was queued with {@link #thenAnswer} and
 * {@link #thenHang}. HTTPS uses a self-signed certificate for one host name, which
 * {@link #trustingIt()} trusts and nothing else does.
 */
public final class AlertReceiver implements AutoCloseable {
    /** One request as it arrived; header names lower-cased. */
    public record Received(String method, String path, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final SSLSocketFactory trusting;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Object> queued = new ArrayDeque<>();
    private volatile Function<Received, Integer> judge = request -> 200;

    private AlertReceiver(HttpServer server, SSLSocketFactory trusting) {
        this.server = server;
        this.trusting = trusting;
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public static AlertReceiver http() {
        try {
            return new AlertReceiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HTTPS with a certificate for {@code host} only, self-signed, made with the JDK's keytool in {@code dir}. */
    public static AlertReceiver https(String host, Path dir) {
        SelfSignedCertificate certificate = SelfSignedCertificate.forHost(host, dir);
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
            return new AlertReceiver(server, certificate.trustingIt());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Trusts this receiver's certificate only. */
    public SSLSocketFactory trustingIt() {
        return trusting;
    }

    /** Decides the status of every request not answered from the queue (200 until set). */
    public AlertReceiver judge(Function<Received, Integer> judge) {
        this.judge = judge;
        return this;
    }

    public synchronized AlertReceiver thenAnswer(int status) {
        queued.add(status);
        return this;
    }

    /** The next request gets no answer for this long. */
    public synchronized AlertReceiver thenHang(Duration duration) {
        queued.add(duration);
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
                exchange.getRequestBody().readAllBytes());
        received.add(request);
        Object next;
        synchronized (this) {
            next = queued.poll();
        }
        if (next instanceof Duration hang) {
            try {
                Thread.sleep(hang.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        int status = next instanceof Integer queuedStatus ? queuedStatus : judge.apply(request);
        byte[] body = (status < 300 ? "ok" : "refused").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
