package io.readpulse.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the Dynoxide binary that {@code npm ci} installed, on a free loopback port. With a data
 * file it keeps its data across {@link #kill()} and {@link #restart()}, which the fault tests use.
 */
public final class Dynoxide implements Engine {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Path binary;
    private final Path dataFile;
    private final int port;
    private Process process;

    private Dynoxide(Path binary, Path dataFile, int port) {
        this.binary = binary;
        this.dataFile = dataFile;
        this.port = port;
    }

    /** An in-memory engine on a free port. */
    public static Dynoxide start() {
        return start(null, freePort());
    }

    /** An engine that keeps its data in {@code dataFile} (created if absent). */
    public static Dynoxide start(Path dataFile, int port) {
        Dynoxide engine = new Dynoxide(locateBinary(), dataFile, port);
        engine.launch();
        return engine;
    }

    @Override
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public String name() {
        return "Dynoxide";
    }

    public int port() {
        return port;
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts the engine again on the same port and data file. */
    public void restart() {
        kill();
        launch();
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            process = null;
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "serve", "--host", "127.0.0.1", "--port", Integer.toString(port)));
        if (dataFile != null) {
            command.add("--db-path");
            command.add(dataFile.toString());
        }
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start Dynoxide at " + binary, e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Dynoxide exited at start with code " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new IllegalStateException("Dynoxide did not listen on port " + port + " within " + START_TIMEOUT);
    }

    /**
     * The binary from {@code -Dreadpulse.dynoxide}, else {@code node_modules} found by walking up
     * from the working directory. Fails with the fix spelled out rather than skipping silently.
     */
    public static Path locateBinary() {
        String configured = System.getProperty("readpulse.dynoxide");
        if (configured != null && Files.isExecutable(Paths.get(configured))) {
            return Paths.get(configured).toAbsolutePath();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("node_modules/@dynoxide/linux-x64/dynoxide");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Dynoxide is not installed: run `npm ci` at the repository root");
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
