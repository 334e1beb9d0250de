package io.readpulse.store;

import io.readpulse.model.TrackedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The durable log of accepted events. When {@link #append} returns, every event is stored. */
public interface RawEventStore {
    /** @throws StoreUnavailableException if any event could not be stored */
    void append(List<TrackedEvent> events);

    /** Every stored event of a site within the UTC hour starting at {@code hourStart}, oldest first. */
    List<TrackedEvent> readHour(String site, Instant hourStart);

    /**
     * The articles of a site with events stored at or after {@code from}, up to {@code to}: which
     * counters may have changed since then. Reads only those events' keys and article ids.
     */
    Set<String> articlesWithEventsSince(String site, Instant from, Instant to);

    /**
     * How many views by people (not bots) a site stored in {@code [from, to)}, by the events' own
     * times. Counts on the server's side (nothing but the count comes back), but reads every event of
     * the span: for alerts, whose spans are minutes.
     */
    long humanViewsBetween(String site, Instant from, Instant to);
}
