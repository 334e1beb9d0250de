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
        assertEquals(new TrendingRequest("demo-news", null, null, null, TrendingMode.TOP, DecayWindow.ONE_DAY, 10), request);
        assertEquals("*", request.scope());
    }

    @Test
    void readsEveryParameter() {
        TrendingRequest request = TrendingRequest.parse("demo-news",
                Map.of("section", "geopolitics-foreign-policy", "mode", "rising", "window", "1h", "limit", "5", "_", "1732870000"));
        assertEquals(new TrendingRequest("demo-news", "geopolitics-foreign-policy", null, null, TrendingMode.RISING, DecayWindow.ONE_HOUR, 5), request);
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
            "limit, 9999999999", "section, World", "section, geopolitics--foreign", "section, <script>",
            "author, Jane Doe", "author, jane--doe", "author, -jane", "author, <img src=x>", "tag, Climate", "tag, climate_change", "tag, %20"})
    void refusesAParameterOutsideItsSetNamingIt(String name, String value) {
        Refusal refused = assertThrows(Refusal.class, () -> TrendingRequest.parse("demo-news", Map.of(name, value)));
        assertEquals(Refusal.Kind.INVALID, refused.kind());
        assertEquals(name, refused.field());
    }

    @Test
    void readsAnAuthorOrATagAsItReadsASection() {
        TrendingRequest author = TrendingRequest.parse("demo-news", Map.of("author", "jane-o-neil", "mode", "fresh"));
        assertEquals(new TrendingRequest("demo-news", null, "jane-o-neil", null, TrendingMode.FRESH, DecayWindow.ONE_DAY, 10), author);
        assertEquals("aut:jane-o-neil", author.scope());
        TrendingRequest tag = TrendingRequest.parse("demo-news", Map.of("tag", "climate-change", "section", ""));
        assertEquals("tag:climate-change", tag.scope(), "an empty parameter is no parameter");
        assertEquals(100, TrendingRequest.parse("demo-news", Map.of("author", "a".repeat(100))).author().length());
        assertEquals("author", assertThrows(Refusal.class,
                () -> TrendingRequest.parse("demo-news", Map.of("author", "a".repeat(101)))).field());
        assertEquals("tag", assertThrows(Refusal.class,
                () -> TrendingRequest.parse("demo-news", Map.of("tag", "a".repeat(101)))).field());
    }

    @ParameterizedTest
    @CsvSource({"section, author, author", "section, tag, tag", "author, tag, tag"})
    void refusesMoreThanOneOfSectionAuthorAndTagNamingTheSecond(String first, String second, String field) {
        Refusal refused = assertThrows(Refusal.class, () -> TrendingRequest.parse("demo-news", Map.of(first, "world", second, "world")));
        assertEquals(Refusal.Kind.INVALID, refused.kind());
        assertEquals(field, refused.field());
        assertEquals("give at most one of section, author and tag", refused.getMessage());
        assertEquals("tag", assertThrows(Refusal.class,
                () -> TrendingRequest.parse("demo-news", Map.of("section", "a", "author", "b", "tag", "c"))).field());
    }

    @Test
    void refusesAMalformedSite() {
        Refusal refused = assertThrows(Refusal.class, () -> TrendingRequest.parse("Demo News", Map.of()));
        assertEquals("site", refused.field());
    }
}
