package io.readpulse.aggregate;

import io.readpulse.model.TrackedEvent;

/** A raw event as it arrived through the table's stream, with the stream's id for it. */
public record StreamRecord(String eventId, String sequenceNumber, TrackedEvent event) {
}
