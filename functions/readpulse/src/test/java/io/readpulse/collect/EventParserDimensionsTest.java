package io.readpulse.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.readpulse.model.Campaign;
import io.readpulse.model.Refusal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Authors, tags, utm parameters and read depth: every limit, and the field each refusal names. */
class EventParserDimensionsTest {
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    static EventParser.ParsedBatch parse(String body) {
        return new EventParser().parse(body.getBytes(StandardCharsets.UTF_8), NOW);
    }

    static Refusal refusal(String body) {
        Refusal refused = assertThrows(Refusal.class, () -> parse(body));
        assertEquals(Refusal.Kind.INVALID, refused.kind(), refused.getMessage());
        return refused;
    }

    /** A view whose article carries {@code articleExtra} and whose event carries {@code eventExtra}. */
    static String view(String eventExtra, String articleExtra) {
        return "{\"site\":\"demo-news\",\"type\":\"view\"" + eventExtra + ",\"article\":{\"id\":\"a\",\"url\":\"https://news.example/a\","
                + "\"title\":\"T\",\"section\":\"World\",\"publishedAt\":\"2026-11-29T06:00:00Z\"" + articleExtra + "}}";
    }

    static String engage(String extra) {
        return "{\"site\":\"demo-news\",\"type\":\"engage\",\"seconds\":15" + extra + ",\"article\":{\"id\":\"a\",\"url\":\"https://news.example/a\"}}";
    }

    static String names(int count, int length) {
        StringBuilder names = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            String name = (i + "-" + "x".repeat(length)).substring(0, length);
            names.append(i == 0 ? "" : ",").append('"').append(name).append('"');
        }
        return names.append(']').toString();
    }

    static void assertRefused(String body, String code, String field) {
        Refusal refused = refusal(body);
        assertEquals(code, refused.code(), refused.getMessage());
        assertEquals(field, refused.field(), refused.getMessage());
    }

    @Test
    void aViewCarriesItsAuthorsTagsAndCampaign() {
        IncomingEvent event = parse(view(",\"utm_source\":\"newsletter\",\"utm_medium\":\"email\",\"utm_campaign\":\"monday  briefing\"",
                ",\"authors\":[\"Ana Lima\",\"  Bo   Chen \"],\"tags\":[\"elections\",\"Europe\",\"elections\"]")).events().get(0);
        assertEquals(List.of("Ana Lima", "Bo Chen"), event.article().authors(), "whitespace collapsed as in titles");
        assertEquals(List.of("elections", "Europe"), event.article().tags(), "a repeated tag is kept once, in the page's order");
        assertEquals(new Campaign("newsletter", "email", "monday briefing"), event.campaign());
        assertNull(event.readDepth());
    }

    @Test
    void withoutThemAViewHasNoAuthorsTagsOrCampaign() {
        IncomingEvent event = parse(view(",\"utm_source\":\"\",\"utm_medium\":null", "")).events().get(0);
        assertEquals(List.of(), event.article().authors());
        assertEquals(List.of(), event.article().tags());
        assertNull(event.campaign(), "empty and null utm values are no campaign");
    }

    @Test
    void aCampaignMayNameOnlyItsSource() {
        assertEquals(new Campaign("twitter", null, null), parse(view(",\"utm_source\":\"twitter\"", "")).events().get(0).campaign());
    }

    @Test
    void markupInNamesIsKeptAsText() {
        IncomingEvent event = parse(view("", ",\"authors\":[\"<img src=x onerror=alert(1)>\"],\"tags\":[\"=HYPERLINK(\\\"x\\\")\"]"))
                .events().get(0);
        assertEquals(List.of("<img src=x onerror=alert(1)>"), event.article().authors());
        assertEquals(List.of("=HYPERLINK(\"x\")"), event.article().tags());
    }

    @Test
    void tenAuthorsOfAHundredCharactersAndTwentyTagsAreAccepted() {
        IncomingEvent event = parse(view("", ",\"authors\":" + names(10, 100) + ",\"tags\":" + names(20, 100))).events().get(0);
        assertEquals(10, event.article().authors().size());
        assertEquals(20, event.article().tags().size());
        assertEquals(100, event.article().tags().get(19).length());
    }

    @Test
    void anEleventhAuthorIsRefused() {
        assertRefused(view("", ",\"authors\":" + names(11, 5)), "too_many", "article.authors");
    }

    @Test
    void anAuthorOfAHundredAndOneCharactersIsRefused() {
        assertRefused(view("", ",\"authors\":[\"ok\"," + names(1, 101).substring(1)), "too_long", "article.authors[1]");
    }

    @Test
    void aTwentyFirstTagIsRefused() {
        assertRefused(view("", ",\"tags\":" + names(21, 5)), "too_many", "article.tags");
    }

    @Test
    void aTagOfAHundredAndOneCharactersIsRefused() {
        assertRefused(view("", ",\"tags\":" + names(1, 101)), "too_long", "article.tags[0]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"Ana Lima\"           | wrong_type   | article.authors",
            "{\"name\":\"Ana\"}     | wrong_type   | article.authors",
            "42                     | wrong_type   | article.authors",
            "[\"Ana\",7]            | wrong_type   | article.authors[1]",
            "[[\"Ana\"]]            | wrong_type   | article.authors[0]",
            "[null]                 | wrong_type   | article.authors[0]",
            "[\"\"]                 | missing_field| article.authors[0]",
            "[\"   \"]              | missing_field| article.authors[0]",
            "[\"Ana\\u0000Lima\"]   | invalid_text | article.authors[0]",
            "[\"Ana\\u0007\"]       | invalid_text | article.authors[0]",
            "[\"\\u202eamiL anA\"]  | invalid_text | article.authors[0]",
            "[\"\\ud800\"]          | invalid_text | article.authors[0]"})
    void badAuthorsAreRefusedNamingTheField(String authors, String code, String field) {
        assertRefused(view("", ",\"authors\":" + authors), code, field);
        assertRefused(view("", ",\"tags\":" + authors), code, field.replace("authors", "tags"));
    }

    @Test
    void inABatchTheFieldNamesTheEvent() {
        String first = view("", "").replace("{\"site\":\"demo-news\",", "{");
        String second = view("", ",\"tags\":" + names(21, 3)).replace("{\"site\":\"demo-news\",", "{");
        assertRefused("{\"site\":\"demo-news\",\"events\":[" + first + "," + second + "]}", "too_many", "events[1].article.tags");
    }

    @ParameterizedTest
    @ValueSource(strings = {"utm_source", "utm_medium", "utm_campaign"})
    void aUtmValueThatIsNotTextIsRefused(String name) {
        for (String value : List.of("42", "4.2", "true", "{\"a\":\"b\"}", "[\"newsletter\"]", "[]")) {
            assertRefused(view(",\"" + name + "\":" + value, ""), "wrong_type", name);
        }
        assertRefused(view(",\"" + name + "\":\"" + "u".repeat(201) + "\"", ""), "too_long", name);
        assertRefused(view(",\"" + name + "\":\"news\\u0000letter\"", ""), "invalid_text", name);
        assertRefused(view(",\"" + name + "\":\"\\udc00\"", ""), "invalid_text", name);
        Campaign longest = parse(view(",\"" + name + "\":\"" + "u".repeat(200) + "\"", "")).events().get(0).campaign();
        String kept = switch (name) {
            case "utm_source" -> longest.source();
            case "utm_medium" -> longest.medium();
            default -> longest.name();
        };
        assertEquals("u".repeat(200), kept);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "24, 0", "25, 25", "60, 50", "75, 75", "99, 75", "100, 100"})
    void aPingsReadDepthIsKeptAsTheMilestoneAtOrBelowIt(int sent, int kept) {
        assertEquals(kept, parse(engage(",\"depth\":" + sent)).events().get(0).readDepth());
    }

    @Test
    void aPingWithoutDepthHasNone() {
        assertNull(parse(engage("")).events().get(0).readDepth());
        assertNull(parse(engage(",\"depth\":null")).events().get(0).readDepth());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "101", "1000", "2147483648", "-99999999999999999999"})
    void aReadDepthOutsideZeroToAHundredIsRefused(String depth) {
        assertRefused(engage(",\"depth\":" + depth), "out_of_range", "depth");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"50\"", "50.5", "5e1", "true", "[50]", "{}"})
    void aReadDepthThatIsNotAWholeNumberIsRefused(String depth) {
        assertRefused(engage(",\"depth\":" + depth), "wrong_type", "depth");
    }

    @ParameterizedTest
    @CsvSource({"0, 25, 0, 25", "25, 60, 25, 50", "50, 100, 50, 100", "75, 75, 75, 75", "0, 0, 0, 0"})
    void aPingsDepthFromIsKeptAsAMilestoneToo(int from, int depth, int keptFrom, int keptDepth) {
        IncomingEvent event = parse(engage(",\"depth\":" + depth + ",\"depthFrom\":" + from)).events().get(0);
        assertEquals(keptDepth, event.readDepth());
        assertEquals(keptFrom, event.readDepthFrom());
    }

    @Test
    void aDepthFromBeyondTheDepthOrWithoutOneIsRefused() {
        assertRefused(engage(",\"depth\":50,\"depthFrom\":75"), "out_of_range", "depthFrom");
        assertRefused(engage(",\"depth\":28,\"depthFrom\":30"), "out_of_range", "depthFrom");
        assertRefused(engage(",\"depthFrom\":25"), "out_of_range", "depthFrom");
        assertRefused(engage(",\"depth\":50,\"depthFrom\":-1"), "out_of_range", "depthFrom");
        assertRefused(engage(",\"depth\":50,\"depthFrom\":101"), "out_of_range", "depthFrom");
        assertRefused(engage(",\"depth\":50,\"depthFrom\":\"25\""), "wrong_type", "depthFrom");
        assertRefused(engage(",\"depth\":50,\"depthFrom\":2.5"), "wrong_type", "depthFrom");
        assertNull(parse(engage(",\"depth\":50")).events().get(0).readDepthFrom(), "a depth alone has no depthFrom");
    }

    @Test
    void pingsAndSharesCarryTheirPageViewsCampaign() {
        assertEquals(new Campaign("newsletter", "email", "monday"),
                parse(engage(",\"utm_source\":\"newsletter\",\"utm_medium\":\"email\",\"utm_campaign\":\"monday\"")).events().get(0).campaign());
        String share = "{\"site\":\"demo-news\",\"type\":\"share\",\"network\":\"x\",\"utm_campaign\":\"monday\","
                + "\"article\":{\"id\":\"a\",\"url\":\"https://news.example/a\"}}";
        assertEquals(new Campaign(null, null, "monday"), parse(share).events().get(0).campaign());
        assertRefused(engage(",\"utm_source\":42"), "wrong_type", "utm_source");
    }

    @Test
    void theLimitsAreThePublishedOnes() {
        assertEquals(List.of(10, 100, 20, 100, 200), List.of(Limits.MAX_AUTHORS, Limits.MAX_AUTHOR_LENGTH, Limits.MAX_TAGS,
                Limits.MAX_TAG_LENGTH, Limits.MAX_UTM_LENGTH));
        assertEquals(Collections.nCopies(1, "ok"), parse(view("", ",\"authors\":[\"ok\",\"ok\"]")).events().get(0).article().authors());
    }
}
