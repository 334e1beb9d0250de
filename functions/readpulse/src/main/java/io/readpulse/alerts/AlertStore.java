package io.readpulse.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Sites' alert destinations, the alerts already sent, and how deliveries went. */
public interface AlertStore {

    List<Destination> destinations(String site);

    Optional<Destination> destination(String site, String id);

    void save(Destination destination);

    /** @return false if there was none */
    boolean remove(String site, String id);

    /**
     * Claims an alert: succeeds (once) unless the same key was claimed and its cooldown has not
     * passed. A conditional write, so two runs side by side cannot both send it.
     *
     * @return true if this caller should send it
     */
    boolean claim(String site, String key, Instant now, Instant cooldownUntil);

    /** When the site's digests go out; {@link DigestSchedule#DEFAULT} until an operator sets it. */
    DigestSchedule digestSchedule(String site);

    void saveDigestSchedule(String site, DigestSchedule schedule);

    /** Counts a delivery on its destination; a failure also becomes the destination's last failure. */
    void recordDelivery(String site, String destinationId, Delivery delivery, Instant at);
}
