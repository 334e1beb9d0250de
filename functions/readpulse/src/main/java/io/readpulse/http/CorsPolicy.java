package io.readpulse.http;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may read a route's responses. Built from a comma-separated list of origins
 * ({@code https://dashboard.example}) or {@code *}. Requests carry keys in a header, never cookies,
 * so {@code *} does not let another page act as the user; a list narrows it to the editors' hosts.
 */
public final class CorsPolicy {
    private static final String ANY = "*";

    private final boolean anyOrigin;
    private final Set<String> origins;
    private final String allowedHeaders;

    private CorsPolicy(boolean anyOrigin, Set<String> origins, String allowedHeaders) {
        this.anyOrigin = anyOrigin;
        this.origins = origins;
        this.allowedHeaders = allowedHeaders;
    }

    /** @param allowedOrigins comma-separated origins, or {@code *}; null or blank means {@code *} */
    public static CorsPolicy of(String allowedOrigins, String allowedHeaders) {
        if (allowedOrigins == null || allowedOrigins.isBlank()) {
            return new CorsPolicy(true, Set.of(), allowedHeaders);
        }
        Set<String> origins = Arrays.stream(allowedOrigins.split(",")).map(String::trim).filter(origin -> !origin.isEmpty())
                .map(origin -> origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin)
                .collect(Collectors.toUnmodifiableSet());
        return new CorsPolicy(origins.contains(ANY), origins, allowedHeaders);
    }

    /** The headers for a response to a request from {@code origin}; none that allow it when it is not listed. */
    public Map<String, String> headersFor(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (anyOrigin) {
            headers.put("access-control-allow-origin", ANY);
        } else {
            headers.put("vary", "origin");
            if (origin != null && origins.contains(origin)) {
                headers.put("access-control-allow-origin", origin);
            }
        }
        headers.put("access-control-expose-headers", "content-disposition");
        return headers;
    }

    /** The answer to a browser's preflight {@code OPTIONS} request. */
    public HttpApiResponse preflight(String origin) {
        Map<String, String> headers = headersFor(origin);
        headers.put("access-control-allow-methods", "GET, OPTIONS");
        headers.put("access-control-allow-headers", allowedHeaders);
        headers.put("access-control-max-age", "600");
        return new HttpApiResponse(204, headers, "");
    }
}
