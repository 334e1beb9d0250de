package io.readpulse.aggregate;

import java.time.Duration;
import java.util.Optional;

/**
 * The trending windows and the half-life of each. Scores use forward decay: an event at time t
 * adds exp(lambda * (t - t0)) where t0 is the start of the counter item's UTC day, so scores stay
 * additive (and batch-mergeable) and the numbers stay small because each day starts a new epoch.
 */
public enum DecayWindow {
    ONE_HOUR("1h", Duration.ofMinutes(30)),
    ONE_DAY("24h", Duration.ofHours(6)),
    ONE_WEEK("7d", Duration.ofDays(2));

    private final String wireName;
    private final double lambdaPerSecond;

    DecayWindow(String wireName, Duration halfLife) {
        this.wireName = wireName;
        this.lambdaPerSecond = Math.log(2) / halfLife.toSeconds();
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<DecayWindow> fromWire(String name) {
        for (DecayWindow window : values()) {
            if (window.wireName.equals(name)) {
                return Optional.of(window);
            }
        }
        return Optional.empty();
    }

    public double lambdaPerSecond() {
        return lambdaPerSecond;
    }

    /** Forward-decay weight of an event {@code secondsSinceEpoch} after the item's epoch. */
    public double growth(double secondsSinceEpoch) {
        return Math.exp(lambdaPerSecond * secondsSinceEpoch);
    }

    /** Present value, at {@code secondsSinceEpoch}, of a forward-decayed sum. */
    public double decayedValue(double forwardSum, double secondsSinceEpoch) {
        return forwardSum / growth(secondsSinceEpoch);
    }
}
