package io.readpulse.sketch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The error of unique-visitor estimates, measured over many random sets at the precisions the
 * counters use (10 articles, 11 sections, 12 sites). The figures in the README come from the
 * {@code HyperLogLogError} benchmark, which runs the same measurement with more trials. The bound
 * is twice the theoretical standard error because the classic estimator is worse just below its
 * switch from linear counting (2.5 m visitors): about 1.8 times at 10,000 visitors and precision 12.
 */
class HyperLogLogAccuracyTest {

    @ParameterizedTest(name = "precision {0}, {1} visitors")
    @CsvSource({
            "10, 100", "10, 1000", "10, 2048", "10, 3000", "10, 10000", "10, 100000",
            "11, 1000", "11, 6000", "11, 50000",
            "12, 1000", "12, 10000", "12, 12000", "12, 100000"})
    void rmsErrorStaysNearTheTheoreticalStandardError(int precision, int visitors) {
        SketchError.Result result = SketchError.single(precision, visitors, 100, 42L * precision + visitors);
        assertTrue(result.rms() <= 2 * result.theoretical(),
                "rms error " + result.rms() + " against the theoretical " + result.theoretical());
    }

    @Test
    void aRangeOfDaysCountsReturningVisitorsOnceNotOncePerDay() {
        // 30 days of 800 visits a day from 2,000 regulars: the sum of daily uniques is about 24,000,
        // the true uniques about 2,000.
        SketchError.Result merged = SketchError.mergedDays(10, 2_000, 800, 30, 50, 7);
        assertTrue(merged.rms() <= 1.5 * merged.theoretical(), "rms error of merged days " + merged.rms());
        assertTrue(merged.visitors() < 2_001 && merged.visitors() > 1_900, "distinct regulars seen: " + merged.visitors());
    }
}
