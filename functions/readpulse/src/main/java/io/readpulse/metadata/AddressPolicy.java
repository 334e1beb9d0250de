package io.readpulse.metadata;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Which resolved addresses the page fetcher may connect to. The URL to fetch comes from anonymous
 * browser events and the addresses from whatever DNS the site (or an attacker who controls a name
 * under it) publishes, so without this check the trending job could be made to read the instance
 * metadata service (169.254.169.254, fd00:ec2::254), a VPC neighbour or itself. Only public unicast
 * addresses pass. IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged
 * by the address they carry, since a dual-stack host or a NAT64 gateway would reach that address.
 * Pure: no lookups; the prefixes below are literals.
 */
public final class AddressPolicy {
    private static final List<Cidr> REFUSED_V4 = Cidr.all(
            "0.0.0.0/8",          // "this network"
            "10.0.0.0/8",         // private
            "100.64.0.0/10",      // carrier-grade NAT
            "169.254.0.0/16",     // link-local, the cloud metadata service among them
            "172.16.0.0/12",      // private
            "192.0.0.0/24",       // IETF protocol assignments
            "192.0.2.0/24",       // documentation
            "192.168.0.0/16",     // private
            "198.18.0.0/15",      // benchmarking
            "198.51.100.0/24",    // documentation
            "203.0.113.0/24",     // documentation
            "224.0.0.0/4",        // multicast
            "240.0.0.0/4");       // reserved, with the limited broadcast address
    private static final Cidr LOOPBACK_V4 = Cidr.of("127.0.0.0/8");
    private static final byte[] LOOPBACK_V6 = new byte[16];
    /** Every public IPv6 unicast address is in 2000::/3; the rest is local, multicast, reserved or an embedding. */
    private static final Cidr GLOBAL_V6 = Cidr.of("2000::/3");
    private static final List<Cidr> REFUSED_GLOBAL_V6 = Cidr.all(
            "2001::/32",          // Teredo: the IPv4 address it tunnels to is hidden in the bits
            "2001:2::/48",        // benchmarking
            "2001:db8::/32",      // documentation
            "3fff::/20");         // documentation
    private static final List<Embedding> EMBEDDINGS = List.of(
            new Embedding(Cidr.of("::/96"), 12),                // IPv4-compatible (and :: itself)
            new Embedding(Cidr.of("::ffff:0:0/96"), 12),        // IPv4-mapped
            new Embedding(Cidr.of("::ffff:0:0:0/96"), 12),      // IPv4-translated
            new Embedding(Cidr.of("64:ff9b::/96"), 12),         // NAT64
            new Embedding(Cidr.of("2002::/16"), 2));            // 6to4

    static {
        LOOPBACK_V6[15] = 1;
    }

    private final boolean allowLoopback;

    /** @param allowLoopback for the local runner, whose demo site is served on 127.0.0.1 */
    public AddressPolicy(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    public boolean allows(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 ? allowsV4(bytes) : allowsV6(bytes);
    }

    private boolean allowsV4(byte[] bytes) {
        if (LOOPBACK_V4.contains(bytes)) {
            return allowLoopback;
        }
        return REFUSED_V4.stream().noneMatch(range -> range.contains(bytes));
    }

    private boolean allowsV6(byte[] bytes) {
        if (Arrays.equals(bytes, LOOPBACK_V6)) {
            return allowLoopback;
        }
        for (Embedding embedding : EMBEDDINGS) {
            if (embedding.prefix().contains(bytes)) {
                return allowsV4(Arrays.copyOfRange(bytes, embedding.offset(), embedding.offset() + 4));
            }
        }
        return GLOBAL_V6.contains(bytes) && REFUSED_GLOBAL_V6.stream().noneMatch(range -> range.contains(bytes));
    }

    /** An IPv6 prefix whose addresses carry an IPv4 address at {@code offset}. */
    private record Embedding(Cidr prefix, int offset) {
    }

    private record Cidr(byte[] network, int bits) {
        static Cidr of(String text) {
            int slash = text.indexOf('/');
            String literal = text.substring(0, slash);
            try {
                // A literal address: InetAddress parses it without any lookup.
                byte[] network = InetAddress.getByName(literal).getAddress();
                if (network.length == 4 && literal.contains(":")) {
                    // The JDK turns an IPv4-mapped literal into the IPv4 address; the prefix needs all 16 bytes.
                    byte[] mapped = new byte[16];
                    mapped[10] = (byte) 0xff;
                    mapped[11] = (byte) 0xff;
                    System.arraycopy(network, 0, mapped, 12, 4);
                    network = mapped;
                }
                return new Cidr(network, Integer.parseInt(text.substring(slash + 1)));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address prefix: " + text, e);
            }
        }

        static List<Cidr> all(String... texts) {
            return Arrays.stream(texts).map(Cidr::of).toList();
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
