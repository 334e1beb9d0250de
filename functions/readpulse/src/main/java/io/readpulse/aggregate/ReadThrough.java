package io.readpulse.aggregate;

/**
 * How many page views reached each read-depth milestone (25, 50, 75 and 100 percent of the article
 * body). Each page view counts once per milestone: its script sends a depth only when it grew, with
 * the milestone it sent before, and the ping counts the milestones in between.
 */
public record ReadThrough(long reached25, long reached50, long reached75, long reached100) {
    public static final ReadThrough NONE = new ReadThrough(0, 0, 0, 0);
    /** The milestone "read through" means in reports. */
    public static final int READ_THROUGH_MILESTONE = 75;

    /**
     * What one engagement ping adds: one for each milestone in {@code (from, depth]}. A ping without a
     * depth, or without the milestone sent before it (an older script that repeated its depth on
     * every ping), adds nothing.
     */
    public static ReadThrough ofPing(Integer from, Integer depth) {
        if (from == null || depth == null || depth <= from) {
            return NONE;
        }
        return new ReadThrough(between(from, depth, 25), between(from, depth, 50), between(from, depth, 75), between(from, depth, 100));
    }

    private static long between(int from, int depth, int milestone) {
        return from < milestone && milestone <= depth ? 1 : 0;
    }

    public ReadThrough plus(ReadThrough other) {
        if (other.isEmpty()) {
            return this;
        }
        return new ReadThrough(reached25 + other.reached25, reached50 + other.reached50, reached75 + other.reached75,
                reached100 + other.reached100);
    }

    /** Page views that reached {@code milestone} (25, 50, 75 or 100). */
    public long reached(int milestone) {
        return switch (milestone) {
            case 25 -> reached25;
            case 50 -> reached50;
            case 75 -> reached75;
            case 100 -> reached100;
            default -> throw new IllegalArgumentException("no milestone " + milestone);
        };
    }

    public boolean isEmpty() {
        return reached25 == 0 && reached50 == 0 && reached75 == 0 && reached100 == 0;
    }
}
