package io.readpulse.aggregate;

import java.time.LocalDate;

/** Which recirculation item a batch adds to: one per site and UTC day. */
public record RecirculationKey(String site, LocalDate day) {
}
