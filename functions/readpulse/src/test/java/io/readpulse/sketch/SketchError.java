package io.readpulse.sketch;

import java.util.SplittableRandom;

/**
 * Measures the relative error of {@link HyperLogLog} estimates over many random sets of visitors,
 * fed the same way collection feeds them (a 64-bit visitor hash packed into a slot). Used by
 * {@code HyperLogLogAccuracyTest} and by the {@code HyperLogLogError} benchmark.
 */
public final class SketchError {
    private SketchError() {
    }

    /** @param rms root-mean-square relative error; bias: mean relative error (signed); worst: largest absolute one */
    public record Result(int precision, int visitors, int trials, double rms, double bias, double worst) {
        /** The standard error HyperLogLog promises at this precision, 1.04 / sqrt(2^p). */
        public double theoretical() {
            return 1.04 / Math.sqrt(1 << precision);
        }
    }

    /** Sketches {@code trials} random sets of {@code visitors} distinct visitors each. */
    public static Result single(int precision, int visitors, int trials, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] errors = new double[trials];
        for (int t = 0; t < trials; t++) {
            HyperLogLog sketch = new HyperLogLog(precision);
            for (int v = 0; v < visitors; v++) {
                sketch.offerSlot(HyperLogLog.slotOf(random.nextLong()));
            }
            errors[t] = (sketch.estimate() - (double) visitors) / visitors;
        }
        return summarise(precision, visitors, errors);
    }

    /**
     * Uniques over {@code days} days, as a report computes them: each day has its own sketch of
     * {@code dailyVisitors} visitors drawn from a pool of {@code poolSize} regulars, and the range's
     * estimate is the merge of the days' sketches, compared with the true number of distinct visitors.
     */
    public static Result mergedDays(int precision, int poolSize, int dailyVisitors, int days, int trials, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] errors = new double[trials];
        int distinctTotal = 0;
        for (int t = 0; t < trials; t++) {
            long[] pool = new long[poolSize];
            for (int i = 0; i < poolSize; i++) {
                pool[i] = random.nextLong();
            }
            boolean[] seen = new boolean[poolSize];
            HyperLogLog range = new HyperLogLog(precision);
            for (int day = 0; day < days; day++) {
                HyperLogLog daySketch = new HyperLogLog(precision);
                for (int v = 0; v < dailyVisitors; v++) {
                    int visitor = random.nextInt(poolSize);
                    seen[visitor] = true;
                    daySketch.offerSlot(HyperLogLog.slotOf(pool[visitor]));
                }
                range.merge(HyperLogLog.fromBytes(daySketch.toBytes()));
            }
            int distinct = 0;
            for (boolean s : seen) {
                distinct += s ? 1 : 0;
            }
            distinctTotal += distinct;
            errors[t] = (range.estimate() - (double) distinct) / distinct;
        }
        return summarise(precision, distinctTotal / trials, errors);
    }

    private static Result summarise(int precision, int visitors, double[] errors) {
        double squares = 0;
        double sum = 0;
        double worst = 0;
        for (double error : errors) {
            squares += error * error;
            sum += error;
            worst = Math.max(worst, Math.abs(error));
        }
        return new Result(precision, visitors, errors.length, Math.sqrt(squares / errors.length), sum / errors.length, worst);
    }
}
