package io.readpulse.trending;

import java.time.Duration;

/**
 * What an operator may tune (template.yaml sets both).
 *
 * @param topMaxAge articles published longer ago leave the {@code top} lists
 * @param freshMaxAge the {@code fresh} lists hold only articles published within this age
 */
public record TrendingSettings(Duration topMaxAge, Duration freshMaxAge) {
    public static final int DEFAULT_TOP_MAX_AGE_HOURS = 168;
    public static final int DEFAULT_FRESH_MAX_AGE_HOURS = 24;

    public static TrendingSettings defaults() {
        return new TrendingSettings(Duration.ofHours(DEFAULT_TOP_MAX_AGE_HOURS), Duration.ofHours(DEFAULT_FRESH_MAX_AGE_HOURS));
    }
}
