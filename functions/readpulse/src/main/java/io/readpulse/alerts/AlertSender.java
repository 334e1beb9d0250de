package io.readpulse.alerts;

/** Sends one alert to one destination, with its retries; never throws for a receiver's failure. */
@FunctionalInterface
public interface AlertSender {
    Delivery send(Destination destination, Alert alert);
}
