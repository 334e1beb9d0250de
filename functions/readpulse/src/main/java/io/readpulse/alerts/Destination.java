package io.readpulse.alerts;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

/**
 * Where a site's alerts go, and which ones. The target URL and the secret are secrets in their own
 * right (a Slack webhook URL lets anyone post to the channel): they are printed masked and never logged.
 *
 * @param secret the webhook's signing key; null for Slack
 * @param milestoneReads the reads today that make a milestone alert
 * @param quietHours in {@code zone}; null for none
 * @param zone the destination's own time zone: quiet hours and the hours named in messages
 * @param digest the digest it also gets (e-mail and Slack only), or null for none
 * @param delivered deliveries that succeeded
 * @param failed deliveries that failed after every retry
 * @param lastFailure the last failure's code and detail (hosts only, never the URL), or null
 */
public record Destination(String site, String id, Kind kind, URI target, String secret, Set<Trigger> triggers,
                          long milestoneReads, QuietHours quietHours, ZoneId zone, Digest digest, Instant createdAt,
                          long delivered, long failed, String lastFailure, Instant lastFailureAt) {

    public enum Kind {
        SLACK("slack"), WEBHOOK("webhook"), EMAIL("email");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public Destination {
        triggers = Set.copyOf(triggers);
    }

    public boolean wants(Trigger trigger) {
        return trigger == Trigger.TEST || triggers.contains(trigger);
    }

    /** An e-mail destination's addresses, from its {@code mailto:} target. */
    public java.util.List<String> emailAddresses() {
        return kind == Kind.EMAIL ? EmailAddresses.ofTarget(target) : java.util.List.of();
    }

    /**
     * The target with its path and query hidden: what {@code admin alerts list} prints. E-mail
     * addresses are not secrets, and the operator needs to see where mail goes.
     */
    public String maskedTarget() {
        if (kind == Kind.EMAIL) {
            return String.join(",", emailAddresses());
        }
        String origin = target.getScheme() + "://" + target.getRawAuthority();
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        return path.length() <= 1 ? origin + path : origin + "/…";
    }
}
