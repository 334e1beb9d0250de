package io.readpulse.aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The per-day counters of articles, sections and sites, and the aggregator's batch bookkeeping. */
public interface CounterStore {

    /**
     * Records a stream batch by the event ids at its two ends and returns the batches it is part
     * of: when Lambda bisects a failed batch, each half shares an end with its parent.
     */
    Set<String> registerBatch(String batchId, String firstEventId, String lastEventId, Instant now);

    /**
     * Adds each delta to its item exactly once: an item that already carries {@code batchId} or
     * one of {@code ancestorBatchIds} in its ledger is left alone. Safe to call again with the
     * same arguments after a partial failure.
     *
     * @return how many items were written (items skipped as already applied are not counted)
     */
    int apply(Map<CounterKey, DayCounters> deltas, String batchId, Set<String> ancestorBatchIds, Instant now);

    Optional<DayCounters> find(CounterKey key);

    /** Every article's counters of a site on one day, for jobs and reports that rank articles. */
    Map<String, DayCounters> articlesOfDay(String site, LocalDate day);

    Map<CounterKey, DayCounters> findAll(Collection<CounterKey> keys);

    /** How many counter items a site has on one day (the site's, its sections' and its articles'): what a replay replaces. */
    int countDay(String site, LocalDate day);

    /**
     * Starts rebuilding counters apart from the live ones, so that a replay that stops halfway
     * leaves the live counters as they were. The rebuild's store applies to and reads from a key
     * space of its own; its items expire at {@code expiresAt} unless they are swapped in first.
     *
     * @param firstDay the first day rebuilt: the day before it is read from the live counters, for
     *     the scores each item carries over from its previous day
     */
    Rebuild startRebuild(String rebuildId, LocalDate firstDay, Instant expiresAt);

    /** Counters being rebuilt by a replay, not yet seen by anything that reads the live ones. */
    interface Rebuild {
        /** Where the rebuild is folded: {@link CounterStore#apply} writes there, its reads read there. */
        CounterStore counters();

        /**
         * Makes a day's rebuilt items the live ones: each is written over its live item, live
         * items the rebuild does not have are deleted, then the rebuilt copies are deleted. A day
         * whose swap stopped halfway holds each item either as it was or as rebuilt.
         */
        Swap swapIn(String site, LocalDate day);
    }

    /** What swapping a day in did: live items written (new or replaced), and live items deleted. */
    record Swap(int written, int deleted) {
    }

    /**
     * Like {@link #articlesOfDay} for several days at once, but only what ranking needs is read and
     * filled in: reads, hourly reads, the decayed sums, the visitor sketch, the section and the
     * metadata. Every other count is left at zero.
     */
    Map<LocalDate, Map<String, DayCounters>> rankingInputsOfDays(String site, List<LocalDate> days);

    /** Like {@link #findAll}, but only what ranking needs is read (see {@link #rankingInputsOfDays}). */
    Map<CounterKey, DayCounters> findRankingInputs(Collection<CounterKey> keys);

    /** Like {@link #findAll}, but only reads and hourly reads are read: the baselines of trending candidates. */
    Map<CounterKey, DayCounters> findReads(Collection<CounterKey> keys);
}
