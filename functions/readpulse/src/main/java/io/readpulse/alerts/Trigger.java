package io.readpulse.alerts;

import java.util.Optional;

/** What makes an alert, by the name an operator types. */
public enum Trigger {
    /** An article enters a site's {@code rising} list for a window (1h or 24h). */
    RISING("rising"),
    /** An article passes a destination's number of reads today (UTC). */
    MILESTONE("milestone"),
    /** No events at all for 15 minutes while the site usually has many in this hour: a broken tracking script. */
    SILENCE("silence"),
    /**
     * The site's traffic in the last 20 minutes far below or above the same 20 minutes a week
     * before (see {@code TrafficAnomaly}).
     */
    TRAFFIC("traffic"),
    /** A daily or weekly digest, to the destinations that asked for one ({@code --digest}); not a trigger one picks. */
    DIGEST("digest"),
    /** Sent by {@code admin alerts test}, on demand. */
    TEST("test");

    private final String wireName;

    Trigger(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Trigger> fromWire(String name) {
        for (Trigger trigger : values()) {
            if (trigger.wireName.equals(name) && trigger != TEST && trigger != DIGEST) {
                return Optional.of(trigger);
            }
        }
        return Optional.empty();
    }
}
