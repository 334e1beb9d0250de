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
 * to 12. Serialised sparse (only the set registers) while that is smaller, else dense, each value in
 * the bits the largest needs, so a long-tail article's sketch costs a few bytes of its counter item.
 */
public final class HyperLogLog {
    public static final int MAX_PRECISION = 12;
    /** Each set register as index and value, both in the bits needed: [s, precision, width, count (16 bits), entries]. */
    private static final byte PACKED_SPARSE = 's';
    /** Every register in the bits the largest needs: [p, precision, width, registers]. */
    private static final byte PACKED_DENSE = 'p';
    private static final int PACKED_HEADER = 3;
    private static final int PACKED_SPARSE_HEADER = PACKED_HEADER + 2;
    /** Stored before the packed forms, still read: 3 bytes per set register. */
    private static final byte SPARSE = 'S';
    /** Stored before the packed forms, still read: 6 bits per register. */
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

    /**
     * The sketch in as few bytes as its registers allow, losslessly: each register packed in the
     * bits its largest value needs (4 for a few thousand visitors, 6 at most), either every register
     * in order (dense) or only the set ones, each with its index (sparse), whichever is smaller.
     * Every byte is paid again at each write of the counter item that holds it.
     */
    public byte[] toBytes() {
        int set = 0;
        int largest = 0;
        for (byte register : registers) {
            if (register != 0) {
                set++;
                largest = Math.max(largest, register);
            }
        }
        int width = Math.max(1, 32 - Integer.numberOfLeadingZeros(largest));
        int denseSize = PACKED_HEADER + (registers.length * width + 7) / 8;
        int sparseSize = PACKED_SPARSE_HEADER + (set * (precision + width) + 7) / 8;
        if (sparseSize < denseSize) {
            BitWriter out = new BitWriter(sparseSize);
            out.header(PACKED_SPARSE, precision, width);
            out.bits(set, 16);
            for (int i = 0; i < registers.length; i++) {
                if (registers[i] != 0) {
                    out.bits(i, precision);
                    out.bits(registers[i], width);
                }
            }
            return out.bytes;
        }
        BitWriter out = new BitWriter(denseSize);
        out.header(PACKED_DENSE, precision, width);
        for (byte register : registers) {
            out.bits(register, width);
        }
        return out.bytes;
    }

    /** Reads what {@link #toBytes} writes, and the two fixed-width encodings sketches were stored in before it. */
    public static HyperLogLog fromBytes(byte[] bytes) {
        if (bytes.length < 2) {
            throw new IllegalArgumentException("not a sketch");
        }
        HyperLogLog sketch = new HyperLogLog(bytes[1]);
        switch (bytes[0]) {
            case PACKED_DENSE -> {
                BitReader in = new BitReader(bytes, PACKED_HEADER);
                int width = bytes[2];
                for (int i = 0; i < sketch.registers.length; i++) {
                    sketch.registers[i] = (byte) in.bits(width);
                }
            }
            case PACKED_SPARSE -> {
                int width = bytes[2];
                BitReader in = new BitReader(bytes, PACKED_HEADER);
                int set = in.bits(16);
                for (int n = 0; n < set; n++) {
                    int index = in.bits(sketch.precision);
                    sketch.registers[index] = (byte) in.bits(width);
                }
            }
            case SPARSE -> {
                for (int i = 2; i + 2 < bytes.length; i += 3) {
                    int index = ((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF);
                    sketch.registers[index] = bytes[i + 2];
                }
            }
            case DENSE -> {
                BitReader in = new BitReader(bytes, 2);
                for (int i = 0; i < sketch.registers.length; i++) {
                    sketch.registers[i] = (byte) in.bits(6);
                }
            }
            default -> throw new IllegalArgumentException("unknown sketch encoding");
        }
        return sketch;
    }

    /** Bits appended least significant first, from the first byte's lowest bit on (as the 6-bit dense form always was). */
    private static final class BitWriter {
        final byte[] bytes;
        private int position;

        BitWriter(int size) {
            this.bytes = new byte[size];
        }

        void header(byte encoding, int precision, int width) {
            bytes[0] = encoding;
            bytes[1] = (byte) precision;
            bytes[2] = (byte) width;
            position = PACKED_HEADER * 8;
        }

        void bits(int value, int count) {
            for (int b = 0; b < count; b++, position++) {
                if ((value & (1 << b)) != 0) {
                    bytes[position >>> 3] |= (byte) (1 << (position & 7));
                }
            }
        }
    }

    private static final class BitReader {
        private final byte[] bytes;
        private int position;

        BitReader(byte[] bytes, int fromByte) {
            this.bytes = bytes;
            this.position = fromByte * 8;
        }

        int bits(int count) {
            int value = 0;
            for (int b = 0; b < count; b++, position++) {
                if ((bytes[position >>> 3] & (1 << (position & 7))) != 0) {
                    value |= 1 << b;
                }
            }
            return value;
        }
    }

    /** A copy of the registers, for tests of the encodings. */
    byte[] registers() {
        return registers.clone();
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
