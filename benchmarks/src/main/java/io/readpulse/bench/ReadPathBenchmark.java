package io.readpulse.bench;

import io.readpulse.entrypoints.TrendingQueryHandler;
import io.readpulse.local.LocalReadpulse;
import io.readpulse.testkit.Fixtures;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The widget's read path. In process: TrendingQuery's warm latency against Dynoxide (the real
 * handler, the sample event, one GetItem each), p50 and p99. Over HTTP: the local runner's
 * throughput on GET trending with wrk on loopback, against the same JSON served as a static file by
 * the same HTTP server (the floor).
 *
 * <p>Run: {@code ./readpulse bench ReadPathBenchmark [seconds]} (needs {@code wrk}: apt-get install wrk)
 */
public final class ReadPathBenchmark {
    static final int WARMUP = 3_000;
    static final int MEASURED = 20_000;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        try (LocalReadpulse local = LocalReadpulse.start(LocalReadpulse.Options.forTests())) {
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 600; i++) {
                String id = "read-path-" + (i % 60);
                String body = "{\"site\":\"demo-news\",\"type\":\"view\",\"article\":{\"id\":\"" + id + "\",\"url\":\"http://localhost/demo/"
                        + id + "\",\"title\":\"Story " + id + "\",\"section\":\"World\",\"publishedAt\":\"2026-01-01T00:00:00Z\"}}";
                http.send(HttpRequest.newBuilder(URI.create(local.baseUrl() + "/v1/events")).header("content-type", "text/plain")
                        .header("user-agent", "Mozilla/5.0 (X11) reader-" + (i % 97)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            local.drainStream();
            local.runSchedule();

            TrendingQueryHandler handler = new TrendingQueryHandler(local.functionEnvironment());
            byte[] event = Files.readAllBytes(Fixtures.repositoryRoot().resolve("events/trending-query.json"));
            long[] nanos = new long[MEASURED];
            for (int i = 0; i < WARMUP + MEASURED; i++) {
                ByteArrayOutputStream response = new ByteArrayOutputStream();
                long start = System.nanoTime();
                handler.handleRequest(new ByteArrayInputStream(event), response, null);
                if (i >= WARMUP) {
                    nanos[i - WARMUP] = System.nanoTime() - start;
                }
                if (i == 0 && !response.toString(StandardCharsets.UTF_8).contains("\"statusCode\":200")) {
                    throw new IllegalStateException("the trending query failed: " + response);
                }
            }
            Arrays.sort(nanos);
            System.out.printf("%nTrendingQuery warm latency in process against Dynoxide, %d requests after %d warm-up%n", MEASURED, WARMUP);
            System.out.println("| p50 ms | p99 ms |");
            System.out.println("|---:|---:|");
            System.out.printf("| %.2f | %.2f |%n", nanos[MEASURED / 2] / 1e6, nanos[MEASURED * 99 / 100] / 1e6);

            String api = local.baseUrl() + "/v1/sites/demo-news/trending";
            String json = http.send(HttpRequest.newBuilder(URI.create(api)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Path staticCopy = local.repository().resolve("web/bench-trending.json");
            Files.writeString(staticCopy, json);
            try {
                double apiRate = wrk(api, seconds);
                double staticRate = wrk(local.baseUrl() + "/bench-trending.json", seconds);
                System.out.printf("%nLocal runner over HTTP, wrk -t2 -c16 -d%ds on loopback%n", seconds);
                System.out.println("| path | requests/s |");
                System.out.println("|---|---:|");
                System.out.printf("| GET /v1/sites/demo-news/trending (API Gateway emulation + handler + GetItem) | %.0f |%n", apiRate);
                System.out.printf("| the same JSON as a static file, same server (floor) | %.0f |%n", staticRate);
                System.out.printf("| ratio | %.2f |%n", staticRate / apiRate);
            } finally {
                Files.deleteIfExists(staticCopy);
            }
        }
    }

    private static double wrk(String url, int seconds) throws Exception {
        Process process = new ProcessBuilder(List.of("wrk", "-t2", "-c16", "-d" + seconds + "s", url)).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().forEach(line -> output.append(line).append('\n'));
        }
        process.waitFor();
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("wrk said: " + output);
        }
        return Double.parseDouble(rate.group(1));
    }
}
