package io.readpulse.local.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.local.LocalReadpulse;
import io.readpulse.model.TrackedEvent;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.store.dynamodb.DynamoRawEventStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 20,000 events from 16 concurrent clients through the local runner's HTTP endpoint on loopback:
 * every acknowledged event is in the raw store and counted exactly once. The throughput is
 * printed, not asserted. {@code -Dreadpulse.load.events=N} changes the volume.
 */
@Tag("load")
class LoadIT {
    static final int CLIENTS = 16;
    static final int ARTICLES = 200;

    @Test
    void everyAcknowledgedEventIsStoredAndCountedExactlyOnce() throws Exception {
        int events = Integer.getInteger("readpulse.load.events", 20_000);
        try (LocalReadpulse local = LocalReadpulse.start(LocalReadpulse.Options.forTests())) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI collect = URI.create(local.baseUrl() + "/v1/events");
            Map<String, AtomicInteger> acknowledged = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            AtomicLong refused = new AtomicLong();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            Instant hourBefore = Instant.now().truncatedTo(ChronoUnit.HOURS);
            long start = System.nanoTime();
            List<Future<?>> running = new java.util.ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    for (int n = next.getAndIncrement(); n < events; n = next.getAndIncrement()) {
                        String article = "load-" + (n % ARTICLES);
                        String body = "{\"site\":\"demo-news\",\"type\":\"view\",\"article\":{\"id\":\"" + article
                                + "\",\"url\":\"http://localhost/demo/" + article + "\",\"title\":\"Load " + article
                                + "\",\"section\":\"World\",\"publishedAt\":\"2026-01-01T00:00:00Z\"}}";
                        HttpRequest request = HttpRequest.newBuilder(collect)
                                .header("content-type", "text/plain;charset=UTF-8")
                                .header("user-agent", "Mozilla/5.0 (X11; Linux x86_64) load-client-" + client)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 202) {
                            acknowledged.computeIfAbsent(article, a -> new AtomicInteger()).incrementAndGet();
                        } else {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
            clients.shutdown();
            double seconds = (System.nanoTime() - start) / 1e9;
            int total = acknowledged.values().stream().mapToInt(AtomicInteger::get).sum();
            System.out.printf("[readpulse] load: %d events from %d clients in %.1f s: %.0f events/s sustained, %d acknowledged, %d refused%n",
                    events, CLIENTS, seconds, events / seconds, total, refused.get());
            assertEquals(events, total + refused.get());
            assertEquals(0, refused.get(), "a healthy runner acknowledges every valid event");

            long drainStart = System.nanoTime();
            local.drainStream();
            System.out.printf("[readpulse] load: the stream and aggregator took %.1f s more%n", (System.nanoTime() - drainStart) / 1e9);

            DynamoRawEventStore raw = new DynamoRawEventStore(local.dynamo(), local.table(), Duration.ofDays(7));
            Map<String, Integer> stored = new HashMap<>();
            for (Instant hour = hourBefore; !hour.isAfter(Instant.now()); hour = hour.plus(Duration.ofHours(1))) {
                for (TrackedEvent event : raw.readHour("demo-news", hour)) {
                    stored.merge(event.articleId(), 1, Integer::sum);
                }
            }
            DynamoCounterStore counters = new DynamoCounterStore(local.dynamo(), local.table(), Duration.ofDays(400), 1);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            long counted = 0;
            for (Map.Entry<String, AtomicInteger> article : acknowledged.entrySet()) {
                assertEquals(article.getValue().get(), stored.getOrDefault(article.getKey(), 0), article.getKey() + " raw events");
                long views = counters.find(CounterKey.article("demo-news", today, article.getKey())).orElseThrow().views();
                assertEquals(article.getValue().get(), views, article.getKey() + " views counted");
                counted += views;
            }
            assertTrue(counted == total, "counted " + counted + " of " + total);
        }
    }
}
