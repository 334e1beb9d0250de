package io.readpulse.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class BatchLedgerTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Duration HORIZON = Duration.ofMinutes(90);

    @Test
    void remembersTheBatchesAppliedWithinTheHorizon() {
        BatchLedger ledger = BatchLedger.empty()
                .prunedWith("batch-a", NOW, HORIZON)
                .prunedWith("batch-b", NOW.plusSeconds(60), HORIZON);

        assertTrue(ledger.containsAny(BatchLedger.fingerprints(Set.of("batch-a"))));
        assertTrue(ledger.containsAny(BatchLedger.fingerprints(Set.of("other", "batch-b"))));
        assertFalse(ledger.containsAny(BatchLedger.fingerprints(Set.of("batch-c"))));
        assertFalse(BatchLedger.empty().containsAny(BatchLedger.fingerprints(Set.of("batch-a"))));
    }

    @Test
    void forgetsBatchesOlderThanTheHorizonAndKeepsTheRest() {
        BatchLedger ledger = BatchLedger.empty()
                .prunedWith("old", NOW, HORIZON)
                .prunedWith("recent", NOW.plus(Duration.ofMinutes(30)), HORIZON)
                .prunedWith("new", NOW.plus(HORIZON).plusSeconds(60), HORIZON);

        assertEquals(2, ledger.size());
        assertFalse(ledger.containsAny(BatchLedger.fingerprints(Set.of("old"))));
        assertTrue(ledger.containsAny(BatchLedger.fingerprints(Set.of("recent"))));
        assertTrue(ledger.containsAny(BatchLedger.fingerprints(Set.of("new"))));
    }

    @Test
    void takesTenBytesPerBatchAndSurvivesTheRoundTrip() {
        BatchLedger ledger = BatchLedger.empty();
        for (int batch = 0; batch < 90; batch++) {
            ledger = ledger.prunedWith("batch-" + batch, NOW.plusSeconds(batch * 60L), HORIZON);
        }
        AttributeValue stored = ledger.toAttribute();

        assertEquals(1 + 90 * 10, stored.b().asByteArray().length);
        BatchLedger read = BatchLedger.from(stored);
        assertEquals(90, read.size());
        assertTrue(read.containsAny(BatchLedger.fingerprints(Set.of("batch-0"))));
        assertTrue(read.containsAny(BatchLedger.fingerprints(Set.of("batch-89"))));
    }

    @Test
    void readsTheStringLedgerOfItemsWrittenBefore() {
        long minute = NOW.getEpochSecond() / 60;
        AttributeValue legacy = AttributeValue.fromL(List.of(
                AttributeValue.fromS("Xy12Ab34Cd56@" + minute), AttributeValue.fromS("Zz98Yy76Xx54@" + (minute - 200))));

        BatchLedger read = BatchLedger.from(legacy);

        assertTrue(read.containsAny(BatchLedger.fingerprints(Set.of("Xy12Ab34Cd56"))));
        assertTrue(read.containsAny(BatchLedger.fingerprints(Set.of("Zz98Yy76Xx54"))));
        BatchLedger pruned = read.prunedWith("next", NOW, HORIZON);
        assertFalse(pruned.containsAny(BatchLedger.fingerprints(Set.of("Zz98Yy76Xx54"))), "the old entry is past the horizon");
        assertTrue(pruned.containsAny(BatchLedger.fingerprints(Set.of("Xy12Ab34Cd56"))));
    }

    @Test
    void readsTheTwelveByteEntriesOfItemsWrittenBefore() {
        long minute = NOW.getEpochSecond() / 60;
        java.nio.ByteBuffer legacy = java.nio.ByteBuffer.allocate(24)
                .putLong(BatchLedger.fingerprint("recent")).putInt((int) minute - 10)
                .putLong(BatchLedger.fingerprint("stale")).putInt((int) minute - 200);

        BatchLedger read = BatchLedger.from(AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(legacy.array())));

        assertEquals(2, read.size());
        assertTrue(read.containsAny(BatchLedger.fingerprints(Set.of("stale"))));
        BatchLedger pruned = read.prunedWith("next", NOW, HORIZON);
        assertEquals(2, pruned.size());
        assertTrue(pruned.containsAny(BatchLedger.fingerprints(Set.of("recent"))));
        assertFalse(pruned.containsAny(BatchLedger.fingerprints(Set.of("stale"))), "the old entry is past the horizon");
    }

    @Test
    void prunesAcrossTheWrapOfItsSixteenBitMinutes() {
        // 2^16 minutes after the epoch, the stored minute wraps to 0.
        Instant beforeWrap = Instant.ofEpochSecond(((1L << 16) - 5) * 60);
        BatchLedger ledger = BatchLedger.empty()
                .prunedWith("old", beforeWrap.minus(Duration.ofMinutes(120)), HORIZON)
                .prunedWith("just-before", beforeWrap, HORIZON)
                .prunedWith("after", beforeWrap.plus(Duration.ofMinutes(30)), HORIZON);

        assertEquals(2, ledger.size());
        assertTrue(ledger.containsAny(BatchLedger.fingerprints(Set.of("just-before"))));
        assertFalse(ledger.containsAny(BatchLedger.fingerprints(Set.of("old"))));
        BatchLedger later = ledger.prunedWith("much-later", beforeWrap.plus(Duration.ofMinutes(100)), HORIZON);
        assertFalse(later.containsAny(BatchLedger.fingerprints(Set.of("just-before"))), "100 minutes old across the wrap");
        assertTrue(later.containsAny(BatchLedger.fingerprints(Set.of("after"))));
    }

    @Test
    void aBatchStampedByAClockAheadIsKept() {
        BatchLedger ledger = BatchLedger.empty()
                .prunedWith("ahead", NOW.plus(Duration.ofMinutes(5)), HORIZON)
                .prunedWith("now", NOW, HORIZON);

        assertTrue(ledger.containsAny(BatchLedger.fingerprints(Set.of("ahead"))));
    }

    @Test
    void aMissingLedgerIsEmpty() {
        assertEquals(0, BatchLedger.from(null).size());
    }
}
