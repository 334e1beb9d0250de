package io.readpulse.metadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A TCP server on 127.0.0.1 that does whatever the test says with each connection: for servers that misbehave. */
final class RawServer implements AutoCloseable {
    /** What the server does with one accepted connection. */
    @FunctionalInterface
    interface Behaviour {
        void serve(Socket connection) throws IOException, InterruptedException;
    }

    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger connections = new AtomicInteger();

    RawServer(Behaviour behaviour) {
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket connection = listener.accept();
                    connections.incrementAndGet();
                    threads.execute(() -> {
                        try (connection) {
                            behaviour.serve(connection);
                        } catch (IOException | InterruptedException clientWentAway) {
                            // The fetcher gave up and closed the connection, or the test is over.
                        }
                    });
                } catch (IOException closed) {
                    // close() was called.
                }
            }
        });
    }

    int port() {
        return listener.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}
