package io.readpulse.metadata;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostResolverTest {

    @ParameterizedTest
    @ValueSource(strings = {"news.example", "NEWS.EXAMPLE.", "example", "a.b.test", "x.invalid", "printer.local"})
    void namesUnderReservedTopLevelDomainsAreRefusedWithoutAskingDns(String host) {
        assertTrue(HostResolver.isReservedName(host));
        assertThrows(UnknownHostException.class, () -> HostResolver.system().resolve(host));
    }

    @Test
    void ordinaryNamesAreLeftToTheResolver() {
        assertFalse(HostResolver.isReservedName("news.example.com"));
        assertFalse(HostResolver.isReservedName("localhost"));
        assertFalse(HostResolver.isReservedName("testing.org"));
    }
}
