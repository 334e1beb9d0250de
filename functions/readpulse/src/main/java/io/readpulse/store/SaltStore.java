package io.readpulse.store;

import java.time.LocalDate;

/** The secret salt of each UTC day, created on first use and deleted (TTL) soon after the day ends. */
public interface SaltStore {
    byte[] saltFor(LocalDate day);
}
