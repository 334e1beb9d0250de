package io.readpulse.admin;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.collect.Identifiers;
import io.readpulse.store.SiteStore;
import io.readpulse.store.TrendingStore;
import io.readpulse.trending.Pin;
import io.readpulse.trending.PinAction;
import io.readpulse.trending.TrendingList;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Editors' control over Trending, through the admin command: pin an article to the top of a site's
 * (or a section's) lists, or keep it out of them, always until an expiry. The next scheduled run
 * applies the change.
 *
 * <pre>
 * trending pin     &lt;site&gt; &lt;article-id&gt; [--section SLUG] (--for 6h | --until 2026-11-30T18:00:00Z)
 * trending exclude &lt;site&gt; &lt;article-id&gt; [--section SLUG] (--for 6h | --until 2026-11-30T18:00:00Z)
 * trending remove  &lt;site&gt; &lt;article-id&gt; [--section SLUG]
 * trending list    &lt;site&gt;
 * </pre>
 */
public final class TrendingAdminCommands {
    static final Duration MAX_EXPIRY = Duration.ofDays(90);
    static final String USAGE = "usage: trending pin|exclude <site> <article-id> [--section SLUG] (--for 30m|6h|2d | --until ISO-INSTANT)"
            + " | trending remove <site> <article-id> [--section SLUG] | trending list <site>";
    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,4})([mhd])");

    private final SiteStore sites;
    private final TrendingStore trending;
    private final Clock clock;
    private final PrintStream out;

    public TrendingAdminCommands(SiteStore sites, TrendingStore trending, Clock clock, PrintStream out) {
        this.sites = sites;
        this.trending = trending;
        this.clock = clock;
        this.out = out;
    }

    /** @param words what followed "trending" on the command line; @return the exit code: 0 done, 2 usage error */
    public int run(List<String> words) {
        if (words.size() < 2) {
            return usage(USAGE);
        }
        String command = words.get(0);
        String site = words.get(1);
        if (!Identifiers.isSiteId(site) || sites.find(site).isEmpty()) {
            return usage("error: there is no site '" + site + "' (see: site list)");
        }
        if (command.equals("list") && words.size() == 2) {
            return list(site);
        }
        if (words.size() < 3) {
            return usage(USAGE);
        }
        String articleId = words.get(2);
        if (!Identifiers.isArticleId(articleId)) {
            return usage("error: '" + articleId + "' is not an article id");
        }
        Options options = Options.parse(words.subList(3, words.size()), clock.instant());
        if (options.error() != null) {
            return usage("error: " + options.error());
        }
        if (command.equals("remove")) {
            boolean removed = trending.removePin(site, options.scope(), articleId);
            out.println(removed ? "removed " + articleId + " from " + describe(options.scope()) : "nothing to remove for " + articleId + " in " + describe(options.scope()));
            return 0;
        }
        PinAction action = PinAction.fromWire(command).orElse(null);
        if (action == null) {
            return usage(USAGE);
        }
        if (options.expiresAt() == null) {
            return usage("error: say how long it lasts, with --for (30m, 6h, 2d) or --until (an ISO instant)");
        }
        trending.savePin(new Pin(site, options.scope(), articleId, action, clock.instant(), options.expiresAt()));
        out.println((action == PinAction.PIN ? "pinned " : "excluded ") + articleId + " in " + describe(options.scope())
                + " until " + options.expiresAt() + "; the next run applies it");
        return 0;
    }

    private int list(String site) {
        Instant now = clock.instant();
        trending.pins(site).stream().filter(pin -> pin.activeAt(now))
                .sorted(Comparator.comparing(Pin::scope).thenComparing(Pin::createdAt))
                .forEach(pin -> out.println(pin.action().wireName() + "\t" + describe(pin.scope()) + "\t" + pin.articleId()
                        + "\tuntil " + pin.expiresAt()));
        return 0;
    }

    private int usage(String message) {
        out.println(message);
        return 2;
    }

    private static String describe(String scope) {
        return CounterKey.SITE_TOTAL.equals(scope) ? "the whole site" : "section " + scope.substring(CounterKey.SECTION_PREFIX.length());
    }

    private record Options(String scope, Instant expiresAt, String error) {

        static Options parse(List<String> options, Instant now) {
            String scope = CounterKey.SITE_TOTAL;
            Instant expiresAt = null;
            for (int i = 0; i < options.size(); i += 2) {
                if (i + 1 >= options.size()) {
                    return failed(options.get(i) + " needs a value");
                }
                String value = options.get(i + 1);
                switch (options.get(i)) {
                    case "--section" -> {
                        if (!Identifiers.isSectionSlug(value)) {
                            return failed("--section takes a section slug such as geopolitics-foreign-policy");
                        }
                        scope = TrendingList.sectionScope(value);
                    }
                    case "--for" -> {
                        Matcher matcher = DURATION.matcher(value);
                        if (!matcher.matches()) {
                            return failed("--for takes minutes, hours or days: 30m, 6h, 2d");
                        }
                        long amount = Long.parseLong(matcher.group(1));
                        expiresAt = now.plus(switch (matcher.group(2)) {
                            case "m" -> Duration.ofMinutes(amount);
                            case "h" -> Duration.ofHours(amount);
                            default -> Duration.ofDays(amount);
                        });
                    }
                    case "--until" -> {
                        try {
                            expiresAt = Instant.parse(value);
                        } catch (DateTimeParseException e) {
                            return failed("--until takes an ISO instant such as 2026-11-30T18:00:00Z");
                        }
                    }
                    default -> {
                        return failed("unknown option " + options.get(i));
                    }
                }
            }
            if (expiresAt != null && (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_EXPIRY)))) {
                return failed("the expiry must be in the future and at most " + MAX_EXPIRY.toDays() + " days away");
            }
            return new Options(scope, expiresAt, null);
        }

        private static Options failed(String error) {
            return new Options(null, null, error);
        }
    }
}
