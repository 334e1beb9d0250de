package io.readpulse.metadata;

import io.readpulse.model.Site;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
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
    private final AddressPolicy addresses;
    private final HostResolver resolver;
    private final SSLSocketFactory tls;

    public PageFetcher(FetchPolicy policy) {
        this(policy, HostResolver.system());
    }

    public PageFetcher(FetchPolicy policy, HostResolver resolver) {
        this(policy, resolver, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** @param tls whose trust managers judge certificates; tests pass one that trusts their own */
    public PageFetcher(FetchPolicy policy, HostResolver resolver, SSLSocketFactory tls) {
        this.policy = policy;
        this.addresses = new AddressPolicy(policy.allowLoopback());
        this.resolver = resolver;
        this.tls = tls;
    }

    /** GETs {@code url}, a page of {@code site}, following redirects within the site. */
    public FetchOutcome fetch(URI url, Site site) {
        long deadline = System.nanoTime() + policy.deadline().toNanos();
        try {
            URI current = url;
            for (int redirects = 0; ; redirects++) {
                Target target = target(current, site);
                List<InetAddress> checked = resolve(target.host());
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

    /** Every address of the host, each one allowed; the connection then goes to one of these, never to a fresh lookup. */
    private List<InetAddress> resolve(String host) throws FetchFailure {
        List<InetAddress> all;
        try {
            all = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new FetchFailure("unresolvable", host + " does not resolve");
        }
        if (all == null || all.isEmpty()) {
            throw new FetchFailure("unresolvable", host + " has no addresses");
        }
        for (InetAddress address : all) {
            if (!addresses.allows(address)) {
                throw new FetchFailure("address_not_allowed",
                        host + " resolves to " + address.getHostAddress() + ", which is not a public address");
            }
        }
        return all;
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
        try (Socket socket = connect(target, checked, deadline)) {
            Socket channel = target.secure() ? handshake(socket, target, deadline) : socket;
            OutputStream out = channel.getOutputStream();
            out.write(request(target));
            out.flush();
            ResponseReader reader = new ResponseReader(
                    new BufferedInputStream(new DeadlineInput(channel, deadline)), MAX_HEADER_BYTES, policy.maxBodyBytes());
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

    /** A connection to the first of the checked addresses that accepts one. */
    private Socket connect(Target target, List<InetAddress> checked, long deadline) throws FetchFailure {
        IOException last = null;
        for (InetAddress address : checked) {
            int timeout = millisLeft(deadline, policy.connectTimeout());
            if (timeout == 0) {
                throw timeout();
            }
            // No proxy: a SOCKS proxy from system properties would resolve the name itself.
            Socket socket = new Socket(Proxy.NO_PROXY);
            try {
                socket.connect(new InetSocketAddress(address, target.port()), timeout);
                return socket;
            } catch (IOException e) {
                try {
                    socket.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
                last = e;
            }
        }
        if (millisLeft(deadline, policy.deadline()) == 0) {
            throw timeout();
        }
        throw new FetchFailure("connect_failed", "no connection to " + target.host() + " port " + target.port() + ": " + last.getMessage());
    }

    private Socket handshake(Socket socket, Target target, long deadline) throws IOException, FetchFailure {
        SSLSocket secure = (SSLSocket) tls.createSocket(socket, target.host(), target.port(), true);
        SSLParameters parameters = secure.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(target.host())) {
            parameters.setServerNames(List.of(new SNIHostName(target.host())));
        }
        secure.setSSLParameters(parameters);
        int timeout = millisLeft(deadline, policy.deadline());
        if (timeout == 0) {
            throw timeout();
        }
        secure.setSoTimeout(timeout);
        secure.startHandshake();
        return secure;
    }

    /** SNI carries host names only (RFC 6066). */
    private static boolean isIpLiteral(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
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

    /** Whole milliseconds left before the deadline, at most {@code cap}; 0 once it has passed. */
    private static int millisLeft(long deadline, Duration cap) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return 0;
        }
        return (int) Math.max(1, Math.min(cap.toMillis(), TimeUnit.NANOSECONDS.toMillis(left)));
    }

    private FetchFailure timeout() {
        return new FetchFailure("timeout", "the page did not arrive within " + policy.deadline().toMillis() + " ms");
    }

    /**
     * Shrinks the socket's read timeout to the time left before every read, so the deadline holds
     * for the whole response: a server that trickles a byte at a time cannot keep the fetch going.
     */
    private static final class DeadlineInput extends FilterInputStream {
        private final Socket socket;
        private final long deadline;

        DeadlineInput(Socket socket, long deadline) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            arm();
            return super.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            arm();
            return super.read(buffer, offset, length);
        }

        private void arm() throws IOException {
            int left = millisLeft(deadline, Duration.ofMillis(Integer.MAX_VALUE));
            if (left == 0) {
                throw new SocketTimeoutException("the deadline passed");
            }
            socket.setSoTimeout(left);
        }
    }
}
