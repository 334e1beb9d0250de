package io.readpulse.aggregate;

/**
 * What one stream batch adds to one counter item; made by {@link BatchAggregator}, added to an
 * item with {@link CounterState#plus}. Its meta is the page's latest claim, its section the one
 * the page named.
 */
public final class CounterDelta extends DayCounts {

    CounterDelta(Builder built) {
        super(built);
    }

    /**
     * This delta's decayed scores as the next day's item holds them (re-based to that day's epoch),
     * and nothing else: what a past day's late events owe to a next-day item that had already
     * carried that day's scores over when they arrived.
     *
     * @param alsoForwarded scores forwarded into this delta's day from the day before it, or null
     */
    public CounterDelta scoresForNextDay(CounterDelta alsoForwarded) {
        Builder next = new Builder(visitors.precision());
        next.addDecayedFromDayBefore(this);
        if (alsoForwarded != null) {
            next.addDecayedFromDayBefore(alsoForwarded);
        }
        return next.buildDelta();
    }
}
