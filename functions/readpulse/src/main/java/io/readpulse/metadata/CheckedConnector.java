package io.readpulse.metadata;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Connections to hosts that someone other than the operator named (article pages, alert
 * receivers), made so that the address check holds for the connection actually made: the name is
 * resolved once, every address must pass {@link AddressPolicy}, and the socket connects to one of
 * those very addresses, never to a fresh lookup (DNS rebinding). TLS is layered on that socket with
 * SNI set to the host name and endpoint identification "HTTPS", so the certificate is still verified
 * against the name. Shared by {@link PageFetcher} and the alert senders.
 */
public final class CheckedConnector {
    private final AddressPolicy addresses;
    private final HostResolver resolver;
    private final SSLSocketFactory tls;

    /** @param tls whose trust managers judge certificates; tests pass one that trusts their own */
    public CheckedConnector(AddressPolicy addresses, HostResolver resolver, SSLSocketFactory tls) {
        this.addresses = addresses;
        this.resolver = resolver;
        this.tls = tls;
    }

    /** Every address of the host, each one allowed; connect to one of these, never to a fresh lookup. */
    public List<InetAddress> resolve(String host) throws FetchFailure {
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

    /**
     * A connection to the first of the checked addresses that accepts one.
     *
     * @param timedOut what to throw when the deadline passes, in the caller's words
     */
    public Socket connect(String host, int port, List<InetAddress> checked, Duration connectTimeout, long deadline,
                          FetchFailure timedOut) throws FetchFailure {
        IOException last = null;
        for (InetAddress address : checked) {
            int timeout = millisLeft(deadline, connectTimeout);
            if (timeout == 0) {
                throw timedOut;
            }
            // No proxy: a SOCKS proxy from system properties would resolve the name itself.
            Socket socket = new Socket(Proxy.NO_PROXY);
            try {
                socket.connect(new InetSocketAddress(address, port), timeout);
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
        if (millisLeft(deadline, Duration.ofMillis(Integer.MAX_VALUE)) == 0) {
            throw timedOut;
        }
        throw new FetchFailure("connect_failed", "no connection to " + host + " port " + port + ": " + last.getMessage());
    }

    /** TLS over {@code socket}, the certificate verified against {@code host}. */
    public Socket handshake(Socket socket, String host, int port, long deadline, FetchFailure timedOut) throws IOException, FetchFailure {
        SSLSocket secure = (SSLSocket) tls.createSocket(socket, host, port, true);
        SSLParameters parameters = secure.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        secure.setSSLParameters(parameters);
        int timeout = millisLeft(deadline, Duration.ofMillis(Integer.MAX_VALUE));
        if (timeout == 0) {
            throw timedOut;
        }
        secure.setSoTimeout(timeout);
        secure.startHandshake();
        return secure;
    }

    /**
     * The socket's input, with its read timeout shrunk to the time left before every read, so the
     * deadline holds for the whole response: a server that trickles a byte at a time cannot keep
     * the exchange going.
     */
    public static InputStream deadlineInput(Socket socket, long deadline) throws IOException {
        return new DeadlineInput(socket, deadline);
    }

    /** SNI carries host names only (RFC 6066). */
    private static boolean isIpLiteral(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /** Whole milliseconds left before the deadline, at most {@code cap}; 0 once it has passed. */
    static int millisLeft(long deadline, Duration cap) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return 0;
        }
        return (int) Math.max(1, Math.min(cap.toMillis(), TimeUnit.NANOSECONDS.toMillis(left)));
    }

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
