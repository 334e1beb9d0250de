package io.readpulse.trending;

/**
 * The score of the {@code top} and {@code fresh} lists:
 * {@code reads + 3 × min(shares, reads) + 0.5 × min(engaged minutes, 2 × reads)}, every term a
 * decayed value in the list's window with the flood factor applied. A share says more than a read,
 * an engaged minute a little less; the caps stop shares or long pings from carrying an article that
 * few people read.
 */
final class TopScore {
    static final double SHARE_WEIGHT = 3;
    static final double ENGAGED_MINUTE_WEIGHT = 0.5;
    static final double MAX_ENGAGED_MINUTES_PER_READ = 2;

    private TopScore() {
    }

    static double of(double reads, double shares, double engagedMinutes) {
        return reads + SHARE_WEIGHT * Math.min(shares, reads)
                + ENGAGED_MINUTE_WEIGHT * Math.min(engagedMinutes, MAX_ENGAGED_MINUTES_PER_READ * reads);
    }
}
