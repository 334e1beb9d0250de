package io.readpulse.metadata;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A resolver with fixed answers, so a site's domain can point anywhere without a DNS server or a lookup. */
final class FakeDns {

    private FakeDns() {
    }

    /** @param answers host name to IP literals; a name not listed does not resolve */
    static HostResolver of(Map<String, List<String>> answers) {
        return host -> {
            List<String> literals = answers.get(host);
            if (literals == null) {
                throw new UnknownHostException(host);
            }
            List<InetAddress> addresses = new ArrayList<>();
            for (String literal : literals) {
                // An IP literal: parsed, never looked up.
                addresses.add(InetAddress.getByName(literal));
            }
            return addresses;
        };
    }

    static HostResolver loopback(String... hosts) {
        return host -> {
            for (String name : hosts) {
                if (name.equals(host)) {
                    return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
                }
            }
            throw new UnknownHostException(host);
        };
    }
}
