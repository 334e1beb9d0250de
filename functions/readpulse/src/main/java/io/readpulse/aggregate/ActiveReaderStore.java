package io.readpulse.aggregate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-minute active readers of each site: one item per minute ({@link ActiveMinute}, with its
 * sketches) and, for the chart, one small item per {@value #CHART_SPAN_MINUTES} minutes holding those
 * minutes' {@link MinuteFigures}. Written by the aggregator, read by the {@code now} report by
 * computed keys only.
 */
public interface ActiveReaderStore {
    int CHART_SPAN_MINUTES = 10;

    /**
     * Adds each minute's delta ({@link ActiveMinute#plus}) exactly once: a minute whose ledger
     * already holds {@code batchId} or one of {@code ancestorBatchIds} is left as it is, as
     * {@link CounterStore#applyOnce} does for counters. Then raises the chart's figures of every
     * minute the batch touched to what the minute now holds ({@link MinuteFigures#max}). Safe to
     * call again with the same arguments after a partial failure.
     *
     * @return how many items were written
     */
    int applyOnce(List<ActiveMinute> deltas, String batchId, Set<String> ancestorBatchIds, Instant now);

    /** The site's stored minutes among {@code minutes}, by minute. */
    Map<Instant, ActiveMinute> minutes(String site, List<Instant> minutes);

    /** The chart's figures of the site's minutes in {@code [from, to)}, by minute; minutes nobody was active in are absent. */
    Map<Instant, MinuteFigures> figures(String site, Instant from, Instant to);
}
