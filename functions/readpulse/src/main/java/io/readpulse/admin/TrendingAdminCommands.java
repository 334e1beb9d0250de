package io.readpulse.admin;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.collect.Identifiers;
import io.readpulse.store.SiteStore;
import io.readpulse.trending.TrendingStore;
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
import java.util.Set;
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
    private static final Set<String> COMMANDS = Set.of("pin", "exclude", "remove", "list");

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
        if (words.size() < 2 || !COMMANDS.contains(words.get(0))) {
            return usage(USAGE);
        }
        String command = words.get(0);
        String site = words.get(1);
        if (!Identifiers.isSiteId(site) || sites.find(site).isEmpty()) {
            return usage("error: there is no site '" + ControlCharacters.escape(site) + "' (see: site list)");
        }
        if (command.equals("list")) {
            return words.size() == 2 ? list(site) : usage(USAGE);
        }
        if (words.size() < 3) {
            return usage(USAGE);
        }
        String articleId = words.get(2);
        if (!Identifiers.isArticleId(articleId)) {
            return usage("error: '" + ControlCharacters.escape(articleId) + "' is not an article id");
        }
        PinOptions options;
        try {
            options = PinOptions.parse(words.subList(3, words.size()), command.equals("remove"), clock.instant());
        } catch (UsageError e) {
            return usage("error: " + e.getMessage());
        }
        if (command.equals("remove")) {
            boolean removed = trending.removePin(site, options.scope(), articleId);
            out.println(removed ? "removed " + articleId + " from " + describe(options.scope()) : "nothing to remove for " + articleId + " in " + describe(options.scope()));
            return 0;
        }
        PinAction action = PinAction.fromWire(command).orElseThrow();
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
                .forEach(pin -> out.println(pin.action().wireName() + "\t" + ControlCharacters.escape(describe(pin.scope()))
                        + "\t" + ControlCharacters.escape(pin.articleId()) + "\tuntil " + pin.expiresAt()));
        return 0;
    }

    private int usage(String message) {
        out.println(message);
        return 2;
    }

    private static String describe(String scope) {
        return CounterKey.SITE_TOTAL.equals(scope) ? "the whole site" : "section " + scope.substring(CounterKey.SECTION_PREFIX.length());
    }

    /** Where a pin applies and until when; {@code remove} takes only where. */
    private record PinOptions(String scope, Instant expiresAt) {

        static PinOptions parse(List<String> words, boolean removing, Instant now) {
            Options options = Options.parse(words, removing ? Set.of("--section") : Set.of("--section", "--for", "--until"), Set.of());
            String scope = CounterKey.SITE_TOTAL;
            String section = options.value("--section");
            if (section != null) {
                if (!Identifiers.isSectionSlug(section)) {
                    throw new UsageError("--section takes a section slug such as geopolitics-foreign-policy");
                }
                scope = TrendingList.sectionScope(section);
            }
            String duration = options.value("--for");
            String until = options.value("--until");
            if (duration != null && until != null) {
                throw new UsageError("give --for or --until, not both");
            }
            Instant expiresAt = null;
            if (duration != null) {
                Matcher matcher = DURATION.matcher(duration);
                if (!matcher.matches()) {
                    throw new UsageError("--for takes minutes, hours or days: 30m, 6h, 2d");
                }
                long amount = Long.parseLong(matcher.group(1));
                expiresAt = now.plus(switch (matcher.group(2)) {
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
            if (until != null) {
                try {
                    expiresAt = Instant.parse(until);
                } catch (DateTimeParseException e) {
                    throw new UsageError("--until takes an ISO instant such as 2026-11-30T18:00:00Z");
                }
            }
            if (expiresAt != null && (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_EXPIRY)))) {
                throw new UsageError("the expiry must be in the future and at most " + MAX_EXPIRY.toDays() + " days away");
            }
            return new PinOptions(scope, expiresAt);
        }
    }
}
