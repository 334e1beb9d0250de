package io.readpulse.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * URLs the runner cannot read, written byte for byte on a socket (Java's HTTP client would refuse
 * to send them): each gets the handlers' JSON 400 {@code {"error":{"code","message","field"}}},
 * never the JDK server's HTML page naming URISyntaxException and never a dropped connection. The
 * runner stays usable on the same connection up to it, and afterwards on a new one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedUrlIT {
    static final ObjectMapper MAPPER = new ObjectMapper();

    LocalReadpulse local;
    int port;

    @BeforeAll
    void start() {
        local = LocalReadpulse.start(LocalReadpulse.Options.forTests());
        port = URI.create(local.baseUrl()).getPort();
    }

    @AfterAll
    void stop() {
        local.close();
    }

    @ParameterizedTest(name = "{0} -> field {1}")
    @CsvSource(delimiter = '|', value = {
            "/v1/sites/demo-news/reports/top?from=%zz                  | from",
            "/v1/sites/demo-news/reports/top?sort=views&to=2026-11-2%  | to",
            "/v1/sites/demo-news/trending?mode=<script>                | mode",
            "/v1/sites/demo-news/trending?%zz=1                        | query",
            "/v1/sites/%zz/trending                                    | path",
            "/v1/events?x={}                                           | x",
            "/%00                                                      | path",
            "/dashboard/%00index.html                                  | path",
            "/%zz                                                      | path",
            "/demo/a\"b.html                                           | path",
    })
    void aMalformedUrlGetsTheHandlersJson400(String target, String field) throws IOException {
        Exchange exchange = exchange("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertMalformed(exchange, field, target);
    }

    @Test
    void aNulInARoutesPathIsTheHandlersOwn400() throws IOException {
        Exchange exchange = exchange("GET /v1/sites/%00/trending HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals(400, exchange.status(), exchange.toString());
        JsonNode error = MAPPER.readTree(exchange.body()).path("error");
        assertEquals("site", error.path("field").asText(), exchange.toString());
    }

    @Test
    void aRequestLineWithoutATargetGetsJsonToo() throws IOException {
        Exchange exchange = exchange("GET\r\nHost: localhost\r\n\r\n");
        assertMalformed(exchange, "path", "GET");
    }

    /** Kept-alive: a good request, one with a body, then a malformed one, on one connection, each answered in turn. */
    @Test
    void onAKeptAliveConnectionEarlierRequestsAreAnsweredFirst() throws IOException {
        String body = "{\"site\":\"no-such-site\",\"type\":\"view\"}";
        String requests = "GET /v1/sites/demo-news/trending HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "POST /v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n"
                + "GET /v1/sites/demo-news/reports/top?from=%zz HTTP/1.1\r\nHost: localhost\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            Exchange trending = readResponse(in);
            assertEquals(200, trending.status(), trending.toString());
            Exchange events = readResponse(in);
            assertTrue(events.status() >= 400 && events.status() < 500, events.toString());
            assertTrue(MAPPER.readTree(events.body()).has("error"), events.toString());
            assertMalformed(readResponse(in), "from", "the third request");
            assertEquals(-1, in.read(), "the connection ends after the malformed request");
        }
        assertEquals(200, exchange("GET /v1/sites/demo-news/trending HTTP/1.1\r\nHost: localhost\r\n\r\n").status(),
                "the runner goes on answering");
    }

    private void assertMalformed(Exchange exchange, String field, String what) throws IOException {
        assertEquals(400, exchange.status(), what + ": " + exchange);
        assertTrue(exchange.header("content-type").startsWith("application/json"), what + ": " + exchange);
        JsonNode error = MAPPER.readTree(exchange.body()).path("error");
        assertEquals("malformed_url", error.path("code").asText(), what + ": " + exchange);
        assertEquals(field, error.path("field").asText(), what + ": " + exchange);
        assertFalse(error.path("message").asText().isEmpty(), what + ": " + exchange);
        assertFalse(exchange.body().contains("Exception") || exchange.body().contains("<"), what + ": no HTML, no class names: " + exchange);
    }

    private Exchange exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Exchange exchange = readResponse(socket.getInputStream());
            assertNotNull(exchange, "the connection was dropped without an answer to " + request.lines().findFirst().orElse(""));
            return exchange;
        }
    }

    record Exchange(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name, "");
        }
    }

    /** One HTTP/1.1 response with a Content-Length or chunked body; null if the connection closed first. */
    static Exchange readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
            line(in);
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        }
        return new Exchange(Integer.parseInt(statusLine.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        List<Byte> bytes = new ArrayList<>();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                byte[] array = new byte[bytes.size()];
                for (int i = 0; i < array.length; i++) {
                    array[i] = bytes.get(i);
                }
                String text = new String(array, StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            bytes.add((byte) b);
        }
        return bytes.isEmpty() ? null : "";
    }
}
