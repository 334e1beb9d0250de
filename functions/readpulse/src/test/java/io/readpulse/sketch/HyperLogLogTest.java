package io.readpulse.sketch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HyperLogLogTest {

    private static HyperLogLog sketchOf(int precision, long seed, int distinct) {
        SplittableRandom random = new SplittableRandom(seed);
        HyperLogLog sketch = new HyperLogLog(precision);
        for (int i = 0; i < distinct; i++) {
            sketch.offerSlot(HyperLogLog.slotOf(random.nextLong()));
        }
        return sketch;
    }

    @Test
    void roundTripsThroughItsSparseAndDenseEncodings() {
        HyperLogLog few = sketchOf(10, 1, 20);
        HyperLogLog many = sketchOf(10, 2, 50_000);
        assertEquals('S', few.toBytes()[0]);
        assertEquals('D', many.toBytes()[0]);
        assertTrue(few.toBytes().length < 70, "a long-tail article's sketch stays tiny");
        assertEquals(few, HyperLogLog.fromBytes(few.toBytes()));
        assertEquals(many, HyperLogLog.fromBytes(many.toBytes()));
    }

    @Test
    void mergingTwoDaysCountsTheUnionNotTheSum() {
        SplittableRandom random = new SplittableRandom(7);
        long[] shared = new long[3_000];
        for (int i = 0; i < shared.length; i++) {
            shared[i] = random.nextLong();
        }
        HyperLogLog monday = new HyperLogLog(10);
        HyperLogLog tuesday = new HyperLogLog(10);
        for (long visitor : shared) {
            monday.offerSlot(HyperLogLog.slotOf(visitor));
            tuesday.offerSlot(HyperLogLog.slotOf(visitor));
        }
        for (int i = 0; i < 1_000; i++) {
            tuesday.offerSlot(HyperLogLog.slotOf(random.nextLong()));
        }
        monday.merge(tuesday);
        assertTrue(Math.abs(monday.estimate() - 4_000) < 4_000 * 0.1, "union of 4,000, estimated " + monday.estimate());
    }

    @Test
    void oneSlotFeedsEveryPrecisionConsistently() {
        SplittableRandom random = new SplittableRandom(11);
        HyperLogLog fine = new HyperLogLog(12);
        HyperLogLog coarse = new HyperLogLog(10);
        for (int i = 0; i < 20_000; i++) {
            int slot = HyperLogLog.slotOf(random.nextLong());
            fine.offerSlot(slot);
            coarse.offerSlot(slot);
        }
        assertTrue(Math.abs(fine.estimate() - 20_000) < 20_000 * 0.05, "p=12 estimated " + fine.estimate());
        assertTrue(Math.abs(coarse.estimate() - 20_000) < 20_000 * 0.1, "p=10 estimated " + coarse.estimate());
    }
}
