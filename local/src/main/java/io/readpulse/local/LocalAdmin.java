package io.readpulse.local;

import io.readpulse.admin.Admin;
import io.readpulse.config.Environment;
import io.readpulse.testkit.Dynoxide;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.ReadpulseTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ./readpulse admin ...} against the local table: through the running runner's engine when
 * there is one (its port is in {@code .local-data/engine.port}), else on the data file directly.
 * The admin command runs in this JVM with the variables operators give it against AWS; the runner
 * itself runs it in a child JVM (see {@link #run}), so its output can be captured.
 */
public final class LocalAdmin {
    static final String ENGINE_PORT_FILE = "engine.port";

    record Result(int exitCode, String output) {
    }

    private LocalAdmin() {
    }

    public static void main(String[] args) {
        Path repository = Fixtures.repositoryRoot();
        Path dataDir = repository.resolve(LocalReadpulse.Options.defaults().dataDir());
        String table = LocalTemplate.read(repository.resolve("template.yaml"), Map.of(), LocalReadpulse.STACK_NAME).tableName();
        Integer runningPort = runningEnginePort(dataDir.resolve(ENGINE_PORT_FILE));
        Result result;
        if (runningPort != null) {
            result = runHere(LocalReadpulse.engineEnvironment("http://127.0.0.1:" + runningPort, table), args);
        } else {
            createDirectories(dataDir);
            try (Dynoxide engine = Dynoxide.start(dataDir.resolve("readpulse.db"), Dynoxide.freePort());
                 DynamoDbClient dynamo = engine.client()) {
                ReadpulseTable.create(dynamo, table);
                result = runHere(LocalReadpulse.engineEnvironment(engine.endpoint().toString(), table), args);
            }
        }
        System.exit(result.exitCode());
    }

    /**
     * Runs the admin command in this JVM, with the variables it would read from the environment:
     * {@code ./readpulse admin} starts one JVM, not two.
     */
    static Result runHere(Map<String, String> environment, String... args) {
        return new Result(Admin.forEnvironment(new Environment(environment), System.out).run(args), "");
    }

    /** Runs the admin command in a child JVM with these variables; its output is captured unless {@code inheritIo}. */
    static Result run(Map<String, String> environment, boolean inheritIo, String... args) {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.readpulse.admin.Admin"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        if (inheritIo) {
            builder.inheritIO();
        }
        try {
            Process process = builder.start();
            String output = inheritIo ? "" : new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run the admin command", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the admin command ran", e);
        }
    }

    private static Integer runningEnginePort(Path portFile) {
        if (!Files.isRegularFile(portFile)) {
            return null;
        }
        try {
            int port = Integer.parseInt(Files.readString(portFile).trim());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return port;
            }
        } catch (IOException | NumberFormatException staleFile) {
            return null;
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
