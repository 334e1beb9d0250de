package io.readpulse.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.readpulse.observe.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one HTTP entry of the runner. A request that matches a route of the template becomes a
 * payload 2.0 event for that route's function, as API Gateway would send it; any other request is
 * a file of {@code web/}.
 */
final class ApiGateway implements HttpHandler {
    /** API Gateway HTTP APIs refuse larger payloads. */
    private static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private final Routes routes;
    private final StaticFiles files;
    private final Clock clock;

    ApiGateway(Routes routes, StaticFiles files, Clock clock) {
        this.routes = routes;
        this.files = files;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            write(exchange, answerAnything(exchange));
        } catch (IOException clientGone) {
            Log.info("response not delivered", "path", exchange.getRequestURI().getRawPath(), "reason", clientGone.getMessage());
        }
    }

    /**
     * Every request gets an HTTP answer: a URL that cannot be read is a JSON 400, and a failure of
     * the runner itself a 500 (an exception escaping here would make the JDK's server drop the
     * connection without a word).
     */
    private HttpApiEvents.Response answerAnything(HttpExchange exchange) throws IOException {
        try {
            return answer(exchange);
        } catch (HttpApiEvents.MalformedUrlException malformed) {
            return malformed.response();
        } catch (RuntimeException bug) {
            Log.error("the local runner failed to answer; answering 500", bug, "path", exchange.getRequestURI().getRawPath());
            return HttpApiEvents.internalError();
        }
    }

    private HttpApiEvents.Response answer(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String method = exchange.getRequestMethod();
        Routes.Match match = routes.match(method, uri.getRawPath());
        boolean staticRequest = match == null || match.route().path().equals(LocalTemplate.HttpRoute.DEFAULT_ROUTE);
        if (staticRequest && (method.equals("GET") || method.equals("HEAD"))) {
            HttpApiEvents.Response file = files.serve(uri.getRawPath());
            if (file != null) {
                return file;
            }
        }
        if (match == null) {
            return HttpApiEvents.notFound();
        }
        if (!match.function().available()) {
            return HttpApiEvents.notImplemented(match.function().name(), match.function().unavailableReason());
        }
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            return new HttpApiEvents.Response(413, Map.of("content-type", List.of("application/json")),
                    "{\"message\":\"Request Entity Too Large\"}".getBytes(StandardCharsets.UTF_8));
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach(headers::put);
        HttpApiEvents.Request request = new HttpApiEvents.Request(method, uri.getRawPath(), uri.getRawQuery(), headers, body,
                exchange.getRemoteAddress().getAddress().getHostAddress(), clock.instant());
        try {
            return HttpApiEvents.response(match.function().invoke(HttpApiEvents.event(request, match).toString()));
        } catch (LocalFunction.FunctionError failure) {
            Log.error("function failed; API Gateway answers 500", failure.getCause(), "function", match.function().name());
            return HttpApiEvents.internalError();
        }
    }

    private static byte[] readBody(InputStream input) throws IOException {
        byte[] body = input.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static void write(HttpExchange exchange, HttpApiEvents.Response response) throws IOException {
        response.headers().forEach((name, values) -> values.forEach(value -> exchange.getResponseHeaders().add(name, value)));
        boolean noBody = exchange.getRequestMethod().equals("HEAD") || response.status() == 204 || response.status() == 304;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length == 0 ? -1 : response.body().length);
        if (!noBody && response.body().length > 0) {
            try (OutputStream output = exchange.getResponseBody()) {
                output.write(response.body());
            }
        }
    }
}
