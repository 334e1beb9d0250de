package io.readpulse.alerts;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * The first check of a destination URL, on its text alone: https, or http to loopback for local
 * tests; a host and no user info or fragment. Where the host's addresses lead is checked when the
 * destination is added and again, address by address, at every delivery ({@code CheckedConnector}).
 */
public final class DestinationUrl {
    public static final int MAX_LENGTH = 2_000;
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private DestinationUrl() {
    }

    /** @throws IllegalArgumentException saying what is wrong, without echoing the URL (it may be a secret) */
    public static URI parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the URL is over " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the URL must name a host, and carry no user info and no fragment");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (scheme.equals("http") && LOOPBACK_NAMES.contains(host)) {
            return uri;
        }
        if (!scheme.equals("https")) {
            throw new IllegalArgumentException("the URL must be https (http only to localhost, for local tests)");
        }
        return uri;
    }

    /** An https URL's port, or http's for loopback. */
    public static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    public static String host(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
}
