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
        assertEquals('s', few.toBytes()[0]);
        assertEquals('p', many.toBytes()[0]);
        assertTrue(few.toBytes().length < 50, "a long-tail article's sketch stays tiny: " + few.toBytes().length);
        assertEquals(few, HyperLogLog.fromBytes(few.toBytes()));
        assertEquals(many, HyperLogLog.fromBytes(many.toBytes()));
    }

    @Test
    void everyPrecisionAndSizeRoundTripsLosslessly() {
        for (int precision = 4; precision <= HyperLogLog.MAX_PRECISION; precision++) {
            for (int visitors : new int[] {0, 1, 7, 100, 300, 1_000, 20_000, 300_000}) {
                HyperLogLog sketch = sketchOf(precision, precision * 31L + visitors, visitors);
                assertEquals(sketch, HyperLogLog.fromBytes(sketch.toBytes()), precision + "/" + visitors);
            }
        }
    }

    @Test
    void aRegisterNeedingAllSixBitsKeepsThem() {
        HyperLogLog sketch = sketchOf(10, 5, 500);
        sketch.offerSlot((124 << 6) | 53); // rank 53 at precision 12, 55 at 10: the largest a slot carries
        HyperLogLog read = HyperLogLog.fromBytes(sketch.toBytes());
        assertEquals(sketch, read);
        assertEquals(6, sketch.toBytes()[2], "the width the largest register needs");
    }

    @Test
    void packingTakesFewerBytesThanTheFixedWidthFormsItReplaced() {
        // A mid-list article's day (200 readers) and a front-page story's (5,000), at the articles' precision.
        HyperLogLog midList = sketchOf(10, 11, 200);
        HyperLogLog frontPage = sketchOf(10, 12, 5_000);
        System.out.printf("[readpulse] an article's sketch (precision 10), packed against fixed-width: 200 readers %d bytes (was %d), 5,000 readers %d (was %d)%n",
                midList.toBytes().length, legacyBytes(midList).length, frontPage.toBytes().length, legacyBytes(frontPage).length);
        assertTrue(midList.toBytes().length < legacyBytes(midList).length * 0.7,
                midList.toBytes().length + " against " + legacyBytes(midList).length);
        assertTrue(frontPage.toBytes().length < legacyBytes(frontPage).length * 0.85,
                frontPage.toBytes().length + " against " + legacyBytes(frontPage).length);
    }

    @Test
    void sketchesStoredInTheFixedWidthFormsAreStillRead() {
        for (int visitors : new int[] {20, 5_000}) {
            HyperLogLog sketch = sketchOf(10, 13, visitors);
            byte[] legacy = legacyBytes(sketch);
            assertEquals(visitors < 100 ? 'S' : 'D', legacy[0]);
            assertEquals(sketch, HyperLogLog.fromBytes(legacy));
        }
    }

    /** The encodings items were written in before the packed ones: 3 bytes per set register, or 6 bits per register. */
    static byte[] legacyBytes(HyperLogLog sketch) {
        byte[] registers = sketch.registers();
        int set = 0;
        for (byte register : registers) {
            set += register != 0 ? 1 : 0;
        }
        int denseSize = 2 + (registers.length * 6 + 7) / 8;
        if (2 + set * 3 < denseSize) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.write('S');
            out.write(sketch.precision());
            for (int i = 0; i < registers.length; i++) {
                if (registers[i] != 0) {
                    out.write(i >>> 8);
                    out.write(i & 0xFF);
                    out.write(registers[i]);
                }
            }
            return out.toByteArray();
        }
        byte[] dense = new byte[denseSize];
        dense[0] = 'D';
        dense[1] = (byte) sketch.precision();
        for (int i = 0; i < registers.length; i++) {
            for (int b = 0; b < 6; b++) {
                if ((registers[i] & (1 << b)) != 0) {
                    int position = i * 6 + b;
                    dense[2 + position / 8] |= (byte) (1 << (position % 8));
                }
            }
        }
        return dense;
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
