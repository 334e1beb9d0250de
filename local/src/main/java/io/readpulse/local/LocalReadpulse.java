package io.readpulse.local;

import com.sun.net.httpserver.HttpServer;
import io.readpulse.config.Environment;
import io.readpulse.observe.Log;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.testkit.Dynoxide;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.ReadpulseTable;
import io.readpulse.testkit.StreamPump;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole of Readpulse on one machine, in process: Dynoxide holds the table as template.yaml
 * defines it; the template's HttpApi routes are served on {@link #baseUrl()} by the deployed handler
 * classes; the table's stream feeds the stream-mapped function in batches; the scheduled function
 * runs on a local interval; and {@code web/} is served beside the API.
 *
 * <p>{@code ./readpulse local} runs one with {@link Options#defaults()}. Tests start one with
 * {@link Options#forTests()}, where nothing runs in the background and {@link #drainStream()} and
 * {@link #runSchedule()} move the data along when the test says.
 */
public final class LocalReadpulse implements AutoCloseable {
    public static final String DEMO_SITE = "demo-news";
    static final String STACK_NAME = "readpulse-local";
    private static final String DEMO_EDITOR_KEY_FILE = "demo-editor-key";
    /** How often the stream is polled in the background. */
    private static final Duration STREAM_POLL = Duration.ofMillis(250);

    /**
     * @param port HTTP port; 0 picks a free one
     * @param dataDir where Dynoxide keeps its data file, so it survives a restart; null keeps it in memory
     * @param scheduleInterval how often scheduled functions run in the background; null: only on {@link #runSchedule()}
     * @param streamWindow the batching window to play; null: the template's. Ignored without {@code backgroundStream}
     * @param backgroundStream whether the stream is delivered in the background, or only on {@link #drainStream()}
     * @param clock the time of the events the runner builds (API requests, schedules)
     * @param repository the folder holding template.yaml and web/; null finds it above the working directory
     */
    public record Options(int port, Path dataDir, Duration scheduleInterval, Duration streamWindow,
                          boolean backgroundStream, Clock clock, Path repository) {

        /** What {@code ./readpulse local} runs: port 3000, data in .local-data/, a schedule every 10 seconds. */
        public static Options defaults() {
            return new Options(3000, Paths.get(".local-data"), Duration.ofSeconds(10), Duration.ofSeconds(2), true,
                    Clock.systemUTC(), null);
        }

        /** A free port, data in memory, and nothing in the background. */
        public static Options forTests() {
            return new Options(0, null, null, null, false, Clock.systemUTC(), null);
        }

        public Options withPort(int value) {
            return new Options(value, dataDir, scheduleInterval, streamWindow, backgroundStream, clock, repository);
        }

        public Options withDataDir(Path value) {
            return new Options(port, value, scheduleInterval, streamWindow, backgroundStream, clock, repository);
        }

        public Options withScheduleInterval(Duration value) {
            return new Options(port, dataDir, value, streamWindow, backgroundStream, clock, repository);
        }

        /** Delivers the stream in the background with this batching window (null: the template's). */
        public Options withBackgroundStream(Duration window) {
            return new Options(port, dataDir, scheduleInterval, window, true, clock, repository);
        }

        public Options withClock(Clock value) {
            return new Options(port, dataDir, scheduleInterval, streamWindow, backgroundStream, value, repository);
        }

        public Options withRepository(Path value) {
            return new Options(port, dataDir, scheduleInterval, streamWindow, backgroundStream, clock, value);
        }
    }

    private final Options options;
    private final Path repository;
    private final LocalTemplate template;
    private final Dynoxide engine;
    private final DynamoDbClient dynamo;
    private final Map<String, String> baseEnvironment;
    private final List<LocalFunction> functions = new ArrayList<>();
    private final List<StreamMapping> streams = new ArrayList<>();
    private final List<ScheduledRule> schedules = new ArrayList<>();
    private final StaticFiles files;
    private final Path dataDir;
    private final Path portFile;
    private Optional<String> demoEditorKey;
    private HttpServer server;
    private HttpFront front;
    private ExecutorService requestThreads;
    private ScheduledExecutorService background;

    private LocalReadpulse(Options options) {
        this.options = options;
        this.repository = options.repository() != null ? options.repository() : Fixtures.repositoryRoot();
        this.template = LocalTemplate.read(repository.resolve("template.yaml"), Map.of(), STACK_NAME);
        if (options.dataDir() == null) {
            engine = Dynoxide.start();
            dataDir = null;
            portFile = null;
        } else {
            dataDir = repository.resolve(options.dataDir());
            createDirectories(dataDir);
            engine = Dynoxide.start(dataDir.resolve("readpulse.db"), Dynoxide.freePort());
            portFile = dataDir.resolve(LocalAdmin.ENGINE_PORT_FILE);
        }
        this.dynamo = engine.client();
        this.files = new StaticFiles(repository.resolve("web"), options.clock().instant());
        this.baseEnvironment = engineEnvironment(engine.endpoint().toString(), template.tableName());
    }

    /** Starts everything; close it to stop everything, Dynoxide included. */
    public static LocalReadpulse start(Options options) {
        LocalReadpulse local = new LocalReadpulse(options);
        try {
            local.startAll();
            return local;
        } catch (RuntimeException failed) {
            local.close();
            throw failed;
        }
    }

    /** The variables that point a function or the admin command at this engine and table. */
    static Map<String, String> engineEnvironment(String endpoint, String table) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(Environment.TABLE_NAME, table);
        variables.put(Environment.DYNAMODB_ENDPOINT, endpoint);
        variables.put("AWS_REGION", Intrinsics.REGION);
        variables.put("AWS_DEFAULT_REGION", Intrinsics.REGION);
        variables.put("AWS_ACCESS_KEY_ID", "local");
        variables.put("AWS_SECRET_ACCESS_KEY", "local");
        // Locally the trending job reads article pages from this runner's own demo pages, on loopback.
        variables.put(Environment.ARTICLE_PAGES_ON_LOOPBACK, "true");
        variables.put(Environment.ALERT_RECEIVERS_ON_LOOPBACK, "true");
        return variables;
    }

    private void startAll() {
        ReadpulseTable.create(dynamo, template.tableName());
        Routes routes = new Routes();
        for (LocalTemplate.Function definition : template.functions()) {
            Map<String, String> variables = new LinkedHashMap<>(definition.environment());
            variables.putAll(baseEnvironment);
            variables.put("AWS_LAMBDA_FUNCTION_NAME", definition.logicalId());
            LocalFunction function = LocalFunction.load(definition, new Environment(variables));
            functions.add(function);
            definition.routes().forEach(route -> routes.add(route, function));
            for (LocalTemplate.StreamSource source : definition.streams()) {
                Duration window = options.streamWindow() != null ? options.streamWindow() : source.window();
                streams.add(new StreamMapping(function, source, new StreamPump(engine.streams(), dynamo, template.tableName()), window));
            }
            definition.schedules().stream().filter(LocalTemplate.Schedule::enabled)
                    .forEach(schedule -> schedules.add(new ScheduledRule(function, schedule, STACK_NAME)));
        }
        ensureDemoSite();
        startServer(routes);
        startBackground();
        if (portFile != null) {
            writePortFile();
        }
    }

    private void ensureDemoSite() {
        if (new DynamoSiteStore(dynamo, template.tableName()).find(DEMO_SITE).isEmpty()) {
            admin("site", "create", DEMO_SITE, "--name", "Demo News", "--domain", "localhost", "--domain", "127.0.0.1");
        }
    }

    /** The JDK's HTTP server on a free loopback port, behind {@link HttpFront} on the runner's port. */
    private void startServer(Routes routes) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on a loopback port", e);
        }
        requestThreads = Executors.newFixedThreadPool(8, daemon("readpulse-http"));
        server.setExecutor(requestThreads);
        server.createContext("/", new ApiGateway(routes, files, options.clock()));
        server.start();
        try {
            front = HttpFront.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), server.getAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + options.port()
                    + (options.port() != 0 ? " (is another runner using it? choose another with --port)" : ""), e);
        }
    }

    private void startBackground() {
        background = Executors.newScheduledThreadPool(2, daemon("readpulse-background"));
        if (options.backgroundStream()) {
            for (StreamMapping stream : streams) {
                background.scheduleWithFixedDelay(stream::tick, STREAM_POLL.toMillis(), STREAM_POLL.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        if (options.scheduleInterval() != null) {
            long every = options.scheduleInterval().toMillis();
            for (ScheduledRule rule : schedules) {
                if (rule.function().available()) {
                    background.scheduleWithFixedDelay(() -> fireLogged(rule), every, every, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    private void fireLogged(ScheduledRule rule) {
        try {
            rule.fire(options.clock());
        } catch (RuntimeException failure) {
            Log.error("scheduled run failed", failure, "function", rule.function().name());
        }
    }

    /** The base URL of the API and the pages, such as {@code http://localhost:3000}. */
    public String baseUrl() {
        return "http://localhost:" + front.port();
    }

    /**
     * Delivers every stream record written so far to the stream-mapped functions now, in batches of
     * the mapping's BatchSize; a failing batch throws and is delivered again on the next call.
     *
     * @return how many records were delivered
     */
    public int drainStream() {
        int delivered = 0;
        for (StreamMapping stream : streams) {
            delivered += stream.drain();
        }
        return delivered;
    }

    /**
     * Runs every scheduled function once now, as its schedule firing would.
     *
     * @throws IllegalStateException if a scheduled function's handler is not built
     */
    public void runSchedule() {
        for (ScheduledRule rule : schedules) {
            rule.fire(options.clock());
        }
    }

    /** Handler classes the template names that this build does not have; their routes answer 501. */
    public List<String> missingHandlers() {
        return functions.stream().filter(function -> !function.available()).map(function -> function.definition().handlerClass()).toList();
    }

    public boolean hasHandler(String className) {
        return function(className).map(LocalFunction::available).orElse(false);
    }

    /** The routes served, as API Gateway route keys ("POST /v1/events"). */
    public List<String> routeKeys() {
        List<String> keys = new ArrayList<>();
        functions.forEach(function -> function.definition().routes().forEach(route -> keys.add(route.routeKey())));
        return keys;
    }

    /** Schedules and stream mappings played, for the start-up banner. */
    List<StreamMapping> streamMappings() {
        return streams;
    }

    List<ScheduledRule> scheduledRules() {
        return schedules;
    }

    /** A client of the local engine. */
    /** The environment the runner gives every function (the engine, region, credentials, table). */
    public Environment functionEnvironment() {
        return new Environment(baseEnvironment);
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public String table() {
        return template.tableName();
    }

    public Path repository() {
        return repository;
    }

    StaticFiles files() {
        return files;
    }

    /** Where the engine keeps its data, or null when it is in memory. */
    Path dataDir() {
        return dataDir;
    }

    /** The function whose handler is this class, if the template has one. */
    Optional<LocalFunction> function(String handlerClass) {
        return functions.stream().filter(function -> function.definition().handlerClass().equals(handlerClass)).findFirst();
    }

    /**
     * Runs {@code io.readpulse.admin.Admin} against this table in a JVM of its own, as
     * {@code ./readpulse admin} does, and returns what it printed.
     *
     * @throws IllegalStateException if it exits with a non-zero code
     */
    public String admin(String... args) {
        LocalAdmin.Result result = LocalAdmin.run(baseEnvironment, false, args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("admin " + String.join(" ", args) + " exited with " + result.exitCode() + ": " + result.output());
        }
        return result.output();
    }

    /**
     * A reports API key for the demo site, made once per data folder (kept in it, as the key itself
     * cannot be read back) with the admin command's {@code key create}; empty where this build's
     * admin command has no {@code key} command.
     */
    public synchronized Optional<String> demoEditorKey() {
        if (demoEditorKey == null) {
            demoEditorKey = readOrCreateEditorKey();
        }
        return demoEditorKey;
    }

    private Optional<String> readOrCreateEditorKey() {
        Path keptKey = dataDir == null ? null : dataDir.resolve(DEMO_EDITOR_KEY_FILE);
        try {
            if (keptKey != null && Files.isRegularFile(keptKey)) {
                return Optional.of(Files.readString(keptKey, StandardCharsets.UTF_8).trim());
            }
            LocalAdmin.Result created = LocalAdmin.run(baseEnvironment, false, "key", "create", DEMO_SITE, "--label", "local demo editor");
            if (created.exitCode() != 0) {
                return Optional.empty();
            }
            List<String> lines = created.output().lines().filter(line -> !line.isBlank()).toList();
            String key = lines.get(lines.size() - 1).trim();
            if (keptKey != null) {
                Files.writeString(keptKey, key, StandardCharsets.UTF_8);
            }
            return Optional.of(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writePortFile() {
        try {
            Files.writeString(portFile, Integer.toString(engine.port()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (background != null) {
            background.shutdownNow();
            awaitQuietly(background);
        }
        if (front != null) {
            front.close();
        }
        if (server != null) {
            server.stop(0);
        }
        if (requestThreads != null) {
            requestThreads.shutdownNow();
        }
        if (portFile != null) {
            try {
                Files.deleteIfExists(portFile);
            } catch (IOException e) {
                Log.error("could not remove the engine port file", e);
            }
        }
        dynamo.close();
        engine.close();
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
