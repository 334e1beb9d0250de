package io.readpulse.admin;

import io.readpulse.aggregate.ReplayService;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** {@code replay <site> --from yyyy-MM-dd --to yyyy-MM-dd}: rebuilds those days' counters from raw events. */
final class ReplayCommand {
    private final ReplayService replay;
    private final PrintStream out;

    ReplayCommand(ReplayService replay, PrintStream out) {
        this.replay = replay;
        this.out = out;
    }

    int run(List<String> words) {
        if (words.size() != 5 || !words.get(1).equals("--from") || !words.get(3).equals("--to")) {
            out.println("usage: replay <site> --from yyyy-MM-dd --to yyyy-MM-dd");
            return 2;
        }
        try {
            ReplayService.Result result = replay.rebuild(words.get(0), LocalDate.parse(words.get(2)), LocalDate.parse(words.get(4)));
            out.printf("replayed %d days of %s: %d counter items deleted, %d raw events folded into %d items%n",
                    result.days(), words.get(0), result.itemsDeleted(), result.eventsReplayed(), result.itemsWritten());
            return 0;
        } catch (DateTimeParseException | IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            return 2;
        }
    }
}
