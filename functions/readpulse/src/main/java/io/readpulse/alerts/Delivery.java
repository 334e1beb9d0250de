package io.readpulse.alerts;

/**
 * How one alert's delivery to one destination ended, after every attempt.
 *
 * @param failure a code such as {@code http_status} or {@code timeout}, or null when delivered
 * @param detail what went wrong, naming the host at most (never the URL, whose path may be a secret)
 */
public record Delivery(boolean delivered, int attempts, String failure, String detail) {

    public static Delivery delivered(int attempts) {
        return new Delivery(true, attempts, null, null);
    }

    public static Delivery failed(int attempts, String failure, String detail) {
        return new Delivery(false, attempts, failure, detail);
    }

    public String describe() {
        return delivered ? "delivered (" + attempts + (attempts == 1 ? " attempt)" : " attempts)")
                : "FAILED after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + failure + ": " + detail;
    }
}
