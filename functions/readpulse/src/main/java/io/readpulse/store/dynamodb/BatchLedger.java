package io.readpulse.store.dynamodb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The batches applied to one counter item in the last {@code horizon}: what makes a redelivered
 * batch, or a bisected half of one, change nothing. Stored as one binary attribute: a format byte,
 * then 10 bytes per batch (8 bytes of the batch id's SHA-256 and the minute it was applied, modulo
 * 2^16), because every byte of a hot counter item is paid again at each of its writes: a busy item
 * carries about 90 entries. Sixteen bits of minute are 45 days, far beyond any horizon; an entry is
 * only ever compared with the current minute, so the wrap does not matter.
 *
 * <p>Two different batch ids share a fingerprint with probability 2^-64 per comparison.
 */
final class BatchLedger {
    /** The first byte of the binary form; 12-byte entries without it were written before. */
    private static final byte FORMAT = 2;
    private static final int ENTRY_BYTES = 10;
    private static final int LEGACY_ENTRY_BYTES = 12;
    private static final int MINUTES_WRAP = 1 << 16;
    /** A minute up to this far after the current one is a clock ahead of ours, not a wrapped old entry: kept. */
    private static final int AHEAD_MINUTES = 24 * 60;

    /** Entries back to back: 8 bytes fingerprint, then 2 bytes epoch minute modulo 2^16, both big-endian. */
    private final byte[] entries;

    private BatchLedger(byte[] entries) {
        this.entries = entries;
    }

    static BatchLedger empty() {
        return new BatchLedger(new byte[0]);
    }

    /**
     * Reads the attribute as written by {@link #toAttribute()}, the 12-byte entries of the binary
     * form before it, or the list of {@code "batchId@epochMinute"} strings items carried before that
     * (each is rewritten in the current form at the item's next update).
     */
    static BatchLedger from(AttributeValue value) {
        if (value == null) {
            return empty();
        }
        if (value.b() != null) {
            byte[] bytes = value.b().asByteArray();
            if (bytes.length > 0 && bytes[0] == FORMAT && (bytes.length - 1) % ENTRY_BYTES == 0) {
                byte[] entries = new byte[bytes.length - 1];
                System.arraycopy(bytes, 1, entries, 0, entries.length);
                return new BatchLedger(entries);
            }
            if (bytes.length % LEGACY_ENTRY_BYTES != 0) {
                throw new IllegalStateException("a batch ledger of " + bytes.length + " bytes is not whole entries");
            }
            ByteBuffer legacy = ByteBuffer.wrap(bytes);
            ByteBuffer entries = ByteBuffer.allocate(bytes.length / LEGACY_ENTRY_BYTES * ENTRY_BYTES);
            while (legacy.hasRemaining()) {
                entries.putLong(legacy.getLong()).putShort((short) legacy.getInt());
            }
            return new BatchLedger(entries.array());
        }
        ByteBuffer legacy = ByteBuffer.allocate(value.hasL() ? value.l().size() * ENTRY_BYTES : 0);
        if (value.hasL()) {
            for (AttributeValue entry : value.l()) {
                String text = entry.s();
                int at = text.indexOf('@');
                legacy.putLong(fingerprint(at < 0 ? text : text.substring(0, at)));
                legacy.putShort((short) (at < 0 ? 0 : Long.parseLong(text.substring(at + 1))));
            }
        }
        return new BatchLedger(legacy.array());
    }

    /** The fingerprints of these batch ids, computed once for a whole batch of items. */
    static Set<Long> fingerprints(Collection<String> batchIds) {
        Set<Long> fingerprints = new HashSet<>();
        batchIds.forEach(id -> fingerprints.add(fingerprint(id)));
        return fingerprints;
    }

    boolean containsAny(Set<Long> wanted) {
        ByteBuffer buffer = ByteBuffer.wrap(entries);
        while (buffer.hasRemaining()) {
            if (wanted.contains(buffer.getLong())) {
                return true;
            }
            buffer.getShort();
        }
        return false;
    }

    /** This ledger without the entries older than {@code horizon}, and with {@code batchId} applied {@code now}. */
    BatchLedger prunedWith(String batchId, Instant now, Duration horizon) {
        int nowMinute = minute(now);
        long horizonMinutes = horizon.toMinutes();
        ByteBuffer kept = ByteBuffer.allocate(entries.length + ENTRY_BYTES);
        ByteBuffer buffer = ByteBuffer.wrap(entries);
        while (buffer.hasRemaining()) {
            long fingerprint = buffer.getLong();
            short appliedMinute = buffer.getShort();
            int age = Math.floorMod(nowMinute - appliedMinute, MINUTES_WRAP);
            if (age <= horizonMinutes || age >= MINUTES_WRAP - AHEAD_MINUTES) {
                kept.putLong(fingerprint).putShort(appliedMinute);
            }
        }
        kept.putLong(fingerprint(batchId)).putShort((short) nowMinute);
        byte[] bytes = new byte[kept.position()];
        System.arraycopy(kept.array(), 0, bytes, 0, bytes.length);
        return new BatchLedger(bytes);
    }

    int size() {
        return entries.length / ENTRY_BYTES;
    }

    AttributeValue toAttribute() {
        byte[] bytes = new byte[entries.length + 1];
        bytes[0] = FORMAT;
        System.arraycopy(entries, 0, bytes, 1, entries.length);
        return AttributeValue.fromB(SdkBytes.fromByteArray(bytes));
    }

    /** The minute since the epoch, modulo 2^16 (as stored). */
    private static int minute(Instant instant) {
        return (int) Math.floorMod(instant.getEpochSecond() / 60, (long) MINUTES_WRAP);
    }

    static long fingerprint(String batchId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(batchId.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
