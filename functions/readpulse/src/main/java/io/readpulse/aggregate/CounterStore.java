package io.readpulse.aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The per-day counter items of articles, sections and sites. The store applies changes it is given,
 * once per batch and item; what a change does (merge, carry-over, late scores) is the domain's
 * ({@link CounterRules}).
 */
public interface CounterStore {

    /**
     * Applies each change to its item exactly once: an item that already carries {@code batchId} or
     * one of {@code ancestorBatchIds} in its ledger is left alone. The changes are applied side by
     * side; a batch spanning several days calls this once per day, oldest first, so that a later
     * day's new items see the earlier day's writes. Safe to call again with the same arguments
     * after a partial failure.
     *
     * @return how many items were written (items skipped as already applied, or left alone by
     *     their change, are not counted)
     */
    int applyOnce(Map<CounterKey, CounterChange> changes, String batchId, Set<String> ancestorBatchIds, Instant now);

    /** The Trending box's counters, in the same key space as these (a rebuild's, or the live ones). */
    RecirculationStore recirculation();

    Optional<CounterState> find(CounterKey key);

    /** Every article's counters of a site on one day, for jobs and reports that rank articles. */
    Map<String, CounterState> articlesOfDay(String site, LocalDate day);

    Map<CounterKey, CounterState> findAll(Collection<CounterKey> keys);

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
        /** Where the rebuild is folded: {@link CounterStore#applyOnce} writes there, its reads read there. */
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
     * Like {@link #articlesOfDay} for several days at once, but only what ranking needs is read
     * ({@link RankingInputs}).
     */
    Map<LocalDate, Map<String, RankingInputs>> rankingInputsOfDays(String site, List<LocalDate> days);

    /** Like {@link #findAll}, but only what ranking needs is read ({@link RankingInputs}). */
    Map<CounterKey, RankingInputs> findRankingInputs(Collection<CounterKey> keys);

    /** Like {@link #findAll}, but only reads and hourly reads are read: the baselines of trending candidates. */
    Map<CounterKey, ReadsBaseline> findReads(Collection<CounterKey> keys);
}
