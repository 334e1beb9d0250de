package io.readpulse.alerts;

import java.time.ZoneId;

/**
 * When a site's digests go out: at {@code hour}:00 of the site's own day, in {@code zone} (an IANA
 * time zone, so summer time moves with it). A daily digest covers the day before, a weekly one (on
 * Mondays) the week before, both in that zone.
 */
public record DigestSchedule(int hour, ZoneId zone) {
    public static final DigestSchedule DEFAULT = new DigestSchedule(8, ZoneId.of("UTC"));

    public DigestSchedule {
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("a digest hour is 0 to 23, not " + hour);
        }
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%02d:00 %s", hour, zone.getId());
    }
}
