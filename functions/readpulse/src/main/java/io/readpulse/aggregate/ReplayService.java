package io.readpulse.aggregate;

import io.readpulse.model.TrackedEvent;
import io.readpulse.store.RawEventStore;
import io.readpulse.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Rebuilds a site's counters from its raw events, whole UTC days at a time (counter items are per
 * day): after a bug, or a new bot rule, fix the code and replay.
 *
 * <p>Raw events are kept only {@code RAW_EVENT_RETENTION_DAYS}, and a day's counters are all that
 * is left of it afterwards, so a replay never touches a day it cannot rebuild whole: only days
 * that began within the retention, and that ended long enough ago for the live counters to be
 * final, can be replayed. The days are folded oldest first (decayed scores carry forward) in
 * chronological batches of the stream mapping's size, through the same aggregation as the live
 * path, into counter items apart from the live ones; only when every day is folded are they
 * swapped in. A replay that fails or is killed before then leaves the live counters as they were,
 * and its rebuilt items expire by themselves.
 */
public final class ReplayService {
    static final int BATCH_SIZE = 10_000;
    /**
     * How long after its end a day's live counters can still change: the stream mapping retries a
     * batch up to an hour after its records were written, and counter items remember the batches
     * they hold for 90 minutes. A rebuilt item holds none of the live batches, so a retry arriving
     * after the swap would be counted twice.
     */
    static final Duration SETTLING_TIME = Duration.ofMinutes(90);
    /** How long rebuilt items are kept unless swapped in: far longer than a replay of the retention takes. */
    static final Duration REBUILD_LIFETIME = Duration.ofDays(2);

    private final RawEventStore rawEvents;
    private final CounterStore counters;
    private final Clock clock;
    private final Duration rawEventRetention;

    /** @param rawEventRetention how long raw events are kept (the template's RawEventRetentionDays) */
    public ReplayService(RawEventStore rawEvents, CounterStore counters, Clock clock, Duration rawEventRetention) {
        this.rawEvents = rawEvents;
        this.counters = counters;
        this.clock = clock;
        this.rawEventRetention = rawEventRetention;
    }

    /** What a replay of one day would read and replace. */
    public record DayPlan(LocalDate day, long rawEvents, int counterItems) {
    }

    /** What a replay did: the live items written (new or replaced) and deleted (not in the rebuild). */
    public record Result(String replayId, int days, long eventsReplayed, int itemsWritten, int itemsDeleted) {
    }

    /** Refused before anything was read or written: the range cannot be rebuilt whole. */
    public static final class RangeRefused extends IllegalArgumentException {
        RangeRefused(String message) {
            super(message);
        }
    }

    /** Failed after it started; the message says what state the live counters are in. */
    public static final class ReplayFailed extends RuntimeException {
        ReplayFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The days {@code from} through {@code to} with their raw events and live counter items, changing nothing. */
    public List<DayPlan> plan(String site, LocalDate from, LocalDate to) {
        checkRange(from, to);
        List<DayPlan> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            long[] events = {0};
            readDay(site, day, event -> events[0]++);
            days.add(new DayPlan(day, events[0], counters.countDay(site, day)));
        }
        return days;
    }

    /**
     * Rebuilds the days {@code from} through {@code to}, inclusive, and swaps them in.
     *
     * @throws RangeRefused if a day is beyond the raw events' retention or not yet final
     * @throws ReplayFailed if the store failed, or a day has counters but no raw events left
     */
    public Result rebuild(String site, LocalDate from, LocalDate to) {
        checkRange(from, to);
        Instant startedAt = clock.instant();
        String replayId = Long.toString(startedAt.toEpochMilli(), 36) + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        Instant expiresAt = startedAt.plus(REBUILD_LIFETIME);
        CounterStore.Rebuild rebuild = counters.startRebuild(replayId, from, expiresAt);
        long replayed = 0;
        try {
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                long events = fold(site, day, rebuild.counters(), "replay-" + replayId + "-" + day + "-");
                if (events == 0 && counters.countDay(site, day) > 0) {
                    throw new ReplayFailed("there are counters of " + day + " but no raw events: were they deleted sooner than"
                            + " RAW_EVENT_RETENTION_DAYS says? The live counters are unchanged", null);
                }
                replayed += events;
            }
        } catch (StoreUnavailableException e) {
            throw new ReplayFailed("replay " + replayId + " failed while rebuilding (" + reason(e)
                    + "); the live counters are unchanged and the rebuilt items expire at " + expiresAt, e);
        }
        if (clock.instant().isAfter(expiresAt.minus(REBUILD_LIFETIME.dividedBy(2)))) {
            throw new ReplayFailed("replay " + replayId + " took so long that its rebuilt items could expire while they are"
                    + " swapped in; the live counters are unchanged: replay fewer days at a time", null);
        }
        int written = 0;
        int deleted = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            try {
                CounterStore.Swap swap = rebuild.swapIn(site, day);
                written += swap.written();
                deleted += swap.deleted();
            } catch (StoreUnavailableException e) {
                throw new ReplayFailed("replay " + replayId + " failed while swapping in " + day + " (" + reason(e) + "): "
                        + (day.equals(from) ? "" : "the days before it are rebuilt, ") + day + " may be partly rebuilt"
                        + (day.equals(to) ? "" : " and the later days are unchanged") + "; run the same replay again", e);
            }
        }
        return new Result(replayId, (int) (to.toEpochDay() - from.toEpochDay() + 1), replayed, written, deleted);
    }

    /** The store's message and its cause's, such as "could not write counters: Unable to execute HTTP request". */
    private static String reason(StoreUnavailableException e) {
        Throwable cause = e.getCause();
        return cause == null || cause.getMessage() == null ? e.getMessage() : e.getMessage() + ": " + cause.getMessage();
    }

    /** The oldest day all of whose raw events are still kept. */
    private LocalDate oldestReplayableDay() {
        Instant oldestKept = clock.instant().minus(rawEventRetention);
        LocalDate day = LocalDate.ofInstant(oldestKept, ZoneOffset.UTC);
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(oldestKept) ? day.plusDays(1) : day;
    }

    /** The newest day whose live counters are final. */
    private LocalDate newestReplayableDay() {
        return LocalDate.ofInstant(clock.instant().minus(SETTLING_TIME), ZoneOffset.UTC).minusDays(1);
    }

    private void checkRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new RangeRefused("the range ends before it starts");
        }
        LocalDate oldest = oldestReplayableDay();
        if (from.isBefore(oldest)) {
            throw new RangeRefused("refused: raw events are kept " + rawEventRetention.toDays() + " days (RAW_EVENT_RETENTION_DAYS),"
                    + " so " + oldest + " is the oldest day they still hold whole; the counters of " + from
                    + " are all that is left of it and a replay would lose them");
        }
        LocalDate newest = newestReplayableDay();
        if (to.isAfter(newest)) {
            throw new RangeRefused("refused: " + newest + " is the newest day that can be replayed; a day's counters can change until "
                    + SETTLING_TIME.toMinutes() + " minutes after it ends (retried stream batches)");
        }
    }

    /** @return how many raw events of the day were folded into {@code into} */
    private long fold(String site, LocalDate day, CounterStore into, String batchIdPrefix) {
        List<TrackedEvent> batch = new ArrayList<>(BATCH_SIZE);
        int[] batchNumber = {0};
        long[] folded = {0};
        readDay(site, day, event -> {
            batch.add(event);
            if (batch.size() == BATCH_SIZE) {
                apply(into, batch, batchIdPrefix + batchNumber[0]++);
                folded[0] += batch.size();
                batch.clear();
            }
        });
        if (!batch.isEmpty()) {
            apply(into, batch, batchIdPrefix + batchNumber[0]);
            folded[0] += batch.size();
        }
        return folded[0];
    }

    /** The day's raw events, oldest first, an hour at a time. */
    private void readDay(String site, LocalDate day, Consumer<TrackedEvent> each) {
        Instant hour = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int h = 0; h < 24; h++, hour = hour.plus(Duration.ofHours(1))) {
            rawEvents.readHour(site, hour).forEach(each);
        }
    }

    private void apply(CounterStore into, List<TrackedEvent> events, String batchId) {
        AggregateService.applyBatch(into, events, batchId, Set.of(), clock.instant());
    }
}
