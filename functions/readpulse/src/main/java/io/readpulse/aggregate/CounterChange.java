package io.readpulse.aggregate;

/** How one batch changes one counter item: a function of what the item holds, applied by {@link CounterStore#applyOnce}. */
@FunctionalInterface
public interface CounterChange {
    /**
     * @param current the item as stored, or null when it does not exist yet
     * @param previousDay when {@code current} is null: the same scope's item of the day before, or null
     * @return the item to store, or null to leave it as it is (nothing is written, and the batch is
     *     not recorded on it)
     */
    CounterState apply(CounterState current, CounterState previousDay);
}
