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
    void takesTwelveBytesPerBatchAndSurvivesTheRoundTrip() {
        BatchLedger ledger = BatchLedger.empty();
        for (int batch = 0; batch < 90; batch++) {
            ledger = ledger.prunedWith("batch-" + batch, NOW.plusSeconds(batch * 60L), HORIZON);
        }
        AttributeValue stored = ledger.toAttribute();

        assertEquals(90 * 12, stored.b().asByteArray().length);
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
    void aMissingLedgerIsEmpty() {
        assertEquals(0, BatchLedger.from(null).size());
    }
}
