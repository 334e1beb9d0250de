package io.readpulse.http;

import java.nio.charset.StandardCharsets;
import io.readpulse.model.TrackedEvent;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * The reader's address, and country. API Gateway's source address is the connection's: the reader's when the
 * page calls the API directly, CloudFront's when the distribution forwards the request. Then
 * CloudFront names the reader in {@code CloudFront-Viewer-Address} ({@code 203.0.113.7:50123}, or
 * {@code [2001:db8::1]:50123}), and that header is believed only when the request also carries the
 * secret the distribution adds ({@code X-Readpulse-Edge}): anyone can send the header itself.
 * CloudFront's {@code CloudFront-Viewer-Country} is believed by the same rule, and a country is never
 * derived from an address here.
 */
public final class ViewerAddress {
    static final String EDGE_HEADER = "x-readpulse-edge";
    static final String VIEWER_HEADER = "cloudfront-viewer-address";
    static final String COUNTRY_HEADER = "cloudfront-viewer-country";
    static final String UNKNOWN_COUNTRY = TrackedEvent.UNKNOWN_COUNTRY;

    private final byte[] edgeSecret;

    /** @param edgeSecret the distribution's header value, or null or empty when there is no distribution in front */
    public ViewerAddress(String edgeSecret) {
        this.edgeSecret = edgeSecret == null || edgeSecret.isBlank() ? null : edgeSecret.getBytes(StandardCharsets.UTF_8);
    }

    public String of(HttpApiRequest request) {
        String viewer = request.header(VIEWER_HEADER);
        if (viewer == null || !fromEdge(request)) {
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

    /**
     * The reader's country as CloudFront names it (ISO 3166-1 alpha-2, upper case), or "unknown":
     * without a distribution in front, without its secret, or with a value that is not two letters.
     */
    public String countryOf(HttpApiRequest request) {
        String country = request.header(COUNTRY_HEADER);
        if (country == null || !fromEdge(request)) {
            return UNKNOWN_COUNTRY;
        }
        String code = country.trim().toUpperCase(Locale.ROOT);
        boolean twoLetters = code.length() == 2 && code.chars().allMatch(c -> c >= 'A' && c <= 'Z');
        return twoLetters ? code : UNKNOWN_COUNTRY;
    }

    /** Whether the request carries the distribution's secret, so that its CloudFront headers are CloudFront's. */
    private boolean fromEdge(HttpApiRequest request) {
        String proof = request.header(EDGE_HEADER);
        return edgeSecret != null && proof != null && MessageDigest.isEqual(edgeSecret, proof.getBytes(StandardCharsets.UTF_8));
    }
}
