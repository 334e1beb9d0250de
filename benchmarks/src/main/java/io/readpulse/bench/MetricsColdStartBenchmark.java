package io.readpulse.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the first metrics line costs a fresh JVM: Powertools for AWS Lambda's metrics module (through
 * its API, no AspectJ) against the project's own EMF writer ({@code observe.Metrics}), each a fresh
 * JVM from {@code java} to the line on stdout, alternated so machine noise falls on both. The
 * difference is what each would add to every cold start of Collect, whose budget is 1.3 times its floor.
 *
 * <p>Run: {@code ./readpulse bench MetricsColdStartBenchmark [runs]}
 */
public final class MetricsColdStartBenchmark {
    private static final List<String> JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    /** Writes one EMF line with the project's writer. */
    public static final class Ours {
        public static void main(String[] args) {
            io.readpulse.observe.Metrics.of("Collect").dimension("Site", "demo-news").count("EventsAccepted", 1).emit();
        }
    }

    /** Writes one EMF line with Powertools. */
    public static final class Powertools {
        public static void main(String[] args) {
            software.amazon.lambda.powertools.metrics.Metrics metrics = software.amazon.lambda.powertools.metrics.MetricsFactory.getMetricsInstance();
            metrics.setNamespace("Readpulse");
            metrics.addDimension("Site", "demo-news");
            metrics.addMetric("EventsAccepted", 1, software.amazon.lambda.powertools.metrics.model.MetricUnit.COUNT);
            metrics.flush();
        }
    }

    /** A JVM that prints a line and nothing else: the floor under both. */
    public static final class Floor {
        public static void main(String[] args) {
            System.out.println("{}");
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path root = io.readpulse.testkit.Fixtures.repositoryRoot();
        String classpath = Files.readString(root.resolve("benchmarks/target/classpath.txt")).trim() + java.io.File.pathSeparator
                + root.resolve("benchmarks/target/classes");
        List<Double> ours = new ArrayList<>();
        List<Double> powertools = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        for (int i = -2; i < runs; i++) {
            double o = firstLine(classpath, Ours.class);
            double p = firstLine(classpath, Powertools.class);
            double f = firstLine(classpath, Floor.class);
            if (i >= 0) {
                ours.add(o);
                powertools.add(p);
                floor.add(f);
            }
        }
        System.out.printf("%nFirst EMF line in a fresh JVM, median of %d alternated runs (java %s, %s)%n", runs,
                System.getProperty("java.version"), String.join(" ", JVM_FLAGS));
        System.out.println("| writer | ms to the line | over a JVM printing one line |");
        System.out.println("|---|---:|---:|");
        double base = median(floor);
        System.out.printf("| a JVM printing one line (floor) | %.0f | |%n", base);
        System.out.printf("| observe.Metrics (jackson-core generator) | %.0f | +%.0f |%n", median(ours), median(ours) - base);
        System.out.printf("| Powertools metrics 2.8.0 (aws-embedded-metrics) | %.0f | +%.0f |%n", median(powertools), median(powertools) - base);
    }

    private static double firstLine(String classpath, Class<?> main) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-cp", classpath, main.getName()));
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        // As in Lambda, and so that aws-embedded-metrics writes to stdout rather than probing for an agent.
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "readpulse-bench");
        builder.environment().put("AWS_EMF_ENVIRONMENT", "Local");
        Process process = builder.start();
        java.util.concurrent.ScheduledFuture<?> watchdog = java.util.concurrent.Executors.newSingleThreadScheduledExecutor()
                .schedule(process::destroyForcibly, 20, java.util.concurrent.TimeUnit.SECONDS);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            double millis = (System.nanoTime() - start) / 1e6;
            if (line == null || !line.startsWith("{")) {
                throw new IllegalStateException(main.getSimpleName() + " printed " + line);
            }
            out.transferTo(java.io.Writer.nullWriter());
            process.waitFor();
            watchdog.cancel(false);
            return millis;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
