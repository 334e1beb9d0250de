package io.readpulse.aggregate;

import io.readpulse.model.TrackedEvent;
import io.readpulse.store.CounterStore;
import io.readpulse.store.RawEventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rebuilds a site's counters from its raw events, whole UTC days at a time (counter items are per
 * day): after a bug, or a new bot rule, fix the code and replay. The days' counter items are
 * deleted, then the raw events are folded in again in chronological batches of the stream
 * mapping's size, through the same aggregation as the live path.
 */
public final class ReplayService {
    static final int BATCH_SIZE = 10_000;

    private final RawEventStore rawEvents;
    private final CounterStore counters;
    private final Clock clock;
    private final BatchAggregator aggregator = new BatchAggregator();

    public ReplayService(RawEventStore rawEvents, CounterStore counters, Clock clock) {
        this.rawEvents = rawEvents;
        this.counters = counters;
        this.clock = clock;
    }

    /** What a replay did. */
    public record Result(int days, int itemsDeleted, long eventsReplayed, int itemsWritten) {
    }

    /** Rebuilds the days {@code from} through {@code to}, inclusive, oldest first (decayed scores carry forward). */
    public Result rebuild(String site, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the range ends before it starts");
        }
        String runId = Long.toString(clock.millis(), 36);
        int days = 0;
        int deleted = 0;
        long replayed = 0;
        int written = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days++;
            deleted += counters.deleteDay(site, day);
            List<TrackedEvent> batch = new ArrayList<>(BATCH_SIZE);
            int batchNumber = 0;
            Instant hour = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            for (int h = 0; h < 24; h++, hour = hour.plus(Duration.ofHours(1))) {
                for (TrackedEvent event : rawEvents.readHour(site, hour)) {
                    batch.add(event);
                    if (batch.size() == BATCH_SIZE) {
                        written += apply(batch, "replay-" + runId + "-" + day + "-" + batchNumber++);
                        replayed += batch.size();
                        batch.clear();
                    }
                }
            }
            if (!batch.isEmpty()) {
                written += apply(batch, "replay-" + runId + "-" + day + "-" + batchNumber);
                replayed += batch.size();
            }
        }
        return new Result(days, deleted, replayed, written);
    }

    private int apply(List<TrackedEvent> events, String batchId) {
        return counters.apply(aggregator.aggregate(events), batchId, Set.of(), clock.instant());
    }
}
