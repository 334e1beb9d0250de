package io.readpulse.metadata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one HTTP/1.1 response from a stream within byte limits: the head (status line and header
 * fields) and then the body, framed by chunked transfer-coding, Content-Length or the end of the
 * connection. Stream code only, so framing is tested without sockets; the caller's stream enforces
 * the time limit. Every limit fails at the first byte past it, without reading on.
 */
public final class ResponseReader {
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([1-5]\\d\\d)(?: .*)?");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");
    private static final int MAX_CHUNK_LINE_BYTES = 4096;

    private final InputStream in;
    private final int maxBodyBytes;
    private final Budget headerBudget;
    private final Budget bodyBudget;

    /**
     * @param maxHeaderBytes for the head, interim responses and chunked trailers together
     * @param maxBodyBytes for the body as it arrives, chunk-size lines included
     */
    public ResponseReader(InputStream in, int maxHeaderBytes, int maxBodyBytes) {
        this.in = in;
        this.maxBodyBytes = maxBodyBytes;
        this.headerBudget = new Budget(maxHeaderBytes, "the header block is over " + maxHeaderBytes + " bytes");
        this.bodyBudget = new Budget(maxBodyBytes, "the body is over " + maxBodyBytes + " bytes");
    }

    /** A response head; header names are lower-cased, values keep their order. */
    public record Head(int status, Map<String, List<String>> headers) {

        /** The first value of the header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }
    }

    /** The final response's head; interim 1xx responses (103 Early Hints) before it are skipped. */
    public Head readHead() throws IOException, FetchFailure {
        while (true) {
            String statusLine = readLine(headerBudget, Integer.MAX_VALUE);
            Matcher status = STATUS_LINE.matcher(statusLine);
            if (!status.matches()) {
                throw malformed("the status line is not HTTP/1.x: " + printable(statusLine));
            }
            Map<String, List<String>> headers = readFields();
            int code = Integer.parseInt(status.group(1));
            if (code >= 200) {
                return new Head(code, headers);
            }
        }
    }

    /** The body of a response whose head was {@code head} (RFC 9112, section 6.3). */
    byte[] readBody(Head head) throws IOException, FetchFailure {
        List<String> transferCodings = head.headers().get("transfer-encoding");
        if (transferCodings != null) {
            String all = String.join(",", transferCodings);
            String last = all.substring(all.lastIndexOf(',') + 1).trim().toLowerCase(Locale.ROOT);
            return last.equals("chunked") ? chunked() : untilClose();
        }
        List<String> lengths = head.headers().get("content-length");
        return lengths == null ? untilClose() : exactly(contentLength(lengths));
    }

    private Map<String, List<String>> readFields() throws IOException, FetchFailure {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        while (true) {
            String line = readLine(headerBudget, Integer.MAX_VALUE);
            if (line.isEmpty()) {
                return fields;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw malformed("folded header lines are obsolete and refused");
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon);
            if (!TOKEN.matcher(name).matches()) {
                throw malformed("not a header field: " + printable(line));
            }
            fields.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>()).add(line.substring(colon + 1).strip());
        }
    }

    private long contentLength(List<String> values) throws FetchFailure {
        long length = -1;
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                String digits = part.strip();
                if (!DIGITS.matcher(digits).matches()) {
                    throw malformed("Content-Length is not a number: " + printable(value));
                }
                long parsed = Long.parseLong(digits);
                if (length >= 0 && parsed != length) {
                    throw malformed("Content-Length values disagree");
                }
                length = parsed;
            }
        }
        if (length > maxBodyBytes) {
            throw new FetchFailure("too_large", "Content-Length " + length + " is over " + maxBodyBytes + " bytes");
        }
        return length;
    }

    private byte[] exactly(long length) throws IOException, FetchFailure {
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw malformed("the body ended after " + body.length + " of its " + length + " bytes");
        }
        return body;
    }

    private byte[] untilClose() throws IOException, FetchFailure {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            bodyBudget.spend(read);
            body.write(buffer, 0, read);
        }
        return body.toByteArray();
    }

    private byte[] chunked() throws IOException, FetchFailure {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(bodyBudget, MAX_CHUNK_LINE_BYTES);
            int extension = sizeLine.indexOf(';');
            long size = chunkSize((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip());
            if (size == 0) {
                while (!readLine(headerBudget, Integer.MAX_VALUE).isEmpty()) {
                    // Trailer fields: nothing in them is used.
                }
                return body.toByteArray();
            }
            bodyBudget.spend(size);
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw malformed("the body ended inside a chunk");
            }
            body.write(chunk);
            if (!readLine(bodyBudget, MAX_CHUNK_LINE_BYTES).isEmpty()) {
                throw malformed("a chunk is longer than its size line says");
            }
        }
    }

    /** The chunk size; one larger than the whole body budget is refused before it can overflow. */
    private long chunkSize(String hex) throws FetchFailure {
        if (hex.isEmpty()) {
            throw malformed("a chunk-size line has no size");
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                throw malformed("a chunk size is not hexadecimal: " + printable(hex));
            }
            size = size * 16 + digit;
            if (size > maxBodyBytes) {
                throw new FetchFailure("too_large", "a chunk is over " + maxBodyBytes + " bytes");
            }
        }
        return size;
    }

    /** One line without its CR LF (a bare LF is accepted too), as ISO-8859-1, its bytes spent from {@code budget}. */
    private String readLine(Budget budget, int maxLength) throws IOException, FetchFailure {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw malformed("the response ended in the middle of a line");
            }
            budget.spend(1);
            if (next == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= maxLength) {
                throw malformed("a line is over " + maxLength + " bytes");
            }
            line.append((char) next);
        }
    }

    private static FetchFailure malformed(String detail) {
        return new FetchFailure("malformed_response", detail);
    }

    /** A server's text for a log line: short, and without control characters. */
    static String printable(String text) {
        String shortened = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }

    /** Bytes left under one limit. */
    private static final class Budget {
        private long left;
        private final String exceeded;

        Budget(long limit, String exceeded) {
            this.left = limit;
            this.exceeded = exceeded;
        }

        void spend(long bytes) throws FetchFailure {
            left -= bytes;
            if (left < 0) {
                throw new FetchFailure("too_large", exceeded);
            }
        }
    }
}
