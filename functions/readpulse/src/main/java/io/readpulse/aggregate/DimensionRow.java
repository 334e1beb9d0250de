package io.readpulse.aggregate;

/** One campaign's, device class's or country's counts on a site-day. */
public record DimensionRow(long views, long reads, long engagedSeconds, long shares, ReadThrough readThrough) {
    public static final DimensionRow NONE = new DimensionRow(0, 0, 0, 0, ReadThrough.NONE);

    public DimensionRow plus(DimensionRow other) {
        return new DimensionRow(views + other.views, reads + other.reads, engagedSeconds + other.engagedSeconds,
                shares + other.shares, readThrough.plus(other.readThrough));
    }
}
