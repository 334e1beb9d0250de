package io.readpulse.admin;

/** A command line the admin command cannot act on (exit code 2); the message names the option or word at fault. */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message, null, false, false);
    }
}
