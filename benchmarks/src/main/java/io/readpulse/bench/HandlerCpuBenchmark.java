package io.readpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.collect.CollectService;
import io.readpulse.entrypoints.CollectHandler;
import io.readpulse.store.dynamodb.DynamoRawEventStore;
import io.readpulse.store.dynamodb.DynamoSaltStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.testkit.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Collect's warm CPU per event, everything but the network: the real handler, service and store
 * code against an in-memory recording client, compared with parsing the same event JSON (the API
 * Gateway event and its body) with Jackson alone. Rounds alternate between the two and the table
 * reports the median round.
 *
 * <p>Run: {@code ./readpulse bench HandlerCpuBenchmark [events] [rounds]}
 */
public final class HandlerCpuBenchmark {
    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        ObjectMapper mapper = new ObjectMapper();
        Traffic traffic = new Traffic(5_000, 1.1, 80_000, 7);
        List<byte[]> requests = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            int visitor = traffic.nextVisitor();
            ObjectNode event = Fixtures.asVisitor(Fixtures.collectEvent(traffic.eventBody("bench-news", traffic.nextArticle(), traffic.nextDouble())),
                    "10.0." + (visitor >> 8 & 255) + "." + (visitor & 255), "Mozilla/5.0 (bench) reader " + visitor);
            requests.add(mapper.writeValueAsBytes(event));
        }
        Instant now = Instant.parse("2026-11-29T09:00:00Z");
        RecordingDynamoDbClient dynamo = new RecordingDynamoDbClient(Map.of(
                "bench-news", Map.of("pk", AttributeValue.fromS("SITES"), "sk", AttributeValue.fromS("bench-news"),
                        "name", AttributeValue.fromS("Bench"), "domains", AttributeValue.fromL(List.of(AttributeValue.fromS("news.example"))),
                        "sketchSalt", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[32]))),
                "2026-11-29", Map.of("salt", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[32])))));
        CollectHandler handler = new CollectHandler(new CollectService(new DynamoSiteStore(dynamo, "t"), new DynamoSaltStore(dynamo, "t"),
                new DynamoRawEventStore(dynamo, "t", Duration.ofDays(7))), Clock.fixed(now, ZoneOffset.UTC));

        List<Double> handlerNanos = new ArrayList<>();
        List<Double> parseNanos = new ArrayList<>();
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            for (byte[] request : requests) {
                ByteArrayOutputStream response = new ByteArrayOutputStream(128);
                handler.handleRequest(new ByteArrayInputStream(request), response, null);
                sink += response.size();
            }
            handlerNanos.add((System.nanoTime() - start) / (double) events);
            start = System.nanoTime();
            for (byte[] request : requests) {
                JsonNode event = mapper.readTree(request);
                JsonNode body = mapper.readTree(event.get("body").asText());
                sink += body.size();
            }
            parseNanos.add((System.nanoTime() - start) / (double) events);
        }
        // The first rounds warm the JIT; the median of the rest is reported.
        List<Double> handlerWarm = handlerNanos.subList(rounds / 3, rounds);
        List<Double> parseWarm = parseNanos.subList(rounds / 3, rounds);
        double handlerMedian = median(handlerWarm);
        double parseMedian = median(parseWarm);
        System.out.printf("%nCollect handler CPU per event, warm, %d events x %d rounds (median of the last %d), java %s%n",
                events, rounds, handlerWarm.size(), System.getProperty("java.version"));
        System.out.println("| path | µs per event |");
        System.out.println("|---|---:|");
        System.out.printf("| CollectHandler.handleRequest (parse, validate, visitor key, item, response) | %.2f |%n", handlerMedian / 1000);
        System.out.printf("| floor: Jackson readTree of the event and of its body | %.2f |%n", parseMedian / 1000);
        System.out.printf("| ratio | %.2f |%n", handlerMedian / parseMedian);
        System.out.printf("%n(%d puts recorded; checksum %d)%n", dynamo.puts.get(), sink);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
