package io.readpulse.bench;

import io.readpulse.sketch.SketchError;
import java.util.List;

/**
 * The error of the unique-visitor estimates the reports give, at the sketch precisions the counters
 * use (10 for articles, 11 for sections, 12 for the site), over many random sets of visitors; and
 * over ranges of days, where the estimate is the merge of the days' sketches.
 *
 * <pre>./readpulse bench HyperLogLogError [trials]</pre>
 */
public final class HyperLogLogError {
    private HyperLogLogError() {
    }

    public static void main(String[] args) {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        System.out.println("| sketch | precision | distinct visitors | trials | rms error | bias | worst | theoretical 1.04/sqrt(m) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int precision : List.of(10, 11, 12)) {
            int m = 1 << precision;
            for (int visitors : List.of(10, 100, 1_000, 2 * m, 3 * m, 5 * m, 10_000, 100_000)) {
                int runs = visitors >= 100_000 ? Math.max(50, trials / 10) : trials;
                print("one day", SketchError.single(precision, visitors, runs, 31L * precision + visitors));
            }
        }
        for (int precision : List.of(10, 12)) {
            print("30 days merged", SketchError.mergedDays(precision, 2_000, 800, 30, Math.max(50, trials / 10), 7L * precision));
            print("90 days merged", SketchError.mergedDays(precision, 20_000, 3_000, 90, Math.max(20, trials / 50), 11L * precision));
        }
    }

    private static void print(String sketch, SketchError.Result result) {
        System.out.printf("| %s | %d | %,d | %d | %.2f%% | %+.2f%% | %.2f%% | %.2f%% |%n", sketch, result.precision(), result.visitors(),
                result.trials(), 100 * result.rms(), 100 * result.bias(), 100 * result.worst(), 100 * result.theoretical());
    }
}
