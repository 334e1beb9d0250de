package io.readpulse.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseReaderTest {
    private static final int MAX_HEADER = 256;
    private static final int MAX_BODY = 64;

    @Test
    void readsAContentLengthBody() throws Exception {
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello and more");
        ResponseReader.Head head = reader.readHead();
        assertEquals(200, head.status());
        assertEquals("text/html", head.header("content-type"));
        assertEquals("hello", body(reader, head));
    }

    @Test
    void readsAChunkedBodyWithExtensionsAndTrailers() throws Exception {
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: yes\r\n\r\n");
        assertEquals("hello 0123456789", body(reader, reader.readHead()));
    }

    @Test
    void chunkedWinsOverContentLength() throws Exception {
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        assertEquals("abc", body(reader, reader.readHead()));
    }

    @Test
    void withoutFramingTheBodyRunsToTheEndOfTheConnection() throws Exception {
        ResponseReader reader = reader("HTTP/1.0 200 OK\nContent-Type: text/html\n\nall of it\nuntil close");
        assertEquals("all of it\nuntil close", body(reader, reader.readHead()));
    }

    @Test
    void aTransferCodingOtherThanChunkedLastIsReadToTheEnd() throws Exception {
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, identity\r\n\r\n3\r\nabc");
        assertEquals("3\r\nabc", body(reader, reader.readHead()));
    }

    @Test
    void interimResponsesAreSkipped() throws Exception {
        ResponseReader reader = reader("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
                + "HTTP/1.1 301 Moved Permanently\r\nLocation: /next\r\nLocation: /other\r\n\r\n");
        ResponseReader.Head head = reader.readHead();
        assertEquals(301, head.status());
        assertEquals("/next", head.header("location"));
        assertEquals(List.of("/next", "/other"), head.headers().get("location"));
    }

    @Test
    void aBodyOfExactlyTheLimitIsRead() throws Exception {
        String body = "x".repeat(MAX_BODY);
        ResponseReader close = reader("HTTP/1.1 200 OK\r\n\r\n" + body);
        assertEquals(body, body(close, close.readHead()));
        ResponseReader chunked = reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n37\r\n" + "x".repeat(55) + "\r\n0\r\n\r\n");
        // The size lines count too: 4 + 55 + 2 + 3 bytes.
        assertEquals("x".repeat(55), body(chunked, chunked.readHead()));
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() throws Exception {
        assertFailure("too_large", "HTTP/1.1 200 OK\r\n\r\n" + "x".repeat(MAX_BODY + 1));
        assertFailure("too_large", "HTTP/1.1 200 OK\r\nContent-Length: 65\r\n\r\n");
        assertFailure("too_large", "HTTP/1.1 200 OK\r\nContent-Length: 999999999999999999\r\n\r\n");
        assertFailure("too_large", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n" + "x".repeat(64) + "\r\n1\r\nx\r\n0\r\n\r\n");
        assertFailure("too_large", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF\r\n");
    }

    @Test
    void aHeaderBlockOverTheLimitIsTooLarge() {
        FetchFailure failure = assertThrows(FetchFailure.class,
                () -> reader("HTTP/1.1 200 OK\r\nX-Padding: " + "p".repeat(MAX_HEADER) + "\r\n\r\n").readHead());
        assertEquals("too_large", failure.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "garbage\r\n\r\n",
        "HTTP/2 200\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 0x10\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-Folded: a\r\n b\r\n\r\n",
        "HTTP/1.1 200 OK\r\nBad Name: a\r\n\r\n",
        "HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Type: text/html",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabc",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"})
    void aMalformedResponseIsRefused(String response) throws Exception {
        assertFailure("malformed_response", response);
    }

    private static void assertFailure(String code, String response) throws Exception {
        ResponseReader reader = reader(response);
        FetchFailure failure = assertThrows(FetchFailure.class, () -> reader.readBody(reader.readHead()));
        assertEquals(code, failure.code(), failure.getMessage());
    }

    private static String body(ResponseReader reader, ResponseReader.Head head) throws IOException, FetchFailure {
        return new String(reader.readBody(head), StandardCharsets.ISO_8859_1);
    }

    private static ResponseReader reader(String response) {
        return new ResponseReader(new ByteArrayInputStream(response.getBytes(StandardCharsets.ISO_8859_1)), MAX_HEADER, MAX_BODY);
    }
}
