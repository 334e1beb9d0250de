package io.readpulse.aggregate;

import java.time.Instant;

/**
 * One point of the per-minute chart: the minute's active readers (its sketch's estimate) and views.
 * Both only grow as batches add to the minute, so the larger of two figures is the newer one:
 * {@link #max} is how a chart item takes a minute's figures, in any order and any number of times.
 */
public record MinuteFigures(Instant minute, long readers, long views) {

    public static MinuteFigures of(ActiveMinute minute) {
        return new MinuteFigures(minute.minute(), minute.readers().estimate(), minute.views());
    }

    public MinuteFigures max(MinuteFigures other) {
        if (!minute.equals(other.minute)) {
            throw new IllegalArgumentException("not the same minute");
        }
        return new MinuteFigures(minute, Math.max(readers, other.readers), Math.max(views, other.views));
    }
}
