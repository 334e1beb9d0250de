package io.readpulse.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {
    private static final AddressPolicy PRODUCTION = new AddressPolicy(false);
    private static final AddressPolicy LOCAL = new AddressPolicy(true);

    /** One or more addresses inside each refused IPv4 range, its first and last among them. */
    private static final List<String> REFUSED_V4 = List.of(
            "0.0.0.0", "0.1.2.3", "0.255.255.255",
            "10.0.0.0", "10.0.0.5", "10.255.255.255",
            "100.64.0.0", "100.100.100.200", "100.127.255.255",
            "169.254.0.0", "169.254.169.254", "169.254.170.2", "169.254.255.255",
            "172.16.0.0", "172.20.1.1", "172.31.255.255",
            "192.0.0.0", "192.0.0.170", "192.0.0.255",
            "192.0.2.0", "192.0.2.1", "192.0.2.255",
            "192.168.0.0", "192.168.1.1", "192.168.255.255",
            "198.18.0.0", "198.19.255.255",
            "198.51.100.0", "198.51.100.7", "198.51.100.255",
            "203.0.113.0", "203.0.113.9", "203.0.113.255",
            "224.0.0.0", "224.0.0.251", "239.255.255.250", "239.255.255.255",
            "240.0.0.0", "250.1.2.3", "255.255.255.254", "255.255.255.255");

    /** Public addresses just outside the refused ranges, and a few well-known ones. */
    private static final List<String> PUBLIC_V4 = List.of(
            "93.184.216.34", "1.1.1.1", "8.8.8.8", "1.0.0.0",
            "9.255.255.255", "11.0.0.0",
            "100.63.255.255", "100.128.0.0",
            "126.255.255.255", "128.0.0.0",
            "169.253.255.255", "169.255.0.0",
            "172.15.255.255", "172.32.0.0",
            "191.255.255.255", "192.0.1.0", "192.0.3.0",
            "192.167.255.255", "192.169.0.0",
            "198.17.255.255", "198.20.0.0",
            "198.51.99.255", "198.51.101.0",
            "203.0.112.255", "203.0.114.0",
            "223.255.255.255");

    private static final List<String> LOOPBACK = List.of(
            "127.0.0.1", "127.0.0.0", "127.1.2.3", "127.255.255.255",
            "::1", "::ffff:127.0.0.1", "::127.0.0.1", "64:ff9b::127.0.0.1", "2002:7f00:1::");

    @Test
    void publicAddressesPass() throws UnknownHostException {
        for (String address : PUBLIC_V4) {
            assertTrue(PRODUCTION.allows(address(address)), address);
            assertTrue(LOCAL.allows(address(address)), address);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2606:2800:220:1:248:1893:25c8:1946", "2a00:1450:4001:80b::200e", "2001:4860:4860::8888",
            "2400:cb00:2048:1::c629:d7a2", "3ffe::1", "2001:1::1", "2001:3::1"})
    void publicIpv6AddressesPass(String address) throws UnknownHostException {
        assertTrue(PRODUCTION.allows(address(address)));
        assertTrue(LOCAL.allows(address(address)));
    }

    @Test
    void everyRefusedIpv4RangeIsRefusedInBothModes() throws UnknownHostException {
        for (String address : REFUSED_V4) {
            assertFalse(PRODUCTION.allows(address(address)), address);
            assertFalse(LOCAL.allows(address(address)), address);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "::",                       // unspecified
        "fe80::1", "fe80::a9fe:a9fe", "febf:ffff::1", // link-local fe80::/10
        "fec0::1",                  // site-local, deprecated
        "fc00::1", "fd00::1", "fd00:ec2::254", "fdff:ffff:ffff::1", // unique-local fc00::/7, the EC2 metadata service among them
        "ff02::1", "ff05::1:3", "ff0e::1", // multicast
        "64:ff9b:1::a00:5",         // local-use NAT64
        "100::1",                   // discard-only
        "2001::a9fe:a9fe", "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo
        "2001:2::1",                // benchmarking
        "2001:db8::1", "3fff::1",   // documentation
        "4000::1", "e000::1"        // outside global unicast 2000::/3
    })
    void refusedIpv6RangesAreRefusedInBothModes(String address) throws UnknownHostException {
        assertFalse(PRODUCTION.allows(address(address)));
        assertFalse(LOCAL.allows(address(address)));
    }

    static Stream<String> embeddedForms() {
        return REFUSED_V4.stream().flatMap(AddressPolicyTest::embeddings);
    }

    /** A refused IPv4 address stays refused in every IPv6 form that carries it. */
    @ParameterizedTest
    @MethodSource("embeddedForms")
    void refusedIpv4AddressesAreRefusedInsideIpv6(String address) throws UnknownHostException {
        InetAddress parsed = sixteenBytes(address);
        assertEquals(16, parsed.getAddress().length);
        assertFalse(PRODUCTION.allows(parsed));
        assertFalse(LOCAL.allows(parsed));
    }

    @Test
    void publicIpv4AddressesPassInsideIpv6() throws UnknownHostException {
        for (String address : PUBLIC_V4) {
            for (String form : embeddings(address).toList()) {
                assertTrue(PRODUCTION.allows(sixteenBytes(form)), form);
            }
        }
    }

    @Test
    void loopbackPassesInLocalModeOnly() throws UnknownHostException {
        for (String address : LOOPBACK) {
            assertFalse(PRODUCTION.allows(sixteenBytesIfIpv6(address)), address);
            assertTrue(LOCAL.allows(sixteenBytesIfIpv6(address)), address);
        }
    }

    @Test
    void theJdksOwnIpv4MappedConversionIsCoveredToo() throws UnknownHostException {
        // InetAddress.getByName turns ::ffff:a.b.c.d into an Inet4Address; both shapes are judged alike.
        assertTrue(address("::ffff:169.254.169.254") instanceof Inet4Address);
        assertFalse(PRODUCTION.allows(address("::ffff:169.254.169.254")));
        assertTrue(PRODUCTION.allows(address("::ffff:93.184.216.34")));
    }

    private static Stream<String> embeddings(String ipv4) {
        String[] octets = ipv4.split("\\.");
        String high = Integer.toHexString(Integer.parseInt(octets[0]) << 8 | Integer.parseInt(octets[1]));
        String low = Integer.toHexString(Integer.parseInt(octets[2]) << 8 | Integer.parseInt(octets[3]));
        return Stream.of(
                "::ffff:" + ipv4,               // IPv4-mapped
                "::" + ipv4,                    // IPv4-compatible
                "::ffff:0:" + ipv4,             // IPv4-translated
                "64:ff9b::" + ipv4,             // NAT64, dotted
                "64:ff9b::" + high + ":" + low, // NAT64, hexadecimal
                "2002:" + high + ":" + low + "::1"); // 6to4
    }

    private static InetAddress address(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    /** The address as an Inet6Address even where the JDK would make an IPv4-mapped literal an Inet4Address. */
    private static InetAddress sixteenBytes(String literal) throws UnknownHostException {
        byte[] bytes = InetAddress.getByName(literal).getAddress();
        if (bytes.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        return Inet6Address.getByAddress(null, bytes, -1);
    }

    private static InetAddress sixteenBytesIfIpv6(String literal) throws UnknownHostException {
        return literal.contains(":") ? sixteenBytes(literal) : address(literal);
    }
}
