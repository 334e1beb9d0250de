package io.readpulse.trending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.readpulse.aggregate.DecayWindow;
import io.readpulse.model.Refusal;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TrendingRequestTest {

    @Test
    void defaultsToTheSitesTopTenOfTheLastDay() {
        TrendingRequest request = TrendingRequest.parse("demo-news", Map.of());
        assertEquals(new TrendingRequest("demo-news", null, TrendingMode.TOP, DecayWindow.ONE_DAY, 10), request);
        assertEquals("*", request.scope());
    }

    @Test
    void readsEveryParameter() {
        TrendingRequest request = TrendingRequest.parse("demo-news",
                Map.of("section", "geopolitics-foreign-policy", "mode", "rising", "window", "1h", "limit", "5", "_", "1732870000"));
        assertEquals(new TrendingRequest("demo-news", "geopolitics-foreign-policy", TrendingMode.RISING, DecayWindow.ONE_HOUR, 5), request);
        assertEquals("sec:geopolitics-foreign-policy", request.scope());
    }

    @Test
    void clampsALimitOverFifty() {
        assertEquals(50, TrendingRequest.parse("demo-news", Map.of("limit", "500")).limit());
        assertEquals(50, TrendingRequest.parse("demo-news", Map.of("limit", "999999999")).limit());
    }

    @ParameterizedTest
    @CsvSource({
            "mode, hot", "mode, TOP", "window, 2h", "window, 24", "limit, 0", "limit, -3", "limit, ten", "limit, 1e3",
            "limit, 9999999999", "section, World", "section, geopolitics--foreign", "section, <script>"})
    void refusesAParameterOutsideItsSetNamingIt(String name, String value) {
        Refusal refused = assertThrows(Refusal.class, () -> TrendingRequest.parse("demo-news", Map.of(name, value)));
        assertEquals(Refusal.Kind.INVALID, refused.kind());
        assertEquals(name, refused.field());
    }

    @Test
    void refusesAMalformedSite() {
        Refusal refused = assertThrows(Refusal.class, () -> TrendingRequest.parse("Demo News", Map.of()));
        assertEquals("site", refused.field());
    }
}
