package io.readpulse.local;

import io.readpulse.observe.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The runner's port. It hands every request on to the JDK's HttpServer (which listens on another
 * loopback port) byte for byte, except one whose request line the JDK would refuse before any
 * handler sees it: a target that is not a valid URI ({@code ?from=%zz}, a raw {@code <}), or a
 * line without a target. The JDK answers those with an HTML page naming
 * {@code URISyntaxException}; this answers them with the JSON 400 the handlers give
 * ({@link HttpApiEvents#malformedUrl}) and closes the connection.
 *
 * <p>To find each request line on a kept-alive connection it follows the framing of request
 * bodies (Content-Length, chunked). Anything it cannot frame is passed through untouched for the
 * rest of the connection, and the JDK server does what it always did. Responses are not read at all.
 */
final class HttpFront implements AutoCloseable {
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    private final ServerSocket listener;
    private final InetSocketAddress backend;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private HttpFront(ServerSocket listener, InetSocketAddress backend) {
        this.listener = listener;
        this.backend = backend;
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "readpulse-http-front");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Listens on {@code address} and passes requests on to the HTTP server at {@code backend}. */
    static HttpFront start(InetSocketAddress address, InetSocketAddress backend) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(address, 64);
        HttpFront front = new HttpFront(listener, backend);
        front.threads.execute(front::acceptLoop);
        return front;
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        open.forEach(HttpFront::closeQuietly);
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                client.setTcpNoDelay(true);
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    Log.error("the runner's port stopped accepting", e);
                }
                return;
            }
        }
    }

    /** One client connection: requests go to the backend as they came, responses come back as they are. */
    private void serve(Socket client) {
        Socket server = new Socket();
        open.add(client);
        open.add(server);
        AtomicBoolean answering = new AtomicBoolean();
        CountDownLatch responsesDone = new CountDownLatch(1);
        try {
            server.setTcpNoDelay(true);
            server.connect(backend);
            InputStream fromServer = server.getInputStream();
            OutputStream toClient = client.getOutputStream();
            threads.execute(() -> {
                try {
                    fromServer.transferTo(toClient);
                } catch (IOException gone) {
                    // either side went away: the connection ends
                } finally {
                    responsesDone.countDown();
                    if (!answering.get()) {
                        closeQuietly(client);
                        closeQuietly(server);
                    }
                }
            });
            Malformed malformed = relayRequests(client.getInputStream(), server.getOutputStream());
            if (malformed == null) {
                server.shutdownOutput();
                return;
            }
            // Let the backend finish what it was answering, then answer this request in turn.
            answering.set(true);
            server.shutdownOutput();
            responsesDone.await(30, TimeUnit.SECONDS);
            HttpApiEvents.Response response = HttpApiEvents.malformedUrl(malformed.field(), malformed.message());
            toClient.write(raw(response));
            toClient.flush();
            closeQuietly(client);
            closeQuietly(server);
        } catch (IOException gone) {
            closeQuietly(client);
            closeQuietly(server);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(client);
            closeQuietly(server);
        } finally {
            open.remove(client);
            open.remove(server);
        }
    }

    private record Malformed(String field, String message) {
    }

    /**
     * Copies requests from the client to the server, one at a time, until the client is done
     * (null) or sends a request line the server would refuse (that request, not copied).
     */
    private static Malformed relayRequests(InputStream in, OutputStream out) throws IOException {
        while (true) {
            byte[] head = readHead(in);
            if (head == null) {
                return null;
            }
            if (head.length > MAX_HEAD_BYTES || indexOf(head, HEAD_END) < 0) {
                out.write(head);
                in.transferTo(out);
                return null;
            }
            String text = new String(head, StandardCharsets.ISO_8859_1);
            int lineStart = 0;
            while (text.startsWith("\r\n", lineStart)) {
                lineStart += 2;
            }
            if (lineStart == text.length()) {
                // Blank lines before a request line, which servers skip.
                out.write(head);
                continue;
            }
            String requestLine = text.substring(lineStart, text.indexOf("\r\n", lineStart));
            Malformed malformed = check(requestLine);
            if (malformed != null) {
                return malformed;
            }
            out.write(head);
            out.flush();
            if (!relayBody(text, in, out)) {
                in.transferTo(out);
                return null;
            }
        }
    }

    /** The request line as the JDK's HttpServer reads it: method, space, target, space, version; the target a URI. */
    static Malformed check(String requestLine) {
        int start = requestLine.indexOf(' ');
        int space = start < 0 ? -1 : requestLine.indexOf(' ', start + 1);
        if (space < 0) {
            return new Malformed("path", "the request line is not 'METHOD target HTTP/version'");
        }
        String target = requestLine.substring(start + 1, space);
        try {
            new URI(target);
            return null;
        } catch (URISyntaxException e) {
            int query = target.indexOf('?');
            int at = e.getIndex();
            if (query < 0 || at <= query) {
                return new Malformed("path", "the path is not a valid URL" + ESCAPING);
            }
            int from = Math.max(target.lastIndexOf('&', at), query) + 1;
            int to = target.indexOf('&', at);
            String parameter = target.substring(from, to < 0 ? target.length() : to);
            int equals = parameter.indexOf('=');
            String name = equals > 0 && at > from + equals ? decoded(parameter.substring(0, equals)) : null;
            return name == null
                    ? new Malformed("query", "a query parameter's name is not valid URL encoding" + ESCAPING)
                    : new Malformed(name, "the value of the query parameter '" + name + "' is not valid URL encoding" + ESCAPING);
        }
    }

    private static final String ESCAPING = ": a % must start a %XX escape, and spaces, quotes and brackets must be escaped";

    /** The parameter's name, if it decodes to something printable; else null. */
    private static String decoded(String name) {
        try {
            String decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
            return decoded.isEmpty() || decoded.length() > 100 || !decoded.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '<' && c != '>')
                    ? null : decoded;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Reads up to the blank line that ends a request head; null when the client closed before a request. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int matched = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return head.size() == 0 ? null : head.toByteArray();
            }
            head.write(b);
            matched = b == HEAD_END[matched] ? matched + 1 : b == '\r' ? 1 : 0;
            if (matched == HEAD_END.length || head.size() > MAX_HEAD_BYTES) {
                return head.toByteArray();
            }
        }
    }

    /** Copies the body the head announces; false when the framing is not one this can follow. */
    private static boolean relayBody(String head, InputStream in, OutputStream out) throws IOException {
        String transferEncoding = null;
        String contentLength = null;
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("transfer-encoding")) {
                transferEncoding = transferEncoding == null ? value : transferEncoding + "," + value;
            } else if (name.equals("content-length")) {
                if (contentLength != null && !contentLength.equals(value)) {
                    return false;
                }
                contentLength = value;
            }
        }
        if (transferEncoding != null) {
            return transferEncoding.toLowerCase(Locale.ROOT).trim().endsWith("chunked") && relayChunks(in, out);
        }
        if (contentLength == null) {
            return true;
        }
        long length;
        try {
            length = Long.parseLong(contentLength);
        } catch (NumberFormatException e) {
            return false;
        }
        if (length < 0) {
            return false;
        }
        return copy(in, out, length);
    }

    private static boolean relayChunks(InputStream in, OutputStream out) throws IOException {
        while (true) {
            String sizeLine = readLine(in, out);
            if (sizeLine == null) {
                return false;
            }
            int extension = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
            } catch (NumberFormatException e) {
                return false;
            }
            if (size < 0) {
                return false;
            }
            if (size == 0) {
                while (true) {
                    String trailer = readLine(in, out);
                    if (trailer == null) {
                        return false;
                    }
                    if (trailer.isEmpty()) {
                        out.flush();
                        return true;
                    }
                }
            }
            if (!copy(in, out, size)) {
                return false;
            }
            String end = readLine(in, out);
            if (end == null || !end.isEmpty()) {
                return false;
            }
        }
    }

    /** Reads and forwards one CRLF-terminated line; returns it without the CRLF, or null at the end of input or when too long. */
    private static String readLine(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(16);
        int previous = -1;
        while (line.size() <= 8192) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            out.write(b);
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
        return null;
    }

    private static boolean copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                out.flush();
                return false;
            }
            out.write(buffer, 0, read);
            left -= read;
        }
        out.flush();
        return true;
    }

    private static byte[] raw(HttpApiEvents.Response response) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(response.status()).append(" Bad Request\r\n");
        response.headers().forEach((name, values) -> values.forEach(value -> head.append(name).append(": ").append(value).append("\r\n")));
        head.append("content-length: ").append(response.body().length).append("\r\nconnection: close\r\n\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(response.body());
        return bytes.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing
        }
    }
}
