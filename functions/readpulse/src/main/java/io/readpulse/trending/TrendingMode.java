package io.readpulse.trending;

import java.util.Optional;

/** The kinds of Trending list, by the name a widget asks for. */
public enum TrendingMode {
    /** Most read now: decayed reads, with shares and engaged time weighted in. */
    TOP("top"),
    /** Growing fastest against the article's own recent baseline, and only when significantly so. */
    RISING("rising"),
    /** Like top, but only articles published recently. */
    FRESH("fresh");

    private final String wireName;

    TrendingMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<TrendingMode> fromWire(String name) {
        for (TrendingMode mode : values()) {
            if (mode.wireName.equals(name)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
