package io.readpulse.metadata;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A web server on 127.0.0.1 that answers by path and records every request it receives. */
final class RecordingServer implements AutoCloseable {
    /** One request as it arrived: the request target (path and query) and its headers. */
    record Request(String target, String host, String userAgent, String acceptEncoding, String connection) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    RecordingServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            URI uri = exchange.getRequestURI();
            requests.add(new Request(uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestHeaders().getFirst("User-Agent"),
                    exchange.getRequestHeaders().getFirst("Accept-Encoding"), exchange.getRequestHeaders().getFirst("Connection")));
            HttpHandler handler = handlers.get(uri.getRawPath());
            try (exchange) {
                if (handler == null) {
                    respond(exchange, 404, "text/html", "<!doctype html><title>Not found</title>");
                } else {
                    handler.handle(exchange);
                }
            } catch (IOException clientWentAway) {
                // The fetcher stops reading at its limits and closes the connection.
            }
        });
        server.start();
    }

    RecordingServer on(String path, HttpHandler handler) {
        handlers.put(path, handler);
        return this;
    }

    /** Answers {@code path} with this status, content type and body. */
    RecordingServer page(String path, int status, String contentType, String body) {
        return on(path, exchange -> respond(exchange, status, contentType, body));
    }

    RecordingServer redirect(String path, int status, String location) {
        return on(path, exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(status, -1);
        });
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** A URL of this server under a host name the test's resolver maps to 127.0.0.1. */
    URI url(String host, String pathAndQuery) {
        return URI.create("http://" + host + ":" + port() + pathAndQuery);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<String> targets() {
        return requests.stream().map(Request::target).toList();
    }

    static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
