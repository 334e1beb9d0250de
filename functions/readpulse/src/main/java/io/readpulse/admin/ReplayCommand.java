package io.readpulse.admin;

import io.readpulse.aggregate.ReplayService;
import io.readpulse.collect.Identifiers;
import io.readpulse.store.SiteStore;
import io.readpulse.store.StoreUnavailableException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * {@code replay <site> --from yyyy-MM-dd --to yyyy-MM-dd [--dry-run] [--yes]}: rebuilds those days'
 * counters from raw events (see {@link ReplayService} for what is replayable and how a failed
 * replay leaves the counters). {@code --dry-run} prints what it would rebuild and changes nothing;
 * a range of more than one day prints the same and stops unless {@code --yes} confirms it.
 */
final class ReplayCommand {
    static final String USAGE = "replay <site> --from yyyy-MM-dd --to yyyy-MM-dd [--dry-run] [--yes]";

    private final SiteStore sites;
    private final ReplayService replay;
    private final PrintStream out;

    ReplayCommand(SiteStore sites, ReplayService replay, PrintStream out) {
        this.sites = sites;
        this.replay = replay;
        this.out = out;
    }

    /** @return 0 done (or planned), 1 failed, 2 usage error, refused range or unconfirmed */
    int run(List<String> words) {
        try {
            if (words.isEmpty() || words.get(0).startsWith("--")) {
                throw new UsageError("say which site: " + USAGE);
            }
            String site = words.get(0);
            if (!Identifiers.isSiteId(site) || sites.find(site).isEmpty()) {
                throw new UsageError("there is no site '" + ControlCharacters.escape(site) + "' (see: site list)");
            }
            Options options = Options.parse(words.subList(1, words.size()), Set.of("--from", "--to"), Set.of("--dry-run", "--yes"));
            LocalDate from = day(options, "--from");
            LocalDate to = day(options, "--to");
            boolean severalDays = to.isAfter(from);
            if (options.flag("--dry-run") || (severalDays && !options.flag("--yes"))) {
                printPlan(site, replay.plan(site, from, to));
                if (options.flag("--dry-run")) {
                    out.println("dry run: nothing was changed");
                    return 0;
                }
                out.println("nothing was changed: a replay of more than one day runs only with --yes");
                return 2;
            }
            ReplayService.Result result = replay.rebuild(site, from, to);
            out.printf("replay %s rebuilt %d day%s of %s from %d raw events: %d counter items written, %d deleted%n",
                    result.replayId(), result.days(), result.days() == 1 ? "" : "s", site, result.eventsReplayed(),
                    result.itemsWritten(), result.itemsDeleted());
            return 0;
        } catch (UsageError | ReplayService.RangeRefused e) {
            out.println("error: " + e.getMessage());
            return 2;
        } catch (ReplayService.ReplayFailed | StoreUnavailableException e) {
            out.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static LocalDate day(Options options, String option) {
        String value = options.value(option);
        if (value == null) {
            throw new UsageError("say which days, with --from and --to: " + USAGE);
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageError(option + " takes a UTC day as yyyy-MM-dd, such as 2026-11-28");
        }
    }

    private void printPlan(String site, List<ReplayService.DayPlan> days) {
        out.println("a replay of " + site + " rebuilds these days from their raw events, replacing their counter items:");
        out.printf("  %-10s  %12s  %14s%n", "day", "raw events", "counter items");
        long events = 0;
        long items = 0;
        for (ReplayService.DayPlan day : days) {
            out.printf("  %-10s  %12d  %14d%n", day.day(), day.rawEvents(), day.counterItems());
            events += day.rawEvents();
            items += day.counterItems();
        }
        out.printf("  %-10s  %12d  %14d%n", "total", events, items);
    }
}
