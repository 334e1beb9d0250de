package io.readpulse.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.CounterState;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.testkit.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner with the real template and handlers, against Dynoxide: what `./readpulse local` serves. */
class LocalReadpulseIT {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aViewPostedToTheApiBecomesCountersWhenTheStreamIsDrained() throws Exception {
        try (LocalReadpulse local = LocalReadpulse.start(LocalReadpulse.Options.forTests())) {
            HttpResponse<String> response = postView(local, "first-story");
            assertEquals(202, response.statusCode(), response.body());
            assertEquals("{\"accepted\":1,\"bots\":0}", response.body());
            assertTrue(articleToday(local, "first-story").isEmpty(), "nothing is counted before the stream is delivered");

            assertEquals(1, local.drainStream());
            assertEquals(1, articleToday(local, "first-story").orElseThrow().views());
        }
    }

    @Test
    void inTheBackgroundTheStreamIsDeliveredWithinItsWindow() throws Exception {
        LocalReadpulse.Options options = LocalReadpulse.Options.forTests().withBackgroundStream(Duration.ofMillis(300));
        try (LocalReadpulse local = LocalReadpulse.start(options)) {
            assertEquals(202, postView(local, "background-story").statusCode());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (articleToday(local, "background-story").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(1, articleToday(local, "background-story").orElseThrow().views());
        }
    }

    @Test
    void apiGatewayAnswersAsItWouldForBadInputUnknownRoutesAndStaticFiles() throws Exception {
        try (LocalReadpulse local = LocalReadpulse.start(LocalReadpulse.Options.forTests())) {
            HttpResponse<String> malformed = HTTP.send(HttpRequest.newBuilder(URI.create(local.baseUrl() + "/v1/events"))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{not json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, malformed.statusCode());
            assertEquals("body", MAPPER.readTree(malformed.body()).path("error").path("field").asText());

            HttpResponse<String> unknown = get(local, "/v1/no-such-route");
            assertEquals(404, unknown.statusCode());
            assertEquals("{\"message\":\"Not Found\"}", unknown.body());

            HttpResponse<String> wrongMethod = get(local, "/v1/events");
            assertEquals(404, wrongMethod.statusCode(), "only POST /v1/events is a route");

            assertEquals(404, get(local, "/../template.yaml").statusCode(), "nothing outside web/ is served");
        }
    }

    @Test
    void dataSurvivesARestartAndTheDemoSiteIsCreatedOnce(@TempDir Path repository) throws Exception {
        copyRepositoryFiles(repository);
        LocalReadpulse.Options options = LocalReadpulse.Options.forTests().withRepository(repository).withDataDir(Path.of(".local-data"));
        try (LocalReadpulse local = LocalReadpulse.start(options)) {
            assertEquals(202, postView(local, "kept-story").statusCode());
            local.drainStream();
            assertTrue(Files.isRegularFile(repository.resolve(".local-data/engine.port")), "./readpulse admin finds the running engine");
        }
        assertFalse(Files.exists(repository.resolve(".local-data/engine.port")), "the port file goes with the engine");
        try (LocalReadpulse again = LocalReadpulse.start(options)) {
            assertEquals(1, articleToday(again, "kept-story").orElseThrow().views());
            assertEquals(1, again.admin("site", "list").lines().filter(line -> line.startsWith(LocalReadpulse.DEMO_SITE + "\t")).count());
        }
    }

    @Test
    void adminRunsAgainstTheLocalTableAndFailuresSaySo() {
        try (LocalReadpulse local = LocalReadpulse.start(LocalReadpulse.Options.forTests())) {
            String sites = local.admin("site", "list");
            assertTrue(sites.contains(LocalReadpulse.DEMO_SITE + "\tDemo News\tlocalhost,127.0.0.1"), sites);
            IllegalStateException usage = assertThrows(IllegalStateException.class, () -> local.admin("no-such-command"));
            assertTrue(usage.getMessage().contains("usage"), usage.getMessage());
        }
    }

    static HttpResponse<String> postView(LocalReadpulse local, String articleId) throws IOException, InterruptedException {
        String body = "{\"site\":\"demo-news\",\"type\":\"view\",\"article\":{\"id\":\"" + articleId + "\",\"url\":\""
                + local.baseUrl() + "/demo/" + articleId + "\",\"title\":\"A story\",\"section\":\"World\",\"publishedAt\":\"2026-01-01T00:00:00Z\"}}";
        return HTTP.send(HttpRequest.newBuilder(URI.create(local.baseUrl() + "/v1/events"))
                .header("content-type", "text/plain;charset=UTF-8")
                .header("origin", local.baseUrl())
                .header("user-agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(LocalReadpulse local, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(local.baseUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static Optional<CounterState> articleToday(LocalReadpulse local, String articleId) {
        return new DynamoCounterStore(local.dynamo(), local.table(), Duration.ofDays(400), 1)
                .find(CounterKey.article(LocalReadpulse.DEMO_SITE, LocalDate.now(ZoneOffset.UTC), articleId));
    }

    /** A repository of its own: the real template and web/ folder, so its data folder is the test's. */
    static void copyRepositoryFiles(Path repository) throws IOException {
        Path root = Fixtures.repositoryRoot();
        Files.copy(root.resolve("template.yaml"), repository.resolve("template.yaml"));
        Files.createDirectories(repository.resolve("web"));
    }

    static JsonNode json(String text) throws IOException {
        return MAPPER.readTree(text);
    }
}
