package io.readpulse.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The reader's address. API Gateway's source address is the connection's: the reader's when the
 * page calls the API directly, CloudFront's when the distribution forwards the request. Then
 * CloudFront names the reader in {@code CloudFront-Viewer-Address} ({@code 203.0.113.7:50123}, or
 * {@code [2001:db8::1]:50123}), and that header is believed only when the request also carries the
 * secret the distribution adds ({@code X-Readpulse-Edge}): anyone can send the header itself.
 */
public final class ViewerAddress {
    static final String EDGE_HEADER = "x-readpulse-edge";
    static final String VIEWER_HEADER = "cloudfront-viewer-address";

    private final byte[] edgeSecret;

    /** @param edgeSecret the distribution's header value, or null or empty when there is no distribution in front */
    public ViewerAddress(String edgeSecret) {
        this.edgeSecret = edgeSecret == null || edgeSecret.isBlank() ? null : edgeSecret.getBytes(StandardCharsets.UTF_8);
    }

    public String of(HttpApiRequest request) {
        if (edgeSecret == null) {
            return request.sourceIp();
        }
        String proof = request.header(EDGE_HEADER);
        String viewer = request.header(VIEWER_HEADER);
        if (proof == null || viewer == null || !MessageDigest.isEqual(edgeSecret, proof.getBytes(StandardCharsets.UTF_8))) {
            return request.sourceIp();
        }
        String address = viewer.trim();
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            return end > 1 ? address.substring(1, end) : request.sourceIp();
        }
        int port = address.lastIndexOf(':');
        return port > 0 && address.indexOf(':') == port ? address.substring(0, port) : address;
    }
}
