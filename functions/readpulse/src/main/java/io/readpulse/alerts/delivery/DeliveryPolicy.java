package io.readpulse.alerts.delivery;

import java.time.Duration;
import java.util.List;

/**
 * How hard a delivery tries.
 *
 * @param allowLoopback local mode: receivers on loopback addresses pass the address check
 * @param connectTimeout for each TCP connection
 * @param deadline for each attempt, from the connection to the response's head
 * @param backoff the pause before each retry: its length is the number of retries
 */
public record DeliveryPolicy(boolean allowLoopback, Duration connectTimeout, Duration deadline, List<Duration> backoff) {

    public DeliveryPolicy {
        backoff = List.copyOf(backoff);
    }

    /** Three attempts, 1 s and 4 s apart, 5 s each: at most about 20 s for a dead receiver. */
    public static DeliveryPolicy production() {
        return new DeliveryPolicy(false, Duration.ofSeconds(2), Duration.ofSeconds(5), List.of(Duration.ofSeconds(1), Duration.ofSeconds(4)));
    }

    public static DeliveryPolicy local() {
        DeliveryPolicy production = production();
        return new DeliveryPolicy(true, production.connectTimeout(), production.deadline(), production.backoff());
    }
}
