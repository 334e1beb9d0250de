package io.readpulse.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.readpulse.aggregate.DecayWindow;
import io.readpulse.alerts.delivery.SmtpSettings;
import io.readpulse.model.ArticleMeta;
import io.readpulse.trending.RisingRule;
import io.readpulse.trending.ScoreBreakdown;
import io.readpulse.trending.TrendingEntry;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** E-mail addresses and text, digests' periods and changes, the traffic rule, authors in rising alerts: the pure parts. */
class EmailDigestAnomalyRulesTest {
    private static final Instant AT = Instant.parse("2026-11-24T10:20:00Z");

    @Test
    void onlyPlainAddressesAreAcceptedSoNoneCanCarryAHeaderOrASecondRecipient() {
        assertEquals(URI.create("mailto:desk@news.example,a.b+c_d-e@sub.news.example"),
                EmailAddresses.parse(" desk@NEWS.example , a.b+c_d-e@sub.news.example,desk@news.example"));
        for (String hostile : List.of("desk@news.example\r\nBcc: x@evil.example", "desk@news.example\n", "Desk <desk@news.example>",
                "\"d\"@news.example", "desk@[10.0.0.1]", "desk@localhost", "desk@news..example", ".desk@news.example", "de..sk@news.example",
                "desk@-news.example", "d\u00e9sk@news.example", "desk%0d%0a@news.example", "a@b@news.example", "", "desk@news.example,")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> EmailAddresses.parse(hostile), hostile);
            assertFalse(refused.getMessage().contains("evil"), refused.getMessage());
        }
        String eleven = String.join(",", java.util.stream.IntStream.range(0, 11).mapToObj(i -> "desk" + i + "@news.example").toList());
        assertThrows(IllegalArgumentException.class, () -> EmailAddresses.parse(eleven), "at most 10 addresses");
    }

    @Test
    void plainSmtpOnlyToLoopbackAndThePasswordIsNeverPrinted() {
        assertThrows(IllegalArgumentException.class, () -> new SmtpSettings("email-smtp.eu-west-1.amazonaws.com", 587, "alerts@news.example", false, "u", "p"));
        SmtpSettings ses = new SmtpSettings("email-smtp.eu-west-1.amazonaws.com", 587, "alerts@news.example", true, "AKIAEXAMPLE", "s3cret-password");
        assertFalse(ses.toString().contains("s3cret-password"), ses.toString());
        new SmtpSettings("localhost", 1025, "alerts@news.example", false, null, null);
        assertThrows(IllegalArgumentException.class, () -> new SmtpSettings("localhost", 1025, "alerts@news.example\r\nBcc: x@y.example", false, null, null));
    }

    @Test
    void theEmailEscapesEveryTextForHtmlAndKeepsControlCharactersOutOfTheSubject() {
        Alert alert = new Alert("demo-news", Trigger.RISING, "k", "id", AT, "Rising: <script>x()</script> \"q\" & 'a'\r\nBcc: x@evil.example",
                "Summary <b>", "javascript:alert(1)", List.of(new Alert.Fact("Top referring hosts", "<img src=x onerror=y>, t.co")), Map.of());
        EmailMessage email = EmailMessage.render(alert);
        assertFalse(email.subject().contains("\r") || email.subject().contains("\n"), email.subject());
        assertTrue(email.html().contains("&lt;script&gt;x()&lt;/script&gt; &quot;q&quot; &amp; &#39;a&#39;"), email.html());
        assertTrue(email.html().contains("&lt;img src=x onerror=y&gt;, t.co"));
        assertFalse(email.html().contains("<script") || email.html().contains("<img") || email.html().contains("<b>"), email.html());
        assertFalse(email.html().contains("javascript:"), "a link that is not http(s) is left out");
        assertFalse(email.text().contains("\r"), "the text part's lines are the renderer's own");
        assertTrue(email.text().contains("Top referring hosts: <img src=x onerror=y>, t.co"), email.text());
    }

    @Test
    void aDigestIsDueAtTheSitesLocalHourAndCoversItsLocalDays() {
        DigestSchedule lisbon = new DigestSchedule(8, ZoneId.of("Europe/Lisbon"));
        // Monday 30 November 2026, 08:30 in Lisbon (UTC+0 in winter): yesterday, and last week.
        List<DigestService.Period> due = DigestService.due(lisbon, Instant.parse("2026-11-30T08:30:00Z"));
        assertEquals(2, due.size());
        assertEquals(LocalDate.parse("2026-11-29"), due.get(0).first());
        assertEquals(Digest.WEEKLY, due.get(1).digest());
        assertEquals(LocalDate.parse("2026-11-23"), due.get(1).first());
        assertEquals(LocalDate.parse("2026-11-29"), due.get(1).last());
        assertEquals(List.of(), DigestService.due(lisbon, Instant.parse("2026-11-30T07:59:00Z")));
        // In summer Lisbon is UTC+1: 08:00 there is 07:00 UTC, and its day starts at 23:00 UTC.
        DigestService.Period summer = DigestService.due(lisbon, Instant.parse("2026-07-15T07:05:00Z")).get(0);
        assertEquals(Instant.parse("2026-07-13T23:00:00Z"), summer.from());
        assertEquals(Instant.parse("2026-07-14T23:00:00Z"), summer.to());
        assertEquals(1, DigestService.due(lisbon, Instant.parse("2026-07-15T07:05:00Z")).size(), "a Wednesday: daily only");
    }

    @Test
    void changesAreWrittenAsTheApiGivesThem() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        assertEquals("+183.3%", DigestService.change(json.numberNode(183.3)));
        assertEquals("−12.5%", DigestService.change(json.numberNode(-12.5)));
        assertEquals("±0%", DigestService.change(json.numberNode(0.0)));
        assertEquals("new", DigestService.change(json.nullNode()));
    }

    @Test
    void trafficIsFarOnlyWhenBothTheRatioAndCountingNoiseSaySo() {
        List<TrafficAnomaly.HourShare> hours = TrafficAnomaly.lastWeeksHours(Instant.parse("2026-11-24T13:10:00Z"));
        assertEquals(List.of(new TrafficAnomaly.HourShare(Instant.parse("2026-11-17T12:00:00Z"), 10 / 60.0),
                new TrafficAnomaly.HourShare(Instant.parse("2026-11-17T13:00:00Z"), 10 / 60.0)), hours);
        List<Long> busy = List.of(120L, 120L);                                   // expected: 40 in 20 minutes
        assertEquals(TrafficAnomaly.Kind.DROP, TrafficAnomaly.judge(8, hours, busy).kind());
        assertEquals(TrafficAnomaly.Kind.SURGE, TrafficAnomaly.judge(200, hours, busy).kind());
        assertNull(TrafficAnomaly.judge(30, hours, busy).kind(), "a quarter down is a normal swing");
        assertNull(TrafficAnomaly.judge(21, hours, busy).kind(), "just over half: not far, however significant");
        List<Long> night = List.of(6L, 6L);                                      // expected: 2
        assertNull(TrafficAnomaly.judge(0, hours, night).kind(), "a silent night is not a drop");
        assertNull(TrafficAnomaly.judge(6, hours, night).kind(), "three times a tiny number is noise");
        assertEquals(TrafficAnomaly.Kind.DROP, TrafficAnomaly.judge(0, hours, List.of(25L, 25L)).kind(), "none at all where about 8 were expected");
        assertNull(TrafficAnomaly.judge(0, hours, List.of(20L, 20L)).kind());
    }

    @Test
    void risingAlertsNameTheAuthorsOfTheTrustedDescription() {
        RisingRule.Verdict verdict = new RisingRule.Verdict(true, 40, 10, 4, 5.2, 4, 96);
        TrendingEntry entry = new TrendingEntry(1, "storm", "claimed title", "https://news.example/storm", "Local", "local", null, AT, 1,
                false, new ScoreBreakdown(40, 0, 0, 1, 40, 30, verdict));
        ArticleMeta meta = new ArticleMeta("storm", "https://news.example/storm", "Storm closes bridge", "Local", AT, null,
                List.of("Ana Ribeiro", "Tom Okafor"), List.of());
        Alert alert = AlertMessages.rising("demo-news", "Demo News", DecayWindow.ONE_HOUR, entry, meta, null, AT);
        assertTrue(alert.facts().contains(new Alert.Fact("By", "Ana Ribeiro, Tom Okafor")), alert.facts().toString());
        assertEquals(List.of("Ana Ribeiro", "Tom Okafor"), alert.data().get("authors"));
        Alert anonymous = AlertMessages.rising("demo-news", "Demo News", DecayWindow.ONE_HOUR, entry,
                new ArticleMeta("storm", "https://news.example/storm", "Storm closes bridge", "Local", AT, null), null, AT);
        assertTrue(anonymous.facts().stream().noneMatch(fact -> fact.label().equals("By")));
    }

    @Test
    void visitorsSayWhichUtcDaysTheyCoverWhenThePeriodIsNotWholeUtcDays() {
        com.fasterxml.jackson.databind.node.ObjectNode range = JsonNodeFactory.instance.objectNode();
        range.putObject("wholeDays").put("from", "2026-11-26T00:00:00Z").put("to", "2026-11-28T00:00:00Z");
        assertEquals("(UTC days 2026-11-26 to 2026-11-27)", DigestService.visitorsCover(range, "2026-11-26T05:00:00Z", "2026-11-27T05:00:00Z"));

        range.putObject("wholeDays").put("from", "2026-11-26T00:00:00Z").put("to", "2026-11-27T00:00:00Z");
        assertNull(DigestService.visitorsCover(range, "2026-11-26T00:00:00Z", "2026-11-27T00:00:00Z"), "a UTC day's digest: its own visitors");
    }
}
