package io.readpulse.aggregate;

/** A day's reads and reads per UTC hour: what a rising baseline, or a silent site's check, reads of an item. */
public final class ReadsBaseline {
    private final long reads;
    private final long[] hourlyReads;

    public ReadsBaseline(long reads, long[] hourlyReads) {
        this.reads = reads;
        this.hourlyReads = hourlyReads.clone();
    }

    public long reads() { return reads; }
    public long hourlyReads(int hour) { return hourlyReads[hour]; }
    /** A copy of the 24 hours' reads. */
    public long[] hourlyReads() { return hourlyReads.clone(); }
}
