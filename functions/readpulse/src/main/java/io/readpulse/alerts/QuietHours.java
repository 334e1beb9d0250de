package io.readpulse.alerts;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Hours of a destination's own day in which it gets no alerts (they are dropped, not held back: an
 * article rising at 03:00 is old news at 07:00). {@code from} may be after {@code to}: 22:00-07:00
 * spans midnight.
 */
public record QuietHours(LocalTime from, LocalTime to) {

    public boolean contains(LocalTime time) {
        if (from.equals(to)) {
            return false;
        }
        return from.isBefore(to) ? !time.isBefore(from) && time.isBefore(to) : !time.isBefore(from) || time.isBefore(to);
    }

    /** {@code HH:MM-HH:MM}, or empty when it is not that. */
    public static Optional<QuietHours> parse(String text) {
        String[] parts = text.split("-", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new QuietHours(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return from + "-" + to;
    }
}
