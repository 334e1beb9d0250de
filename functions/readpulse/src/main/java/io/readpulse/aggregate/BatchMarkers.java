package io.readpulse.aggregate;

import java.time.Instant;
import java.util.Set;

/**
 * The stream batches the aggregator has seen, each named by the stream event ids at its two ends.
 * When Lambda bisects a failed batch, each half shares an end with its parent: that is how a half
 * finds the batches it is part of.
 */
public interface BatchMarkers {
    /**
     * Records a batch by its two edge event ids.
     *
     * @return the ids of the batches it is part of (its ancestors), never its own
     */
    Set<String> register(String batchId, String firstEventId, String lastEventId, Instant now);
}
