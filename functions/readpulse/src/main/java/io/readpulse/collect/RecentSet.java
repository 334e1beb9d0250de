package io.readpulse.collect;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, time-limited memory of keys seen by this function instance. Lambda reuses an
 * instance for many requests, so this catches most reload floods and repeated metadata cheaply;
 * it is a best effort, never the only guard.
 */
final class RecentSet {
    private final Duration ttl;
    private final Map<String, Instant> seen;

    RecentSet(int capacity, Duration ttl) {
        this.ttl = ttl;
        this.seen = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Remembers {@code key} at {@code now} and says whether it had been seen within the ttl. */
    synchronized boolean seenRecently(String key, Instant now) {
        Instant previous = seen.put(key, now);
        return previous != null && previous.plus(ttl).isAfter(now);
    }
}
