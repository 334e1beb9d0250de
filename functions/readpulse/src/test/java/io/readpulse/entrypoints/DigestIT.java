package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.alerts.Alert;
import io.readpulse.alerts.Digest;
import io.readpulse.alerts.DigestService;
import io.readpulse.alerts.delivery.DeliveryPolicy;
import io.readpulse.alerts.delivery.HttpAlertSender;
import io.readpulse.http.HttpApiResponse;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.testkit.AlertReceiver;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.RealEngineTest;
import io.readpulse.testkit.ReportEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Daily digests of a site in New York (UTC−5 in November, digest hour 08:00 local, so 13:00 UTC):
 * known traffic on two local days, some of it on the other side of the UTC date line; SendDigests
 * run every hour for two days and three more times in the digest hour; a Slack-shaped receiver.
 * Each day's digest arrives once, at 13:05 UTC, and every number in it is the reports API's answer
 * (JSON, {@code compare=previous}) for that local day.
 */
class DigestIT extends RealEngineTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant PUBLISHED = Instant.parse("2026-11-01T12:00:00Z");
    private static final Pipeline.Article SUMMIT = new Pipeline.Article("summit", "https://news.example/world/summit",
            "Summit <b>ends</b> & talks resume", "World", PUBLISHED);
    private static final Pipeline.Article CUP = new Pipeline.Article("cup-final", "https://news.example/sport/cup-final", "Cup final", "Sport", PUBLISHED);
    private static final Pipeline.Article STORM = new Pipeline.Article("storm", "https://news.example/weather/storm", "Storm warning", "Weather", PUBLISHED);

    private int reader;

    @Test
    void eachLocalDaysDigestArrivesOnceAtTheLocalHourWithTheReportsApisNumbers() throws Exception {
        Pipeline pipeline = new Pipeline(engine, dynamo, environment(), Instant.parse("2026-11-25T06:00:00Z"));
        pipeline.createSite("demo-news", "news.example");
        // Wednesday 25 November, New York time (05:00Z on the 25th to 05:00Z on the 26th): the previous period.
        views(pipeline, SUMMIT, 2, "2026-11-25T14:00:00Z");
        views(pipeline, CUP, 4, "2026-11-26T03:30:00Z");            // 22:30 on the 25th in New York
        // Thursday 26 November, New York time: the digest's period.
        views(pipeline, SUMMIT, 10, "2026-11-26T15:00:00Z");
        views(pipeline, CUP, 4, "2026-11-26T18:00:00Z");
        views(pipeline, STORM, 3, "2026-11-27T04:00:00Z");          // 23:00 on the 26th in New York
        // Friday 27 November: the next digest's period.
        views(pipeline, STORM, 6, "2026-11-27T16:00:00Z");
        pipeline.aggregate();

        try (AlertReceiver slack = AlertReceiver.http()) {
            AlertRig rig = new AlertRig(environment(), dynamo, pipeline.clock, null);
            assertEquals(0, rig.admin("digest", "demo-news", "--hour", "8", "--zone", "America/New_York"), rig.output());
            assertTrue(rig.output().contains("08:00 America/New_York"), rig.output());
            assertEquals(0, rig.admin("add", "demo-news", "slack", "http://127.0.0.1:" + slack.port() + "/services/T0/B0/x",
                    "--triggers", "none", "--digest", "daily"), rig.output());
            assertEquals(2, rig.admin("digest", "demo-news", "--hour", "25"));
            assertEquals(2, rig.admin("digest", "demo-news", "--zone", "Mars/Olympus"));

            DigestService service = SendDigestsHandler.wire(environment(), dynamo, new HttpAlertSender(DeliveryPolicy.local()), pipeline.clock);
            SendDigestsHandler digests = new SendDigestsHandler(service, pipeline.clock);
            List<Instant> arrivals = new ArrayList<>();
            for (Instant run = Instant.parse("2026-11-27T00:05:00Z"); run.isBefore(Instant.parse("2026-11-29T00:00:00Z")); run = run.plus(Duration.ofHours(1))) {
                for (Duration extra : List.of(Duration.ZERO, Duration.ofMinutes(15), Duration.ofMinutes(45))) {
                    pipeline.clock.set(run.plus(extra));
                    int before = slack.received().size();
                    digests.handle(Fixtures.event("send-alerts-schedule.json"));
                    if (slack.received().size() > before) {
                        arrivals.add(pipeline.clock.instant());
                    }
                }
            }
            assertEquals(List.of(Instant.parse("2026-11-27T13:05:00Z"), Instant.parse("2026-11-28T13:05:00Z")), arrivals,
                    "one digest a day, at 08:00 in New York, however many runs");

            // The digest of Thursday 26 November, as the run built it, against the reports API for that local day.
            DigestService.Period thursday = new DigestService.Period(Digest.DAILY, LocalDate.parse("2026-11-26"), LocalDate.parse("2026-11-26"), NEW_YORK);
            assertEquals(Instant.parse("2026-11-26T05:00:00Z"), thursday.from());
            Alert digest = service.build(new DynamoSiteStore(dynamo, table).find("demo-news").orElseThrow(), thursday, Instant.parse("2026-11-27T13:05:00Z"));
            ReportsHandler reports = new ReportsHandler(environment(), dynamo, Clock.systemUTC());
            String key = ReportEvents.createKey(dynamo, table, Clock.systemUTC(), "demo-news");
            String[] range = {"from", "2026-11-26T05:00:00Z", "to", "2026-11-27T05:00:00Z", "granularity", "hour"};
            JsonNode site = api(reports, key, "site", range, "compare", "previous");
            JsonNode top = api(reports, key, "top", range, "compare", "previous", "sort", "views", "limit", "100");
            JsonNode sections = api(reports, key, "sections", range, "compare", "previous");
            JsonNode referrers = api(reports, key, "referrers", range);

            assertEquals(17, site.get("totals").get("views").asLong(), site.toString());
            assertEquals(6, site.get("totals").get("previous").get("views").asLong());
            assertEquals(183.3, site.get("totals").get("change").get("views").asDouble());
            Map<String, Object> data = digest.data();
            assertEquals(site.get("totals").get("views").asLong(), data.get("views"));
            assertEquals(site.get("totals").get("previous").get("views").asLong(), data.get("previousViews"));
            assertEquals(site.get("totals").get("change").get("views").asDouble(), data.get("viewsChangePct"));
            assertEquals(site.get("totals").get("reads").asLong(), data.get("reads"));
            assertEquals(site.get("totals").get("change").get("reads").asDouble(), data.get("readsChangePct"));
            assertEquals(site.get("totals").get("visitors").asLong(), data.get("visitors"));
            assertTrue(digest.facts().stream().anyMatch(fact -> fact.label().equals("Visitors (UTC days 2026-11-26 to 2026-11-27)")),
                    "a New York day touches two UTC days, whose readers the visitors count: " + digest.facts());

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> topRows = (List<Map<String, Object>>) data.get("top");
            assertEquals(3, topRows.size());
            for (int i = 0; i < topRows.size(); i++) {
                JsonNode row = top.get("articles").get(i);
                assertEquals(row.get("id").asText(), topRows.get(i).get("articleId"));
                assertEquals(row.get("views").asLong(), topRows.get(i).get("views"));
                assertEquals(row.get("previous").get("views").asLong(), topRows.get(i).get("previousViews"));
                JsonNode change = row.get("change").get("views");
                assertEquals(change.isNull() ? null : change.asDouble(), topRows.get(i).get("viewsChangePct"));
            }
            assertEquals(List.of("summit", "cup-final", "storm"), topRows.stream().map(row -> row.get("articleId")).toList());
            assertNull(topRows.get(2).get("viewsChangePct"), "new in the period: no change in percent");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> risers = (List<Map<String, Object>>) data.get("risers");
            assertEquals(List.of("summit"), risers.stream().map(row -> row.get("articleId")).toList(), "cup-final held steady; storm is new");
            assertEquals(400.0, risers.get(0).get("viewsChangePct"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> sectionRows = (List<Map<String, Object>>) data.get("sections");
            for (Map<String, Object> row : sectionRows) {
                JsonNode apiRow = null;
                for (JsonNode candidate : sections.get("sections")) {
                    if (candidate.get("section").asText().equals(row.get("section"))) {
                        apiRow = candidate;
                    }
                }
                assertEquals(apiRow.get("views").asLong(), row.get("views"), row.toString());
                JsonNode change = apiRow.get("change").get("views");
                assertEquals(change.isNull() ? null : change.asDouble(), row.get("viewsChangePct"));
            }
            assertEquals(referrers.get("classes").get("direct").asLong(), ((Map<?, ?>) data.get("referrerClasses")).get("direct"));

            // What the newsroom sees: the same numbers, in words, in the Slack message that arrived at 13:05.
            JsonNode message = MAPPER.readTree(slack.received().get(0).body());
            String shown = message.toString();
            assertTrue(message.get("blocks").get(0).get("text").get("text").asText()
                    .startsWith("Daily digest for "), shown);
            assertTrue(shown.contains("Thursday 26 November 2026"), shown);
            assertTrue(shown.contains("Views: 17 (+183.3% on the day before, 6)"), shown);
            assertTrue(shown.contains("1. Summit <b>ends</b> & talks resume: 10 views (+400%)"), "plain_text, shown as written: " + shown);
            assertTrue(shown.contains("3. Storm warning: 3 views (new)"), shown);
            assertTrue(shown.contains("Summit <b>ends</b> & talks resume: 10 views, up from 2 (+400%)"), shown);
            System.out.println("[readpulse] DigestIT: the digest of 2026-11-26 (America/New_York) as Slack got it: " + shown);
        }
    }

    private void views(Pipeline pipeline, Pipeline.Article article, int count, String at) {
        pipeline.clock.set(Instant.parse(at));
        for (int i = 0; i < count; i++) {
            reader++;
            pipeline.view("demo-news", article, "198.51.100." + reader, "Mozilla/5.0 reader-" + reader);
            pipeline.clock.advance(Duration.ofSeconds(10));
        }
    }

    private static JsonNode api(ReportsHandler reports, String key, String report, String[] range, String... more) throws Exception {
        String[] query = new String[range.length + more.length];
        System.arraycopy(range, 0, query, 0, range.length);
        System.arraycopy(more, 0, query, range.length, more.length);
        HttpApiResponse response = reports.handle(ReportEvents.get("demo-news", report, key, query));
        assertEquals(200, response.statusCode(), response.body());
        return MAPPER.readTree(response.body());
    }
}
