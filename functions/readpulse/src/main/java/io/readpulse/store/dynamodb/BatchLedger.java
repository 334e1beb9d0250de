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
 * batch, or a bisected half of one, change nothing. Stored as one binary attribute of 12 bytes per
 * batch (8 bytes of the batch id's SHA-256 and the minute it was applied), because every byte of a
 * hot counter item is paid again at each of its writes: a busy item carries about 90 entries, and
 * as strings they took 22 bytes each.
 *
 * <p>Two different batch ids share a fingerprint with probability 2^-64 per comparison.
 */
final class BatchLedger {
    private static final int ENTRY_BYTES = 12;

    /** Entries back to back: 8 bytes fingerprint, 4 bytes epoch minute, both big-endian. */
    private final byte[] entries;

    private BatchLedger(byte[] entries) {
        this.entries = entries;
    }

    static BatchLedger empty() {
        return new BatchLedger(new byte[0]);
    }

    /**
     * Reads the attribute as written by {@link #toAttribute()}, or the list of
     * {@code "batchId@epochMinute"} strings items carried before (they are rewritten as binary at
     * their next update).
     */
    static BatchLedger from(AttributeValue value) {
        if (value == null) {
            return empty();
        }
        if (value.b() != null) {
            byte[] bytes = value.b().asByteArray();
            if (bytes.length % ENTRY_BYTES != 0) {
                throw new IllegalStateException("a batch ledger of " + bytes.length + " bytes is not whole entries");
            }
            return new BatchLedger(bytes);
        }
        ByteBuffer legacy = ByteBuffer.allocate(value.hasL() ? value.l().size() * ENTRY_BYTES : 0);
        if (value.hasL()) {
            for (AttributeValue entry : value.l()) {
                String text = entry.s();
                int at = text.indexOf('@');
                legacy.putLong(fingerprint(at < 0 ? text : text.substring(0, at)));
                legacy.putInt(at < 0 ? 0 : Integer.parseInt(text.substring(at + 1)));
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
            buffer.getInt();
        }
        return false;
    }

    /** This ledger without the entries older than {@code horizon}, and with {@code batchId} applied {@code now}. */
    BatchLedger prunedWith(String batchId, Instant now, Duration horizon) {
        int oldestMinute = minute(now.minus(horizon));
        ByteBuffer kept = ByteBuffer.allocate(entries.length + ENTRY_BYTES);
        ByteBuffer buffer = ByteBuffer.wrap(entries);
        while (buffer.hasRemaining()) {
            long fingerprint = buffer.getLong();
            int appliedMinute = buffer.getInt();
            if (appliedMinute >= oldestMinute) {
                kept.putLong(fingerprint).putInt(appliedMinute);
            }
        }
        kept.putLong(fingerprint(batchId)).putInt(minute(now));
        byte[] bytes = new byte[kept.position()];
        System.arraycopy(kept.array(), 0, bytes, 0, bytes.length);
        return new BatchLedger(bytes);
    }

    int size() {
        return entries.length / ENTRY_BYTES;
    }

    AttributeValue toAttribute() {
        return AttributeValue.fromB(SdkBytes.fromByteArray(entries));
    }

    private static int minute(Instant instant) {
        return Math.toIntExact(instant.getEpochSecond() / 60);
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
