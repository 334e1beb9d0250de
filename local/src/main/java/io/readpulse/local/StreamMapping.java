package io.readpulse.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.observe.Log;
import io.readpulse.testkit.StreamPump;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Plays one DynamoDB Streams event source mapping: reads new records from the table's stream,
 * drops those its FilterCriteria reject, and hands the function batches of up to BatchSize records,
 * waiting at most the batching window for a batch to fill. A failed batch blocks the records
 * behind it and is retried with backoff, bisected first when the mapping says so, until
 * MaximumRetryAttempts; then it is logged as sent to the on-failure destination and skipped.
 */
final class StreamMapping {
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private record Batch(List<ObjectNode> records, int attempts) {
    }

    private final LocalFunction function;
    private final LocalTemplate.StreamSource source;
    private final StreamPump pump;
    private final Duration window;
    private final List<ObjectNode> pending = new ArrayList<>();
    /** Batches cut from the stream and not yet delivered, oldest first: a failed one and its retries stay in front. */
    private final Deque<Batch> batches = new ArrayDeque<>();
    private long firstPendingAtNanos;
    private long retryAtNanos;

    /** @param window the batching window to wait; the template's, or a shorter one locally */
    StreamMapping(LocalFunction function, LocalTemplate.StreamSource source, StreamPump pump, Duration window) {
        this.function = function;
        this.source = source;
        this.pump = pump;
        this.window = window;
    }

    LocalFunction function() {
        return function;
    }

    LocalTemplate.StreamSource source() {
        return source;
    }

    Duration window() {
        return window;
    }

    /** One background step: poll, then deliver full batches and any batch whose window has passed. */
    synchronized void tick() {
        collect();
        if (System.nanoTime() < retryAtNanos) {
            return;
        }
        try {
            deliver(false);
        } catch (LocalFunction.FunctionError failure) {
            Log.error("stream batch failed; it will be retried", failure.getCause(), "function", function.name());
        }
    }

    /**
     * Everything written so far, delivered now in batches of BatchSize, without waiting for the
     * window or a retry's backoff. A failing batch throws; it stays first in line for the next call.
     *
     * @return how many records were delivered
     */
    synchronized int drain() {
        collect();
        return deliver(true);
    }

    private void collect() {
        if (!function.available()) {
            return;
        }
        for (ObjectNode record : pump.poll()) {
            if (source.filter().admits(record)) {
                if (pending.isEmpty()) {
                    firstPendingAtNanos = System.nanoTime();
                }
                pending.add(record);
            }
        }
    }

    private int deliver(boolean everything) {
        int delivered = 0;
        while (!batches.isEmpty() || batchReady(everything)) {
            if (batches.isEmpty()) {
                List<ObjectNode> records = new ArrayList<>(pending.subList(0, Math.min(source.batchSize(), pending.size())));
                pending.subList(0, records.size()).clear();
                firstPendingAtNanos = System.nanoTime();
                batches.addLast(new Batch(records, 0));
            }
            Batch batch = batches.peekFirst();
            invoke(batch, everything);
            batches.pollFirst();
            delivered += batch.records().size();
        }
        return delivered;
    }

    /** A full batch is waiting, or a partial one whose window has passed (or the caller wants everything now). */
    private boolean batchReady(boolean everything) {
        return pending.size() >= source.batchSize()
                || (!pending.isEmpty() && (everything || System.nanoTime() - firstPendingAtNanos >= window.toNanos()));
    }

    /** Invokes the function with the first batch; on failure replaces it by its retries, as Lambda would, and rethrows. */
    private void invoke(Batch batch, boolean immediateRetry) {
        try {
            function.invoke(StreamPump.lambdaEvent(batch.records()).toString());
            retryAtNanos = 0;
        } catch (LocalFunction.FunctionError failure) {
            batches.pollFirst();
            int attempts = batch.attempts() + 1;
            if (source.maxRetries() >= 0 && attempts > source.maxRetries()) {
                Log.info("stream batch given up after retries; AWS would send it to the on-failure destination",
                        "function", function.name(), "records", batch.records().size(), "attempts", attempts);
            } else if (source.bisectOnError() && batch.records().size() > 1) {
                int half = batch.records().size() / 2;
                batches.addFirst(new Batch(batch.records().subList(half, batch.records().size()), attempts));
                batches.addFirst(new Batch(batch.records().subList(0, half), attempts));
            } else {
                batches.addFirst(new Batch(batch.records(), attempts));
            }
            long backoff = Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(attempts, 10));
            retryAtNanos = immediateRetry ? 0 : System.nanoTime() + Duration.ofMillis(backoff).toNanos();
            throw failure;
        }
    }
}
