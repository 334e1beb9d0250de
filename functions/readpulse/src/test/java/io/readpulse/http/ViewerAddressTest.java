package io.readpulse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.testkit.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Behind the distribution a reader is CloudFront-Viewer-Address, but only on the distribution's word. */
class ViewerAddressTest {
    static final String SECRET = "5f3a9c1e-77aa-11ee-b962-0242ac120002";

    static HttpApiRequest request(String edge, String viewer) {
        ObjectNode event = Fixtures.asVisitor(Fixtures.event("collect-view.json"), "130.176.1.1", "Mozilla/5.0 reader");
        Fixtures.withHeader(event, "x-readpulse-edge", edge);
        Fixtures.withHeader(event, "cloudfront-viewer-address", viewer);
        return HttpApiRequest.fromEvent(event, Instant.parse("2026-11-30T10:00:00Z"));
    }

    @Test
    void throughTheDistributionTheViewerIsTheReader() {
        ViewerAddress viewers = new ViewerAddress(SECRET);
        assertEquals("203.0.113.7", viewers.of(request(SECRET, "203.0.113.7:50123")));
        assertEquals("2001:db8::1", viewers.of(request(SECRET, "[2001:db8::1]:50123")));
    }

    @Test
    void withoutTheSecretTheHeaderIsAnyonesAndIgnored() {
        ViewerAddress viewers = new ViewerAddress(SECRET);
        assertEquals("130.176.1.1", viewers.of(request(null, "203.0.113.7:50123")));
        assertEquals("130.176.1.1", viewers.of(request("guess", "203.0.113.7:50123")));
        assertEquals("130.176.1.1", viewers.of(request(SECRET, null)));
    }

    @Test
    void withNoDistributionInFrontTheConnectionIsTheReader() {
        assertEquals("130.176.1.1", new ViewerAddress("").of(request(SECRET, "203.0.113.7:50123")));
        assertEquals("130.176.1.1", new ViewerAddress(null).of(request(SECRET, "203.0.113.7:50123")));
    }

    static HttpApiRequest fromCountry(String edge, String country) {
        ObjectNode event = Fixtures.asVisitor(Fixtures.event("collect-view.json"), "130.176.1.1", "Mozilla/5.0 reader");
        Fixtures.withHeader(event, "x-readpulse-edge", edge);
        Fixtures.withHeader(event, "cloudfront-viewer-country", country);
        return HttpApiRequest.fromEvent(event, Instant.parse("2026-11-30T10:00:00Z"));
    }

    @Test
    void throughTheDistributionTheCountryIsCloudFronts() {
        ViewerAddress viewers = new ViewerAddress(SECRET);
        assertEquals("PT", viewers.countryOf(fromCountry(SECRET, "PT")));
        assertEquals("DE", viewers.countryOf(fromCountry(SECRET, " de ")));
    }

    @Test
    void withoutTheSecretTheCountryHeaderIsIgnored() {
        ViewerAddress viewers = new ViewerAddress(SECRET);
        assertEquals("unknown", viewers.countryOf(fromCountry(null, "PT")));
        assertEquals("unknown", viewers.countryOf(fromCountry("guess", "PT")));
        assertEquals("unknown", new ViewerAddress(null).countryOf(fromCountry(SECRET, "PT")), "no distribution in front: nobody's word");
        assertEquals("unknown", new ViewerAddress("").countryOf(fromCountry(SECRET, "PT")));
    }

    @Test
    void aCountryIsTwoLettersOrUnknownAndNeverTheAddress() {
        ViewerAddress viewers = new ViewerAddress(SECRET);
        for (String odd : new String[] {"", "P", "PRT", "P1", "<b>", "\u00c9S", "pt;x"}) {
            assertEquals("unknown", viewers.countryOf(fromCountry(SECRET, odd)), odd);
        }
        assertEquals("unknown", viewers.countryOf(fromCountry(SECRET, null)), "no header: unknown, whatever the address");
    }
}
