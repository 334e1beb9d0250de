package io.readpulse.sketch;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A HyperLogLog sketch of unique visitors: mergeable, so the uniques of a range are the union of
 * the per-day sketches rather than the sum of daily counts.
 *
 * <p>Updates arrive as a "slot" made at collection time from a 64-bit visitor hash: the top 12 bits
 * (the register index at precision 12) and the rank of the remaining 52 bits. A slot is all a
 * stored event keeps, far too little to identify anyone, yet it feeds a sketch of any precision up
 * to 12. Serialised sparse (3 bytes per set register) while that is smaller, else packed 6 bits
 * per register, so a long-tail article's sketch costs a few bytes of its counter item.
 */
public final class HyperLogLog {
    public static final int MAX_PRECISION = 12;
    private static final byte SPARSE = 'S';
    private static final byte DENSE = 'D';

    private final int precision;
    private final byte[] registers;

    public HyperLogLog(int precision) {
        if (precision < 4 || precision > MAX_PRECISION) {
            throw new IllegalArgumentException("precision must be 4-12");
        }
        this.precision = precision;
        this.registers = new byte[1 << precision];
    }

    /** Packs a visitor hash into the slot kept with each raw event. */
    public static int slotOf(long hash) {
        int index = (int) (hash >>> (64 - MAX_PRECISION));
        long rest = hash << MAX_PRECISION;
        int rank = rest == 0 ? 64 - MAX_PRECISION + 1 : Long.numberOfLeadingZeros(rest) + 1;
        return (index << 6) | rank;
    }

    public int precision() {
        return precision;
    }

    public void offerSlot(int slot) {
        int index12 = slot >>> 6;
        int rank12 = slot & 0x3F;
        int lostBits = MAX_PRECISION - precision;
        int index = index12 >>> lostBits;
        int lowBits = index12 & ((1 << lostBits) - 1);
        int rank;
        if (lowBits != 0) {
            // The first 1-bit lies among the index bits this precision gives back to the rank.
            rank = Integer.numberOfLeadingZeros(lowBits) - (32 - lostBits) + 1;
        } else {
            rank = lostBits + rank12;
        }
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    public void merge(HyperLogLog other) {
        if (other.precision != precision) {
            throw new IllegalArgumentException("cannot merge sketches of different precision");
        }
        for (int i = 0; i < registers.length; i++) {
            if (other.registers[i] > registers[i]) {
                registers[i] = other.registers[i];
            }
        }
    }

    public long estimate() {
        int m = registers.length;
        double sum = 0;
        int zeros = 0;
        for (byte register : registers) {
            sum += Math.scalb(1.0, -register);
            if (register == 0) {
                zeros++;
            }
        }
        double alpha = switch (m) {
            case 16 -> 0.673;
            case 32 -> 0.697;
            case 64 -> 0.709;
            default -> 0.7213 / (1 + 1.079 / m);
        };
        double raw = alpha * m * (double) m / sum;
        if (raw <= 2.5 * m && zeros > 0) {
            return Math.round(m * Math.log((double) m / zeros));
        }
        return Math.round(raw);
    }

    public byte[] toBytes() {
        int set = 0;
        for (byte register : registers) {
            if (register != 0) {
                set++;
            }
        }
        int denseSize = 2 + (registers.length * 6 + 7) / 8;
        int sparseSize = 2 + set * 3;
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(denseSize, sparseSize));
        if (sparseSize < denseSize) {
            out.write(SPARSE);
            out.write(precision);
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
        dense[0] = DENSE;
        dense[1] = (byte) precision;
        for (int i = 0; i < registers.length; i++) {
            int bit = i * 6;
            int value = registers[i] & 0x3F;
            for (int b = 0; b < 6; b++) {
                if ((value & (1 << b)) != 0) {
                    int position = bit + b;
                    dense[2 + position / 8] |= (byte) (1 << (position % 8));
                }
            }
        }
        return dense;
    }

    public static HyperLogLog fromBytes(byte[] bytes) {
        if (bytes.length < 2) {
            throw new IllegalArgumentException("not a sketch");
        }
        HyperLogLog sketch = new HyperLogLog(bytes[1]);
        if (bytes[0] == SPARSE) {
            for (int i = 2; i + 2 < bytes.length; i += 3) {
                int index = ((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF);
                sketch.registers[index] = bytes[i + 2];
            }
        } else if (bytes[0] == DENSE) {
            for (int i = 0; i < sketch.registers.length; i++) {
                int value = 0;
                for (int b = 0; b < 6; b++) {
                    int position = i * 6 + b;
                    if ((bytes[2 + position / 8] & (1 << (position % 8))) != 0) {
                        value |= 1 << b;
                    }
                }
                sketch.registers[i] = (byte) value;
            }
        } else {
            throw new IllegalArgumentException("unknown sketch encoding");
        }
        return sketch;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HyperLogLog that && that.precision == precision && Arrays.equals(that.registers, registers);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(registers);
    }
}
