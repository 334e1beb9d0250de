package io.readpulse.aggregate;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a batch's deltas become changes of counter items: pure functions, no I/O. A store applies
 * the changes, once per batch and item, without knowing these rules.
 */
public final class CounterRules {

    private CounterRules() {
    }

    /**
     * Adds {@code delta} to the item at {@code key}. A new item starts from the day before's
     * ({@link CounterState#nextDay}), or from nothing; its referring hosts and its dimensions are
     * then held to the key's caps.
     */
    public static CounterChange add(CounterKey key, CounterDelta delta) {
        return (current, previousDay) -> startingPoint(key, current, previousDay).plus(delta)
                .withReferrerHostsCapped(key.referrerHostCap()).withDimensionsCapped(key);
    }

    static CounterState startingPoint(CounterKey key, CounterState current, CounterState previousDay) {
        if (current != null) {
            return current;
        }
        return previousDay != null ? previousDay.nextDay() : CounterState.empty(key.sketchPrecision());
    }

    /**
     * Adds a past day's late scores to an item that already exists (it carried that day's scores
     * over before they arrived), then {@code then} if there is one. An item that does not exist yet
     * gets no late scores: it will carry them over from the day before when it is created.
     *
     * @param then the item's own change in the batch, or null
     */
    public static CounterChange forwardLateScores(CounterDelta lateScores, CounterChange then) {
        return (current, previousDay) -> {
            if (current == null) {
                return then == null ? null : then.apply(null, previousDay);
            }
            CounterState withLate = current.plus(lateScores);
            return then == null ? withLate : then.apply(withLate, null);
        };
    }

    /**
     * A batch's deltas as changes, day by day, oldest first: a store applies each day's changes
     * before the next day's, so a batch that crosses midnight finishes yesterday's items before
     * today's new items carry yesterday's scores over. The article scores of a day before
     * {@code today} are also forwarded to the next day's items that already exist; only batches
     * holding a past day's events, which are rare, pay for it.
     */
    public static SortedMap<LocalDate, Map<CounterKey, CounterChange>> plan(Map<CounterKey, CounterDelta> deltas, LocalDate today) {
        TreeMap<LocalDate, Map<CounterKey, CounterDelta>> added = new TreeMap<>();
        deltas.forEach((key, delta) -> added.computeIfAbsent(key.day(), day -> new LinkedHashMap<>()).put(key, delta));
        TreeMap<LocalDate, Map<CounterKey, CounterDelta>> late = new TreeMap<>();
        SortedMap<LocalDate, Map<CounterKey, CounterChange>> plan = new TreeMap<>();
        for (LocalDate day = added.isEmpty() ? null : added.firstKey(); day != null; day = nextDay(added, late, day)) {
            Map<CounterKey, CounterDelta> own = added.getOrDefault(day, Map.of());
            Map<CounterKey, CounterDelta> forwarded = late.getOrDefault(day, Map.of());
            Map<CounterKey, CounterChange> changes = new LinkedHashMap<>();
            own.forEach((key, delta) -> changes.put(key, add(key, delta)));
            forwarded.forEach((key, scores) -> changes.put(key, forwardLateScores(scores, changes.get(key))));
            plan.put(day, changes);
            if (day.isBefore(today)) {
                Map<CounterKey, CounterDelta> toNextDay = new LinkedHashMap<>();
                for (CounterKey key : changes.keySet()) {
                    if (key.kind() == CounterKey.Kind.ARTICLE_DAY) {
                        CounterDelta delta = own.get(key);
                        CounterDelta scores = delta != null ? delta.scoresForNextDay(forwarded.get(key))
                                : forwarded.get(key).scoresForNextDay(null);
                        toNextDay.put(key.nextDay(), scores);
                    }
                }
                if (!toNextDay.isEmpty()) {
                    late.put(day.plusDays(1), toNextDay);
                }
            }
        }
        return plan;
    }

    private static LocalDate nextDay(TreeMap<LocalDate, ?> added, TreeMap<LocalDate, ?> late, LocalDate after) {
        LocalDate a = added.higherKey(after);
        LocalDate b = late.higherKey(after);
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }
}
