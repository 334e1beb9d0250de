package io.readpulse.bench;

import io.readpulse.testkit.Dynoxide;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.ReadpulseTable;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cold start against its floor, each in a fresh JVM: the time from starting {@code java} to the
 * response on its stdout. Runs alternate (handler, floor, handler, floor, ...) so that machine noise
 * falls on both; the table reports medians and their ratio. JVM flags are the template's
 * JAVA_TOOL_OPTIONS.
 *
 * <p>Run: {@code ./readpulse bench ColdStartBenchmark [runs]}
 */
public final class ColdStartBenchmark {
    private static final List<String> JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    record Case(String name, List<String> handlerArgs, String floorCall) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path root = Fixtures.repositoryRoot();
        String classpath = Files.readString(root.resolve("benchmarks/target/classpath.txt")).trim() + java.io.File.pathSeparator
                + root.resolve("benchmarks/target/classes");
        Path events = root.resolve("events");
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("Collect (POST /v1/events, collect-view.json)",
                List.of("io.readpulse.entrypoints.CollectHandler", events.resolve("collect-view.json").toString()), "put"));
        if (Files.exists(events.resolve("trending-query.json"))) {
            cases.add(new Case("TrendingQuery (GET trending, trending-query.json)",
                    List.of("io.readpulse.entrypoints.TrendingQueryHandler", events.resolve("trending-query.json").toString()), "get"));
        }
        try (Dynoxide engine = Dynoxide.start()) {
            String table = "readpulse-cold";
            DynamoDbClient dynamo = engine.client();
            ReadpulseTable.create(dynamo, table, false);
            Map<String, String> environment = new LinkedHashMap<>(Map.of(
                    "TABLE_NAME", table, "AWS_ENDPOINT_URL_DYNAMODB", engine.endpoint().toString(), "AWS_REGION", "us-east-1",
                    "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "RAW_EVENT_RETENTION_DAYS", "7"));
            runJava(classpath, environment, List.of("io.readpulse.admin.Admin", "site", "create", "demo-news", "--domain", "news.example"));

            System.out.printf("%nCold start, fresh JVM to first response, median of %d alternated runs (java %s, %s)%n",
                    runs, System.getProperty("java.version"), String.join(" ", JVM_FLAGS));
            System.out.println("| function | handler ms | floor ms (client + one call) | ratio |");
            System.out.println("|---|---:|---:|---:|");
            for (Case c : cases) {
                List<Double> handler = new ArrayList<>();
                List<Double> floor = new ArrayList<>();
                runJava(classpath, environment, main(ColdStartHandlerMain.class, c.handlerArgs()));
                for (int i = 0; i < runs; i++) {
                    handler.add(runJava(classpath, environment, main(ColdStartHandlerMain.class, c.handlerArgs())));
                    floor.add(runJava(classpath, environment, main(ColdStartFloorMain.class, List.of(c.floorCall()))));
                }
                double h = median(handler);
                double f = median(floor);
                System.out.printf("| %s | %.0f | %.0f | %.2f |%n", c.name(), h, f, h / f);
            }
        }
    }

    private static List<String> main(Class<?> mainClass, List<String> args) {
        List<String> command = new ArrayList<>(List.of(mainClass.getName()));
        command.addAll(args);
        return command;
    }

    /** Milliseconds from starting the JVM to its first line of output. */
    private static double runJava(String classpath, Map<String, String> environment, List<String> mainAndArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_FLAGS);
        command.add("-cp");
        command.add(classpath);
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        String firstLine;
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            firstLine = output.readLine();
        }
        double millis = (System.nanoTime() - start) / 1e6;
        process.waitFor();
        if (firstLine == null || firstLine.contains("\"statusCode\":5")) {
            throw new IllegalStateException(mainAndArgs + " failed: " + firstLine);
        }
        return millis;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
