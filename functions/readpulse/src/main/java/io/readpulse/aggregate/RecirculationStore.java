package io.readpulse.aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** The Trending box's counters, one item per site and day, kept exactly once per batch as every counter item is. */
public interface RecirculationStore {
    /**
     * Adds each delta to its item ({@link RecirculationCounts#plus}), unless the item's ledger
     * already holds {@code batchId} or one of {@code ancestorBatchIds}. Safe to call again after a
     * partial failure.
     *
     * @return how many items were written
     */
    int applyOnce(Map<RecirculationKey, RecirculationCounts> deltas, String batchId, Set<String> ancestorBatchIds, Instant now);

    /** The site's items of these days that exist, by day. */
    Map<LocalDate, RecirculationCounts> days(String site, Collection<LocalDate> days);
}
