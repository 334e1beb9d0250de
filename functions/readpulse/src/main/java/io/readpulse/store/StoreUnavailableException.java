package io.readpulse.store;

/** The database could not be reached or refused the work; callers answer 503, never pretend. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
