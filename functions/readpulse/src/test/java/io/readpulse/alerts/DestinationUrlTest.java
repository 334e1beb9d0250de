package io.readpulse.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.metadata.AddressPolicy;
import io.readpulse.metadata.CheckedConnector;
import io.readpulse.metadata.FetchFailure;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/**
 * Server-side request forgery: a destination URL must be https (http only to localhost), and every
 * address its host resolves to must be public, checked on the resolved addresses, not the name.
 */
class DestinationUrlTest {

    @Test
    void onlyHttpsOrHttpToLoopbackPass() {
        assertEquals("hooks.slack.com", DestinationUrl.parse("https://hooks.slack.com/services/T0/B0/x").getHost());
        DestinationUrl.parse("http://localhost:8080/hook");
        DestinationUrl.parse("http://127.0.0.1:9000/");
        for (String refused : List.of("http://hooks.example.com/", "ftp://hooks.example.com/", "file:///etc/passwd", "gopher://x/",
                "https://user:pw@hooks.example.com/", "https:///nohost", "https://hooks.example.com/#frag", "not a url", "//hooks.example.com/",
                "http://169.254.169.254/latest/meta-data/", "https://" + "a".repeat(2_000) + ".com/")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> DestinationUrl.parse(refused), refused);
            assertFalse(error.getMessage().contains("pw"), "the message must not echo the URL: " + error.getMessage());
        }
    }

    @Test
    void privateLinkLocalAndMetadataAddressesAreRefusedAfterResolution() throws Exception {
        Map<String, String> dns = Map.of(
                "metadata.attacker.example", "169.254.169.254",
                "ec2v6.attacker.example", "fd00:ec2::254",
                "mapped.attacker.example", "::ffff:169.254.169.254",
                "vpc.attacker.example", "10.0.0.12",
                "home.attacker.example", "192.168.1.1",
                "self.attacker.example", "127.0.0.1",
                "public.attacker.example", "93.184.215.14");
        CheckedConnector production = new CheckedConnector(new AddressPolicy(false),
                host -> List.of(InetAddress.getByName(dns.get(host))), (SSLSocketFactory) SSLSocketFactory.getDefault());
        for (String host : List.of("metadata.attacker.example", "ec2v6.attacker.example", "mapped.attacker.example", "vpc.attacker.example",
                "home.attacker.example", "self.attacker.example")) {
            FetchFailure refused = assertThrows(FetchFailure.class, () -> production.resolve(DestinationUrl.host(DestinationUrl.parse("https://" + host + "/hook"))), host);
            assertEquals("address_not_allowed", refused.code(), host);
        }
        assertTrue(production.resolve("public.attacker.example").size() == 1);
    }
}
