package io.readpulse.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.aggregate.DecayWindow;
import io.readpulse.trending.RisingRule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What alerts say, and that nothing a browser or a page sent can become a mention, a link or markup in them. */
class AlertTextTest {
    private static final Instant AT = Instant.parse("2026-11-24T10:20:00Z");
    private static final List<String> HOSTILE = List.of("<!channel>", "<!here|here>", "<@U024BE7LH>", "<#C123>", "<https://evil.example|Click>",
            "@channel", "*bold* _it_ ~s~ `code`", "a & b > c < d", "line\u0000break\u001b[31m");

    @Test
    void slackTextCannotFormMentionsLinksOrFormatting() {
        for (String hostile : HOSTILE) {
            String escaped = SlackText.escape(hostile);
            assertFalse(escaped.contains("<") || escaped.contains(">"), escaped);
            assertFalse(escaped.contains("@channel") || escaped.contains("@here"), escaped);
            assertFalse(escaped.matches(".*[*_~`].*"), escaped);
            assertFalse(escaped.chars().anyMatch(c -> c < 0x20 && c != '\n'), escaped);
        }
        assertEquals("a &amp; b &gt; c &lt; d", SlackText.escape("a & b > c < d"));
    }

    @Test
    void aLinkIsMadeOnlyOfAnHttpUrlThatCannotEndEarly() {
        assertEquals("<https://news.example/a?x=1&amp;y=2|Open &lt;it&gt;>", SlackText.link("https://news.example/a?x=1&y=2", "Open <it>"));
        assertNull(SlackText.link("javascript:alert(1)", "x"));
        assertNull(SlackText.link("https://news.example/a|<!channel>", "x"));
        assertNull(SlackText.link("https://news.example/a>b", "x"));
        assertNull(SlackText.link("not a url", "x"));
    }

    @Test
    void aHostileTitleAndHostsStayPlainTextInBlockKit() throws Exception {
        List<Alert.Fact> facts = new ArrayList<>();
        HOSTILE.forEach(text -> facts.add(new Alert.Fact("Top referring hosts", text)));
        Alert alert = new Alert("demo-news", Trigger.RISING, "rising#1h#a", "id1", AT, "Rising: <!channel> <@U1> *Summit*",
                "Rising on <!here> The Courier", "https://news.example/world/summit", facts, Map.of());
        JsonNode message = new ObjectMapper().readTree(new ObjectMapper().writeValueAsBytes(SlackMessage.render(alert)));
        JsonNode blocks = message.get("blocks");
        assertEquals("header", blocks.get(0).get("type").asText());
        assertEquals("plain_text", blocks.get(0).get("text").get("type").asText());
        assertFalse(blocks.get(0).get("text").get("emoji").asBoolean());
        String mrkdwn = blocks.get(1).get("text").get("text").asText();
        assertEquals("mrkdwn", blocks.get(1).get("text").get("type").asText());
        assertEquals("Rising on &lt;!here&gt; The Courier\n<https://news.example/world/summit|Open the article>", mrkdwn);
        assertTrue(blocks.get(2).get("fields").size() <= SlackMessage.MAX_FIELDS);
        blocks.get(2).get("fields").forEach(field -> assertEquals("plain_text", field.get("type").asText()));
        String fallback = message.get("text").asText();
        assertFalse(fallback.contains("<"), fallback);
    }

    @Test
    void theWebhookSignatureIsHmacSha256OfTimestampDotBody() {
        // Computed outside Java: python3 hmac.new(b'whsec_test', b'1764547200.{"id":"a1"}', hashlib.sha256).hexdigest()
        assertEquals("v1=f17886ae4afd3d06d9052f6a2887569ad0d70968dddc32aef9432d8c1b0968a2",
                WebhookPayload.signature("whsec_test", 1764547200L, "{\"id\":\"a1\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void growthIsSaidInWordsWithTheBreakdownsNumber() {
        RisingRule.Verdict verdict = new RisingRule.Verdict(true, 62, 20, 3.1, 5.2, 4.0, 120);
        assertEquals("3.1× its usual 10:00–11:00 UTC (that hour on the 7 days before)",
                AlertMessages.growthInWords(DecayWindow.ONE_HOUR, verdict, AT));
        assertEquals("3.1× its usual day (120 reads a day over the 7 days before)", AlertMessages.growthInWords(DecayWindow.ONE_DAY, verdict, AT));
    }

    @Test
    void quietHoursMaySpanMidnight() {
        QuietHours night = QuietHours.parse("22:00-07:00").orElseThrow();
        assertTrue(night.contains(LocalTime.of(23, 30)));
        assertTrue(night.contains(LocalTime.of(6, 59)));
        assertFalse(night.contains(LocalTime.of(7, 0)));
        assertFalse(night.contains(LocalTime.of(12, 0)));
        assertTrue(QuietHours.parse("25:00-07:00").isEmpty());
    }
}
