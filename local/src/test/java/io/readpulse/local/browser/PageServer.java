package io.readpulse.local.browser;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A second web server on a free loopback port that serves one HTML page: a publisher's page on
 * its own origin, for tests that need the page somewhere other than the runner.
 */
public final class PageServer implements AutoCloseable {
    private final HttpServer server;

    private PageServer(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code html} at every path. */
    public static PageServer serving(String html) {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/", exchange -> {
                try (exchange; OutputStream output = exchange.getResponseBody()) {
                    exchange.getResponseHeaders().add("content-type", "text/html; charset=utf-8");
                    exchange.sendResponseHeaders(200, body.length);
                    output.write(body);
                }
            });
            server.start();
            return new PageServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's base URL, such as {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
