package io.readpulse.local;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./readpulse local [--port N] [--schedule-seconds N] [--window-seconds N] [--demo]}: starts
 * the whole service, prints where to look, and stops everything on Ctrl-C.
 */
public final class Main {
    private static final String USAGE = """
            usage: ./readpulse local [options]
              --port N             HTTP port (default 3000)
              --schedule-seconds N run the scheduled functions every N seconds (default 10; the template's rate is for AWS)
              --window-seconds N   stream batching window (default 2; 0 plays the template's own window)
              --demo               replay real traffic first, so the lists and reports are full at once
            """;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalReadpulse.Options options = LocalReadpulse.Options.defaults();
        boolean demo = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> options = options.withPort(Integer.parseInt(args[++i]));
                    case "--schedule-seconds" -> options = options.withScheduleInterval(Duration.ofSeconds(Long.parseLong(args[++i])));
                    case "--window-seconds" -> {
                        long seconds = Long.parseLong(args[++i]);
                        options = options.withBackgroundStream(seconds == 0 ? null : Duration.ofSeconds(seconds));
                    }
                    case "--demo" -> demo = true;
                    default -> throw new IllegalArgumentException(args[i]);
                }
            }
        } catch (RuntimeException badArguments) {
            System.err.print(USAGE);
            System.exit(2);
        }

        LocalReadpulse local = LocalReadpulse.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Readpulse (HTTP server, schedule, stream, Dynoxide)...");
            local.close();
            stopped.countDown();
        }, "readpulse-stop"));
        if (demo) {
            DemoTraffic.replay(local, System.out);
        }
        printBanner(local, options, System.out);
        stopped.await();
    }

    static void printBanner(LocalReadpulse local, LocalReadpulse.Options options, PrintStream out) {
        String base = local.baseUrl();
        out.println();
        out.println("Readpulse is running on " + base + "   (Ctrl-C stops everything)");
        out.println();
        out.println("  demo article page  " + base + DemoTraffic.FRONT_PAGE_ARTICLE);
        out.println("  widget             " + base + "/widget.js" + notBuilt(local, "widget.js")
                + "   list: " + base + "/v1/sites/" + LocalReadpulse.DEMO_SITE + "/trending");
        out.println("  dashboard          " + base + "/dashboard/" + notBuilt(local, "dashboard"));
        out.println("  tracking script    " + base + "/t.js");
        local.demoEditorKey().ifPresent(key -> out.println("  demo editor key    " + key + "   (reports of site " + LocalReadpulse.DEMO_SITE + ")"));
        out.println();
        out.println("  routes             " + String.join(", ", local.routeKeys()));
        for (StreamMapping stream : local.streamMappings()) {
            out.println("  stream             " + stream.function().name() + ": batches of up to " + stream.source().batchSize()
                    + " records or " + stream.window().toSeconds() + " s (template: " + stream.source().window().toSeconds() + " s)");
        }
        for (ScheduledRule rule : local.scheduledRules()) {
            out.println("  schedule           " + rule.function().name() + ": every " + options.scheduleInterval().toSeconds()
                    + " s here (template: " + rule.schedule().expression() + ")" + (rule.function().available() ? "" : " - not built"));
        }
        for (String missing : local.missingHandlers()) {
            out.println("  not built yet      " + missing + " (its routes answer 501)");
        }
        out.println("  data               " + local.repository().relativize(local.repository().resolve(options.dataDir())) + "/ (kept across restarts)");
        out.println();
    }

    private static String notBuilt(LocalReadpulse local, String webPath) {
        return Files.exists(local.files().root().resolve(webPath)) ? "" : "   (not built yet)";
    }
}
