package io.readpulse.reports;

import java.time.Duration;

/** The step of a report's time series, and the longest range each step may cover. */
public enum Granularity {
    HOUR("hour", Duration.ofDays(7)),
    DAY("day", Duration.ofDays(90));

    private final String wireName;
    private final Duration longestRange;

    Granularity(String wireName, Duration longestRange) {
        this.wireName = wireName;
        this.longestRange = longestRange;
    }

    public String wireName() {
        return wireName;
    }

    public Duration longestRange() {
        return longestRange;
    }
}
