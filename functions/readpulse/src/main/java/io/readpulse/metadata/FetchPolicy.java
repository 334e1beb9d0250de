package io.readpulse.metadata;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of one page fetch.
 *
 * @param allowLoopback local mode: loopback addresses and any port pass, for the local runner's demo
 *                      site on 127.0.0.1; outside it only ports 80 and 443
 * @param connectTimeout for each TCP connection
 * @param deadline for the whole fetch, every redirect and every read included; name lookups are bounded
 *                 by the system resolver's own timeouts, and the deadline is checked after each
 * @param maxBodyBytes a larger page is refused, not truncated
 * @param maxRedirects redirects followed; one more is a failure
 */
public record FetchPolicy(boolean allowLoopback, Duration connectTimeout, Duration deadline, int maxBodyBytes, int maxRedirects) {

    public FetchPolicy {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(deadline, "deadline");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("connectTimeout and deadline must be positive");
        }
        if (maxBodyBytes < 1 || maxRedirects < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive and maxRedirects not negative");
        }
    }

    /** For the deployed trending job: public addresses on ports 80 and 443 only. */
    public static FetchPolicy production() {
        return new FetchPolicy(false, Duration.ofSeconds(2), Duration.ofSeconds(5), 2 * 1024 * 1024, 3);
    }

    /** For the local runner: the production limits, with loopback addresses and any port allowed. */
    public static FetchPolicy local() {
        FetchPolicy production = production();
        return new FetchPolicy(true, production.connectTimeout(), production.deadline(), production.maxBodyBytes(), production.maxRedirects());
    }
}
