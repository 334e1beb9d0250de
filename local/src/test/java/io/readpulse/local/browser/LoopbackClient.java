package io.readpulse.local.browser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 requests to the local runner from a loopback address of the test's choosing, so that
 * several readers can be played from one machine. The runner, like API Gateway, takes a request's
 * source IP from its connection, and a visitor is an address and one of a few browser classes
 * (see {@code VisitorKeys}): readers who share an address and differ only by user agent may well be
 * one visitor. Linux routes the whole of 127.0.0.0/8 to the loopback interface, so a socket bound to
 * 127.0.0.N reaches the runner on 127.0.0.1 and is seen as coming from 127.0.0.N. (The JDK 17
 * HttpClient cannot choose its local address, hence a socket.)
 */
public final class LoopbackClient {
    private static final int TIMEOUT_MILLIS = 30_000;

    /** The status and the body (as UTF-8 text) of a response. */
    public record Response(int status, String body) {
    }

    private LoopbackClient() {
    }

    /** The address of the {@code n}th reader (0 to 239): 127.0.0.10, 127.0.0.11, ... */
    public static String readerAddress(int n) {
        if (n < 0 || n > 239) {
            throw new IllegalArgumentException("readers are numbered 0 to 239: " + n);
        }
        return "127.0.0." + (10 + n);
    }

    /**
     * POSTs {@code body} to {@code url} (on the runner, on loopback) from {@code sourceIp}.
     *
     * @param headers sent as given, besides Host, Content-Length and Connection
     */
    public static Response post(String url, String sourceIp, Map<String, String> headers, String body) {
        URI target = URI.create(url);
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", target.getHost() + ":" + target.getPort());
        all.putAll(headers);
        all.put("Content-Length", Integer.toString(content.length));
        all.put("Connection", "close");
        StringBuilder head = new StringBuilder("POST ").append(target.getRawPath())
                .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery()).append(" HTTP/1.1\r\n");
        all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.bind(new InetSocketAddress(InetAddress.getByName(sourceIp), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target.getPort()), TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + url + " from " + sourceIp + " failed", e);
        }
    }

    private static Response parse(byte[] raw) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            throw new IOException("not an HTTP response: " + new String(raw, StandardCharsets.UTF_8));
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.US_ASCII).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].toLowerCase(Locale.ROOT);
            chunked |= line.startsWith("transfer-encoding:") && line.contains("chunked");
        }
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        return new Response(status, new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(body);
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("truncated chunked body");
                }
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(length));
            in.skip(2);
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        for (int i = 0; i + pattern.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }
}
