package io.readpulse.metadata;

import io.readpulse.model.Site;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches one article page from a publisher's site, with the guards a crawler needs when anonymous
 * clients name the URLs (server-side request forgery): http(s) on the site's own domains only and,
 * outside local mode, ports 80 and 443 only; every address the host resolves to must be public
 * ({@link AddressPolicy}); one deadline for the whole fetch; bounded headers and body; few
 * redirects, each re-checked like the first URL.
 *
 * <p>It speaks HTTP/1.1 itself over a {@link Socket} because the address check must hold for the
 * connection actually made. The JDK's HttpClient (and URLConnection) resolve the host name again
 * when they connect, so a name with a short TTL could show the check a public address and the
 * connection 169.254.169.254 (DNS rebinding), and neither can be given an address to use while still
 * verifying the TLS certificate against the host name. Here the socket connects to the very address
 * that was checked, and TLS is layered on that socket with SNI set to the host name and endpoint
 * identification "HTTPS", so the certificate is still verified against the name.
 */
public final class PageFetcher {
    /** Sent with every request: a fixed name publishers can recognise and allow-list. */
    public static final String USER_AGENT = "ReadpulseBot/1.0 (+https://github.com/readpulse; article metadata)";
    static final int MAX_HEADER_BYTES = 32 * 1024;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final FetchPolicy policy;
    private final CheckedConnector connector;

    public PageFetcher(FetchPolicy policy) {
        this(policy, HostResolver.system());
    }

    public PageFetcher(FetchPolicy policy, HostResolver resolver) {
        this(policy, resolver, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** @param tls whose trust managers judge certificates; tests pass one that trusts their own */
    public PageFetcher(FetchPolicy policy, HostResolver resolver, SSLSocketFactory tls) {
        this.policy = policy;
        this.connector = new CheckedConnector(new AddressPolicy(policy.allowLoopback()), resolver, tls);
    }

    /** GETs {@code url}, a page of {@code site}, following redirects within the site. */
    public FetchOutcome fetch(URI url, Site site) {
        long deadline = System.nanoTime() + policy.deadline().toNanos();
        try {
            URI current = url;
            for (int redirects = 0; ; redirects++) {
                Target target = target(current, site);
                List<InetAddress> checked = connector.resolve(target.host());
                if (!policy.allowLoopback() && target.port() != 80 && target.port() != 443) {
                    throw new FetchFailure("port_not_allowed", "only ports 80 and 443 are fetched, not " + target.port());
                }
                Answer answer = exchange(target, checked, deadline);
                if (answer instanceof Served served) {
                    return served.page();
                }
                if (redirects == policy.maxRedirects()) {
                    throw new FetchFailure("too_many_redirects", "more than " + policy.maxRedirects() + " redirects from " + url);
                }
                current = redirectTarget(current, ((Redirected) answer).location(), site);
            }
        } catch (FetchFailure failure) {
            return new FetchOutcome.Failed(failure.code(), failure.getMessage());
        }
    }

    /** Where one request goes. {@code requestTarget} is ASCII: path and query, never the fragment. */
    private record Target(URI url, String host, int port, boolean secure, String requestTarget) {

        String hostHeader() {
            return port == (secure ? 443 : 80) ? host : host + ":" + port;
        }
    }

    private sealed interface Answer permits Served, Redirected {
    }

    private record Served(FetchOutcome.Page page) implements Answer {
    }

    private record Redirected(String location) implements Answer {
    }

    private static Target target(URI url, Site site) throws FetchFailure {
        if (!SiteUrls.isHttp(url)) {
            throw new FetchFailure("not_http", "only http and https URLs are fetched: " + ResponseReader.printable(url.toString()));
        }
        if (url.getHost() == null || url.getRawUserInfo() != null) {
            throw new FetchFailure("invalid_url", "the URL must name a host and no user info: " + ResponseReader.printable(url.toString()));
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (!site.ownsHost(host)) {
            throw new FetchFailure("off_site", host + " is not one of the domains of site " + site.id());
        }
        boolean secure = url.getScheme().equalsIgnoreCase("https");
        int port = url.getPort() < 0 ? (secure ? 443 : 80) : url.getPort();
        URI ascii = URI.create(url.toASCIIString());
        String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        String requestTarget = ascii.getRawQuery() == null ? path : path + "?" + ascii.getRawQuery();
        return new Target(url, host, port, secure, requestTarget);
    }

    private static URI redirectTarget(URI current, String location, Site site) throws FetchFailure {
        URI next;
        try {
            // URI.resolve drops the slash between an empty base path and a relative reference.
            URI base = current.getRawPath() == null || current.getRawPath().isEmpty() ? current.resolve("/") : current;
            next = base.resolve(new URI(location));
        } catch (URISyntaxException e) {
            throw new FetchFailure("malformed_response", "the Location header is not a URL: " + ResponseReader.printable(location));
        }
        if (!SiteUrls.isOnSite(next, site)) {
            throw new FetchFailure("redirect_off_site",
                    "redirected to " + ResponseReader.printable(next.toString()) + ", which is not on the domains of site " + site.id());
        }
        return next;
    }

    private Answer exchange(Target target, List<InetAddress> checked, long deadline) throws FetchFailure {
        // Closing the plain socket ends a TLS session too, without waiting on the server's close_notify.
        try (Socket socket = connector.connect(target.host(), target.port(), checked, policy.connectTimeout(), deadline, timeout())) {
            Socket channel = target.secure() ? connector.handshake(socket, target.host(), target.port(), deadline, timeout()) : socket;
            OutputStream out = channel.getOutputStream();
            out.write(request(target));
            out.flush();
            ResponseReader reader = new ResponseReader(
                    new BufferedInputStream(CheckedConnector.deadlineInput(channel, deadline)), MAX_HEADER_BYTES, policy.maxBodyBytes());
            ResponseReader.Head head = reader.readHead();
            String location = head.header("location");
            if (REDIRECTS.contains(head.status()) && location != null) {
                return new Redirected(location);
            }
            if (head.status() != 200) {
                throw new FetchFailure("http_status", target.host() + " answered " + head.status());
            }
            Charset charset = htmlCharset(head.header("content-type"));
            return new Served(new FetchOutcome.Page(target.url(), new String(reader.readBody(head), charset)));
        } catch (SocketTimeoutException e) {
            throw timeout();
        } catch (SSLException e) {
            throw new FetchFailure("tls_failed", "TLS with " + target.host() + " failed: " + e.getMessage());
        } catch (IOException e) {
            throw new FetchFailure("read_failed", "the connection to " + target.host() + " broke: " + e.getMessage());
        }
    }

    private static byte[] request(Target target) {
        return ("GET " + target.requestTarget() + " HTTP/1.1\r\n"
                + "Host: " + target.hostHeader() + "\r\n"
                + "User-Agent: " + USER_AGENT + "\r\n"
                + "Accept: text/html, application/xhtml+xml\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: close\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The charset of an HTML page; any other media type is refused. No type at all is taken as HTML. */
    private static Charset htmlCharset(String contentType) throws FetchFailure {
        if (contentType == null || contentType.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        String[] parts = contentType.split(";");
        String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("text/html") && !mediaType.equals("application/xhtml+xml")) {
            throw new FetchFailure("not_html", "the page is " + ResponseReader.printable(mediaType) + ", not HTML");
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
                String name = parameter.substring(equals + 1).strip().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException unknownCharset) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private FetchFailure timeout() {
        return new FetchFailure("timeout", "the page did not arrive within " + policy.deadline().toMillis() + " ms");
    }
}
