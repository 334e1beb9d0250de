package io.readpulse.trending;

import java.util.Optional;

/** What an editor may do to an article in a site's or a section's lists. */
public enum PinAction {
    /** Shown first in every list of the scope, whatever its score. */
    PIN("pin"),
    /** Never shown in the scope's lists; a site-wide exclusion also keeps it out of every section's. */
    EXCLUDE("exclude");

    private final String wireName;

    PinAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<PinAction> fromWire(String name) {
        for (PinAction action : values()) {
            if (action.wireName.equals(name)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
