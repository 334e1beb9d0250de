package io.readpulse.alerts;

import java.util.Optional;

/** How often a destination gets a site's digest: the period's report, at the site's digest hour. */
public enum Digest {
    /** Yesterday, in the site's time zone, against the day before. */
    DAILY("daily"),
    /** The last whole week (Monday to Sunday) in the site's time zone, against the week before; sent on Mondays. */
    WEEKLY("weekly");

    private final String wireName;

    Digest(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Digest> fromWire(String name) {
        for (Digest digest : values()) {
            if (digest.wireName.equals(name)) {
                return Optional.of(digest);
            }
        }
        return Optional.empty();
    }
}
