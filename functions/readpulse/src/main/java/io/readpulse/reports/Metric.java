package io.readpulse.reports;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a top list can be ranked by; the wire name is the {@code sort} parameter's value. */
public enum Metric {
    VIEWS("views"),
    READS("reads"),
    VISITORS("visitors"),
    ENGAGED("engaged"),
    SHARES("shares");

    private final String wireName;

    Metric(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static String wireNames() {
        return Arrays.stream(values()).map(Metric::wireName).collect(Collectors.joining(", "));
    }
}
