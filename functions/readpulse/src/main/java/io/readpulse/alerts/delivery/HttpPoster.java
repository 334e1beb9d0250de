package io.readpulse.alerts.delivery;

import io.readpulse.alerts.DestinationUrl;
import io.readpulse.metadata.CheckedConnector;
import io.readpulse.metadata.FetchFailure;
import io.readpulse.metadata.ResponseReader;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * One HTTP/1.1 POST of a JSON body to a receiver, through {@link CheckedConnector}: the host is
 * resolved once, every address must be public (loopback too in local mode), and the connection goes
 * to a checked address, TLS verified against the name. Only the response's status is read.
 * Failures name the host, never the URL: a Slack webhook's path is its secret.
 */
final class HttpPoster {
    static final String USER_AGENT = "Readpulse-Alerts/1.0";
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final DeliveryPolicy policy;
    private final CheckedConnector connector;

    HttpPoster(DeliveryPolicy policy, CheckedConnector connector) {
        this.policy = policy;
        this.connector = connector;
    }

    /** @return the response's status */
    int post(URI url, byte[] body, Map<String, String> headers) throws FetchFailure {
        String host = DestinationUrl.host(url);
        int port = DestinationUrl.port(url);
        boolean secure = "https".equalsIgnoreCase(url.getScheme());
        long deadline = System.nanoTime() + policy.deadline().toNanos();
        FetchFailure timedOut = new FetchFailure("timeout", host + " did not answer within " + policy.deadline().toMillis() + " ms");
        List<InetAddress> checked = connector.resolve(host);
        try (Socket socket = connector.connect(host, port, checked, policy.connectTimeout(), deadline, timedOut)) {
            Socket channel = secure ? connector.handshake(socket, host, port, deadline, timedOut) : socket;
            OutputStream out = channel.getOutputStream();
            out.write(request(url, host, port, secure, body, headers));
            out.flush();
            ResponseReader reader = new ResponseReader(new BufferedInputStream(CheckedConnector.deadlineInput(channel, deadline)),
                    MAX_HEADER_BYTES, 0);
            return reader.readHead().status();
        } catch (SocketTimeoutException e) {
            throw timedOut;
        } catch (SSLException e) {
            throw new FetchFailure("tls_failed", "TLS with " + host + " failed: " + e.getMessage());
        } catch (IOException e) {
            throw new FetchFailure("read_failed", "the connection to " + host + " broke: " + e.getMessage());
        }
    }

    private static byte[] request(URI url, String host, int port, boolean secure, byte[] body, Map<String, String> headers) {
        URI ascii = URI.create(url.toASCIIString());
        String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        String target = ascii.getRawQuery() == null ? path : path + "?" + ascii.getRawQuery();
        String hostHeader = (host.contains(":") ? "[" + host + "]" : host) + (port == (secure ? 443 : 80) ? "" : ":" + port);
        StringBuilder head = new StringBuilder("POST ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("User-Agent: ").append(USER_AGENT).append("\r\n")
                .append("Content-Type: application/json; charset=utf-8\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(head.length() + body.length);
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }
}
