package io.readpulse.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The runner reads any template generically: a template of its own here, whose functions record
 * what they receive, shows the events API Gateway, the stream mapping and the schedule would send.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplatePlayIT {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String TEMPLATE = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Stage:
                Type: String
                Default: test
              Origins:
                Type: CommaDelimitedList
                Default: 'https://a.example,https://b.example'
            Globals:
              Function:
                Runtime: java21
                Timeout: 5
                Environment:
                  Variables:
                    TABLE_NAME: !Ref Table
                    STAGE: !Ref Stage
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub 'play-${Stage}'
              Queue:
                Type: AWS::SQS::Queue
              ArticlesFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: io.readpulse.local.RecordingHandler::handleRequest
                  Environment:
                    Variables:
                      ORIGINS: !Join [',', !Ref Origins]
                      QUEUE_ARN: !GetAtt Queue.Arn
                      GREETING: !Sub 'hello from ${AWS::Region} in ${Stage}'
                  Events:
                    One:
                      Type: HttpApi
                      Properties:
                        Method: GET
                        Path: /v1/sites/{site}/articles/{article}
                    Report:
                      Type: HttpApi
                      Properties:
                        Method: ANY
                        Path: /v1/sites/{site}/reports/{report+}
                    Exact:
                      Type: HttpApi
                      Properties:
                        Method: GET
                        Path: /v1/sites/{site}/articles/top
              StreamFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: io.readpulse.local.RecordingHandler::handleRequest
                  Environment:
                    Variables:
                      FAIL_TIMES: 1
                  Events:
                    Changes:
                      Type: DynamoDB
                      Properties:
                        Stream: !GetAtt Table.StreamArn
                        BatchSize: 3
                        MaximumBatchingWindowInSeconds: 60
                        BisectBatchOnFunctionError: true
                        FilterCriteria:
                          Filters:
                            - Pattern: '{"eventName":["INSERT"],"dynamodb":{"Keys":{"pk":{"S":[{"prefix":"EV#"}]}}}}'
              TimerFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: io.readpulse.local.RecordingHandler::handleRequest
                  Events:
                    Every:
                      Type: Schedule
                      Properties:
                        Schedule: rate(1 minute)
              GhostFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: io.readpulse.entrypoints.GhostHandler::handleRequest
                  Events:
                    Ghost:
                      Type: HttpApi
                      Properties:
                        Method: GET
                        Path: /v1/ghosts
            """;

    @TempDir
    static Path repository;
    LocalReadpulse local;

    @BeforeAll
    void start() throws IOException {
        Files.writeString(repository.resolve("template.yaml"), TEMPLATE);
        Files.createDirectories(repository.resolve("web"));
        Files.writeString(repository.resolve("web/hello.txt"), "hello");
        RecordingHandler.reset();
        local = LocalReadpulse.start(LocalReadpulse.Options.forTests().withRepository(repository));
    }

    @AfterAll
    void stop() {
        local.close();
    }

    @BeforeEach
    void forgetEvents() {
        RecordingHandler.EVENTS.clear();
    }

    @Test
    void functionsGetTheTemplatesVariablesResolvedAndPointedAtTheLocalEngine() {
        Map<String, String> variables = RecordingHandler.ENVIRONMENTS.get("ArticlesFunction");
        assertEquals("play-test", variables.get("TABLE_NAME"));
        assertEquals("play-test", local.table());
        assertEquals("test", variables.get("STAGE"));
        assertEquals("https://a.example,https://b.example", variables.get("ORIGINS"));
        assertEquals("arn:aws:sqs:us-east-1:123456789012:readpulse-local-Queue", variables.get("QUEUE_ARN"));
        assertEquals("hello from us-east-1 in test", variables.get("GREETING"));
        assertTrue(variables.get("AWS_ENDPOINT_URL_DYNAMODB").startsWith("http://127.0.0.1:"));
        assertEquals("1", RecordingHandler.ENVIRONMENTS.get("StreamFunction").get("FAIL_TIMES"));
        assertFalse(RecordingHandler.ENVIRONMENTS.get("TimerFunction").containsKey("FAIL_TIMES"), "variables are per function");
    }

    @Test
    void aRequestBecomesAPayload2EventAndTheProxyResponseBecomesHttp() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(local.baseUrl() + "/v1/sites/demo-news/articles/some%20story?range=7d&tag=a&tag=b"))
                .header("Cookie", "c1=x; c2=y").header("X-Custom", "Value").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("ArticlesFunction", response.headers().firstValue("x-function").orElseThrow());
        assertEquals(List.of("a=1", "b=2"), response.headers().allValues("set-cookie"));

        JsonNode event = MAPPER.readTree(response.body());
        assertEquals("2.0", event.path("version").asText());
        assertEquals("GET /v1/sites/{site}/articles/{article}", event.path("routeKey").asText());
        assertEquals("/v1/sites/demo-news/articles/some%20story", event.path("rawPath").asText());
        assertEquals("range=7d&tag=a&tag=b", event.path("rawQueryString").asText());
        assertEquals(Map.of("site", "demo-news", "article", "some story"), MAPPER.convertValue(event.path("pathParameters"), Map.class));
        assertEquals(Map.of("range", "7d", "tag", "a,b"), MAPPER.convertValue(event.path("queryStringParameters"), Map.class));
        assertEquals("Value", event.path("headers").path("x-custom").asText(), "header names are lower-cased");
        assertFalse(event.path("headers").has("cookie"), "cookies travel in their own field");
        assertEquals(List.of("c1=x", "c2=y"), MAPPER.convertValue(event.path("cookies"), List.class));
        JsonNode http = event.path("requestContext").path("http");
        assertEquals("GET", http.path("method").asText());
        assertEquals("127.0.0.1", http.path("sourceIp").asText());
        assertTrue(http.path("userAgent").asText().startsWith("Java-http-client"));
        assertEquals("$default", event.path("requestContext").path("stage").asText());
        assertFalse(event.path("isBase64Encoded").asBoolean());
    }

    @Test
    void routesAreMatchedMostSpecificFirstWithGreedyVariablesLast() throws Exception {
        assertEquals("GET /v1/sites/{site}/articles/top", routeKeyOf(get("/v1/sites/s1/articles/top")));
        JsonNode greedy = MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(local.baseUrl() + "/v1/sites/s1/reports/articles/a-1.csv"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"x\":1}")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("ANY /v1/sites/{site}/reports/{report+}", greedy.path("routeKey").asText());
        assertEquals("articles/a-1.csv", greedy.path("pathParameters").path("report").asText());
        assertEquals("{\"x\":1}", greedy.path("body").asText());
        assertEquals(404, get("/v1/sites/s1/reports").statusCode(), "a greedy variable needs at least one segment");
        assertEquals(404, get("/v1/sites/s1/articles").statusCode());
        assertEquals("hello", get("/hello.txt").body(), "what is not a route is a file of web/");
    }

    @Test
    void aRouteWhoseHandlerIsNotBuiltAnswers501SayingWhich() throws Exception {
        HttpResponse<String> response = get("/v1/ghosts");
        assertEquals(501, response.statusCode());
        JsonNode error = MAPPER.readTree(response.body()).path("error");
        assertEquals("not_implemented", error.path("code").asText());
        assertTrue(error.path("message").asText().contains("io.readpulse.entrypoints.GhostHandler"), error.toString());
        assertEquals(List.of("io.readpulse.entrypoints.GhostHandler"), local.missingHandlers());
    }

    @Test
    void theStreamIsFilteredBatchedAndAFailedBatchRetriedBisected() {
        for (int i = 0; i < 5; i++) {
            put("EV#site#" + i, "e" + i);
        }
        put("AD#not-an-event", "x");

        assertThrows(LocalFunction.FunctionError.class, local::drainStream, "the first invocation fails on purpose");
        int delivered = local.drainStream();

        List<JsonNode> invocations = RecordingHandler.events("StreamFunction");
        assertEquals(List.of(3, 1, 2, 2), invocations.stream().map(event -> event.path("Records").size()).toList(),
                "a batch of 3 fails, is retried as halves of 1 and 2, then the last 2 records follow");
        assertEquals(5, delivered);
        Set<String> keys = invocations.subList(1, 4).stream()
                .flatMap(event -> java.util.stream.StreamSupport.stream(event.path("Records").spliterator(), false))
                .map(record -> record.path("dynamodb").path("Keys").path("pk").path("S").asText())
                .collect(Collectors.toSet());
        assertEquals(Set.of("EV#site#0", "EV#site#1", "EV#site#2", "EV#site#3", "EV#site#4"), keys, "the filter let only raw events through");
        assertEquals(0, local.drainStream(), "nothing is delivered twice");
    }

    @Test
    void theScheduleSendsAnEventBridgeScheduledEvent() {
        local.runSchedule();
        JsonNode event = RecordingHandler.events("TimerFunction").get(0);
        assertEquals("Scheduled Event", event.path("detail-type").asText());
        assertEquals("aws.events", event.path("source").asText());
        assertEquals("arn:aws:events:us-east-1:123456789012:rule/readpulse-local-TimerFunctionEvery", event.path("resources").get(0).asText());
        assertTrue(event.path("detail").isObject() && event.path("detail").isEmpty());
        assertTrue(event.path("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), event.path("time").asText());
    }

    private void put(String pk, String sk) {
        local.dynamo().putItem(request -> request.tableName(local.table())
                .item(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(local.baseUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String routeKeyOf(HttpResponse<String> response) throws IOException {
        return MAPPER.readTree(response.body()).path("routeKey").asText();
    }
}
