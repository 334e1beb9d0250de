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
}
