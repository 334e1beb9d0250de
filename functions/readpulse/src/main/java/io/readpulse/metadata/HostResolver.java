package io.readpulse.metadata;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Name resolution for the page fetcher, injectable so that tests can point a site's domain at any
 * address (a private one, the metadata service) without a DNS server.
 */
@FunctionalInterface
public interface HostResolver {

    /** Every address of {@code host}; an IP literal is its own address. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /**
     * The JVM's resolver (the system's, through the JVM's cache). Names under the top-level domains
     * reserved for examples, tests and invalid names (RFC 2606, RFC 6761) never resolve publicly, so
     * they are refused without asking DNS at all.
     */
    static HostResolver system() {
        return host -> {
            if (isReservedName(host)) {
                throw new UnknownHostException(host + " is under a reserved top-level domain");
            }
            return List.of(InetAddress.getAllByName(host));
        };
    }

    static boolean isReservedName(String host) {
        String name = host.toLowerCase(java.util.Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        for (String reserved : List.of("example", "test", "invalid", "local")) {
            if (name.equals(reserved) || name.endsWith("." + reserved)) {
                return true;
            }
        }
        return false;
    }
}
