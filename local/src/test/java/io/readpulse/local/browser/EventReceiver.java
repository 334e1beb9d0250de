package io.readpulse.local.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The widget's API origin in tests that look at what the box reports: a real HTTP server on a free
 * loopback port. {@code POST /v1/events} is recorded and answered {@code 202} (collect itself does
 * not take the box's event types yet); a list request is passed on to the runner's real API, or
 * answered with a list of the test's own; {@code /img/...} answers a small image and
 * {@code /story/...} a plain page, each after a delay the test chooses.
 */
final class EventReceiver implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"180\">"
            + "<rect width=\"320\" height=\"180\" fill=\"#3a7bd5\"/><circle cx=\"160\" cy=\"90\" r=\"50\" fill=\"#f4d03f\"/></svg>";

    /** Every request in arrival order, as {@code METHOD path}. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** The bodies of {@code POST /v1/events}, in arrival order. */
    final List<String> events = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final String upstream;
    private volatile String list;
    private volatile long listDelayMillis;
    private volatile long imageDelayMillis;

    private EventReceiver(String upstream) {
        this.upstream = upstream;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Passes list requests on to the API at {@code upstream}, such as the runner's base URL. */
    static EventReceiver forwardingTo(String upstream) {
        return new EventReceiver(upstream);
    }

    /** Answers every list request with what {@link #answer(String)} set last (an empty list at first). */
    static EventReceiver answeringLists() {
        EventReceiver receiver = new EventReceiver(null);
        receiver.list = "{\"items\":[],\"domains\":[]}";
        return receiver;
    }

    EventReceiver answer(String json) {
        list = json;
        return this;
    }

    EventReceiver delayingLists(long millis) {
        listDelayMillis = millis;
        return this;
    }

    EventReceiver delayingImages(long millis) {
        imageDelayMillis = millis;
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The event bodies of one type, such as {@code "impression"}. */
    List<String> events(String type) {
        return events.stream().filter(body -> body.contains("\"type\":\"" + type + "\"")).toList();
    }

    /** The paths and queries of the list requests, in arrival order. */
    List<String> listRequests() {
        return requests.stream().filter(request -> request.startsWith("GET /v1/")).map(request -> request.substring(4)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().toString();
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(exchange.getRequestMethod() + " " + path);
            exchange.getResponseHeaders().add("access-control-allow-origin", "*");
            if (exchange.getRequestMethod().equals("POST") && path.equals("/v1/events")) {
                events.add(new String(body, StandardCharsets.UTF_8));
                respond(exchange, 202, "application/json", "{\"accepted\":1,\"bots\":0}");
            } else if (path.startsWith("/v1/")) {
                pause(listDelayMillis);
                if (list != null) {
                    respond(exchange, 200, "application/json", list);
                } else {
                    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(upstream + path)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    respond(exchange, answer.statusCode(), "application/json", answer.body());
                }
            } else if (path.startsWith("/img/")) {
                pause(imageDelayMillis);
                respond(exchange, 200, "image/svg+xml", SVG);
            } else if (path.startsWith("/story/")) {
                respond(exchange, 200, "text/html; charset=utf-8", "<!doctype html><title>Story " + path.substring(7) + "</title><h1>A story</h1>");
            } else {
                respond(exchange, 404, "text/plain", "not here");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", type);
        exchange.getResponseHeaders().add("cache-control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream output = exchange.getResponseBody()) {
            output.write(bytes);
        }
    }

    private static void pause(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
