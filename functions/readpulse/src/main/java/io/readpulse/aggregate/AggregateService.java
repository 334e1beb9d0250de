package io.readpulse.aggregate;

import io.readpulse.model.TrackedEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies one stream batch of raw events to the counters, exactly once.
 *
 * <p>The batch is named by the stream event ids at its two ends. Lambda redelivers a failed batch
 * whole, or, with BisectBatchOnFunctionError, as halves that each share one end with it; the
 * batch markers find those parents, and every counter item's ledger says which batches it
 * already holds, so nothing is counted twice whichever way the batch comes back.
 */
public final class AggregateService {
    private final CounterStore counters;
    private final BatchMarkers markers;
    private final Clock clock;
    /** Null where only counters are kept (some benchmarks and tests). */
    private final ActiveReaderStore activeReaders;
    private final ActiveReadersFold activeReadersFold = new ActiveReadersFold();

    public AggregateService(CounterStore counters, BatchMarkers markers, Clock clock) {
        this(counters, markers, null, clock);
    }

    /** @param activeReaders where each batch's per-minute active readers go, once per batch as counters */
    public AggregateService(CounterStore counters, BatchMarkers markers, ActiveReaderStore activeReaders, Clock clock) {
        this.counters = counters;
        this.markers = markers;
        this.activeReaders = activeReaders;
        this.clock = clock;
    }

    /** @return how many counter items were written */
    public int apply(List<StreamRecord> records) {
        if (records.isEmpty()) {
            return 0;
        }
        String firstEventId = records.get(0).eventId();
        String lastEventId = records.get(records.size() - 1).eventId();
        String batchId = batchId(firstEventId, lastEventId, records.size());
        Set<String> parents = markers.register(batchId, firstEventId, lastEventId, clock.instant());
        List<TrackedEvent> events = records.stream().map(StreamRecord::event).toList();
        int written = applyBatch(counters, events, batchId, parents, clock.instant());
        if (activeReaders != null) {
            written += activeReaders.applyOnce(activeReadersFold.fold(events), batchId, parents, clock.instant());
        }
        return written;
    }

    /**
     * Applies a batch of events exactly once: the counters ({@link #applyDeltas}), then the Trending
     * box's ({@link RecirculationFold}). Safe to call again with the same arguments after a partial failure.
     *
     * @return how many items were written
     */
    public static int applyBatch(CounterStore counters, List<TrackedEvent> events, String batchId, Set<String> ancestorBatchIds, Instant now) {
        int written = applyDeltas(counters, new BatchAggregator().aggregate(events), batchId, ancestorBatchIds, now);
        return written + counters.recirculation().applyOnce(new RecirculationFold().fold(events), batchId, ancestorBatchIds, now);
    }

    /**
     * Applies a batch's deltas exactly once, day by day as {@link CounterRules#plan} orders them.
     * Safe to call again with the same arguments after a partial failure.
     *
     * @return how many counter items were written (items that already held the batch are not counted)
     */
    public static int applyDeltas(CounterStore counters, Map<CounterKey, CounterDelta> deltas, String batchId, Set<String> ancestorBatchIds,
                           Instant now) {
        int written = 0;
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (Map<CounterKey, CounterChange> day : CounterRules.plan(deltas, today).values()) {
            written += counters.applyOnce(day, batchId, ancestorBatchIds, now);
        }
        return written;
    }

    static String batchId(String firstEventId, String lastEventId, int size) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest((firstEventId + '|' + lastEventId + '|' + size).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
