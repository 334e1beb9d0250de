package io.readpulse.admin;

import io.readpulse.alerts.AlertService;
import io.readpulse.alerts.AlertStore;
import io.readpulse.alerts.Delivery;
import io.readpulse.alerts.Destination;
import io.readpulse.alerts.Digest;
import io.readpulse.alerts.DigestSchedule;
import io.readpulse.alerts.EmailAddresses;
import io.readpulse.alerts.DestinationUrl;
import io.readpulse.alerts.QuietHours;
import io.readpulse.alerts.Trigger;
import io.readpulse.collect.Identifiers;
import io.readpulse.metadata.CheckedConnector;
import io.readpulse.metadata.FetchFailure;
import io.readpulse.model.Site;
import io.readpulse.store.SiteStore;
import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A site's alert destinations (see docs/alerts.md).
 *
 * <pre>
 * alerts add &lt;site&gt; slack|webhook URL | email ADDRESS[,ADDRESS...] [--triggers rising,milestone,silence,traffic|none] [--milestone N]
 *            [--quiet HH:MM-HH:MM] [--zone ZONE] [--digest daily|weekly]
 * alerts digest &lt;site&gt; [--hour H] [--zone ZONE]
 * alerts list &lt;site&gt;
 * alerts test &lt;site&gt;
 * alerts remove &lt;site&gt; &lt;id&gt;
 * </pre>
 *
 * <p>A URL must be https (http only to localhost, for local tests), and every address its host
 * resolves to must be public: checked here, and again at every delivery. A webhook's signing secret
 * is made here and printed once; a Slack URL is a secret too, so both are printed masked afterwards.
 */
public final class AlertAdminCommands {
    static final String USAGE = "usage: alerts add <site> slack|webhook URL | email ADDRESS[,ADDRESS...]"
            + " [--triggers rising,milestone,silence,traffic|none] [--milestone N] [--quiet HH:MM-HH:MM] [--zone ZONE] [--digest daily|weekly]"
            + " | alerts digest <site> [--hour H] [--zone ZONE] | alerts list <site> | alerts test <site> | alerts remove <site> <id>";
    static final Set<Trigger> DEFAULT_TRIGGERS = EnumSet.of(Trigger.RISING, Trigger.SILENCE);
    static final long DEFAULT_MILESTONE = 10_000;

    private final SiteStore sites;
    private final AlertStore alerts;
    private final AlertService service;
    private final CheckedConnector addresses;
    private final Clock clock;
    private final PrintStream out;
    private final SecureRandom random = new SecureRandom();

    /** @param addresses resolves and checks a destination's host, as deliveries will */
    public AlertAdminCommands(SiteStore sites, AlertStore alerts, AlertService service, CheckedConnector addresses, Clock clock, PrintStream out) {
        this.sites = sites;
        this.alerts = alerts;
        this.service = service;
        this.addresses = addresses;
        this.clock = clock;
        this.out = out;
    }

    /** @param words what followed "alerts"; @return the exit code: 0 done, 1 a test delivery failed, 2 usage error */
    public int run(List<String> words) {
        if (words.size() < 2 || !List.of("add", "list", "test", "remove", "digest").contains(words.get(0))) {
            return usage(USAGE);
        }
        Optional<Site> site = Identifiers.isSiteId(words.get(1)) ? sites.find(words.get(1)) : Optional.empty();
        if (site.isEmpty()) {
            return usage("error: there is no site '" + ControlCharacters.escape(words.get(1)) + "' (see: site list)");
        }
        try {
            return switch (words.get(0)) {
                case "add" -> add(site.get(), words.subList(2, words.size()));
                case "list" -> words.size() == 2 ? list(site.get()) : usage(USAGE);
                case "test" -> words.size() == 2 ? test(site.get()) : usage(USAGE);
                case "digest" -> digest(site.get(), words.subList(2, words.size()));
                default -> words.size() == 3 ? remove(site.get(), words.get(2)) : usage(USAGE);
            };
        } catch (UsageError e) {
            return usage("error: " + e.getMessage());
        }
    }

    private int add(Site site, List<String> words) {
        if (words.size() < 2) {
            return usage(USAGE);
        }
        Destination.Kind kind = switch (words.get(0)) {
            case "slack" -> Destination.Kind.SLACK;
            case "webhook" -> Destination.Kind.WEBHOOK;
            case "email" -> Destination.Kind.EMAIL;
            default -> throw new UsageError("the kind is slack, webhook or email, not '" + ControlCharacters.escape(words.get(0)) + "'");
        };
        URI target = kind == Destination.Kind.EMAIL ? emailTarget(words.get(1)) : urlTarget(words.get(1));
        Options options = Options.parse(words.subList(2, words.size()), Set.of("--triggers", "--milestone", "--quiet", "--zone", "--digest"),
                Set.of());
        Set<Trigger> triggers = EnumSet.noneOf(Trigger.class);
        if (options.value("--triggers") == null) {
            triggers.addAll(DEFAULT_TRIGGERS);
        } else if (!options.value("--triggers").equals("none")) {
            for (String name : options.value("--triggers").split(",", -1)) {
                triggers.add(Trigger.fromWire(name.strip()).orElseThrow(() ->
                        new UsageError("--triggers takes rising, milestone, silence and traffic, comma-separated, or none, not '" + ControlCharacters.escape(name) + "'")));
            }
        }
        long milestone = DEFAULT_MILESTONE;
        if (options.value("--milestone") != null) {
            try {
                milestone = Long.parseLong(options.value("--milestone"));
            } catch (NumberFormatException e) {
                milestone = 0;
            }
            if (milestone < 1 || milestone > 1_000_000_000L) {
                throw new UsageError("--milestone takes a number of reads from 1 to 1,000,000,000");
            }
        }
        QuietHours quiet = null;
        if (options.value("--quiet") != null) {
            quiet = QuietHours.parse(options.value("--quiet"))
                    .orElseThrow(() -> new UsageError("--quiet takes HH:MM-HH:MM in the destination's --zone, e.g. 22:00-07:00"));
        }
        ZoneId zone = options.value("--zone") == null ? ZoneId.of("UTC") : zone(options.value("--zone"));
        Digest digest = null;
        if (options.value("--digest") != null) {
            digest = Digest.fromWire(options.value("--digest"))
                    .orElseThrow(() -> new UsageError("--digest takes daily or weekly, not '" + ControlCharacters.escape(options.value("--digest")) + "'"));
            if (kind == Destination.Kind.WEBHOOK) {
                throw new UsageError("--digest: digests go to e-mail and Slack destinations, not to webhooks");
            }
        }
        if (triggers.isEmpty() && digest == null) {
            throw new UsageError("--triggers none: a destination needs a trigger or a --digest");
        }
        byte[] idBytes = new byte[4];
        random.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String secret = null;
        if (kind == Destination.Kind.WEBHOOK) {
            byte[] secretBytes = new byte[32];
            random.nextBytes(secretBytes);
            secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        }
        Destination destination = new Destination(site.id(), id, kind, target, secret, triggers, milestone, quiet, zone, digest,
                clock.instant(), 0, 0, null, null);
        alerts.save(destination);
        out.println("added " + kind.wireName() + " destination " + id + " of site " + site.id() + ": " + describe(destination));
        if (secret != null) {
            out.println("signing secret (shown only now; verify Readpulse-Signature with it, see docs/alerts.md): " + secret);
        }
        return 0;
    }

    private URI urlTarget(String text) {
        ControlCharacters.refuse("URL", text);
        URI target;
        try {
            target = DestinationUrl.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageError("URL: " + e.getMessage());
        }
        try {
            addresses.resolve(DestinationUrl.host(target));
        } catch (FetchFailure e) {
            throw new UsageError("URL: " + e.getMessage());
        }
        return target;
    }

    private static URI emailTarget(String text) {
        try {
            return EmailAddresses.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageError("ADDRESS: " + e.getMessage());
        }
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new UsageError("--zone takes a time zone such as Europe/Berlin, not '" + ControlCharacters.escape(text) + "'");
        }
    }

    /** The local hour and time zone at which the site's digests go out. */
    private int digest(Site site, List<String> words) {
        Options options = Options.parse(words, Set.of("--hour", "--zone"), Set.of());
        DigestSchedule current = alerts.digestSchedule(site.id());
        int hour = current.hour();
        if (options.value("--hour") != null) {
            try {
                hour = Integer.parseInt(options.value("--hour"));
            } catch (NumberFormatException e) {
                hour = -1;
            }
            if (hour < 0 || hour > 23) {
                throw new UsageError("--hour takes an hour of the day from 0 to 23");
            }
        }
        ZoneId zone = options.value("--zone") == null ? current.zone() : zone(options.value("--zone"));
        DigestSchedule schedule = new DigestSchedule(hour, zone);
        if (options.value("--hour") != null || options.value("--zone") != null) {
            alerts.saveDigestSchedule(site.id(), schedule);
        }
        out.println("site " + site.id() + " sends its digests at " + schedule + " (daily: the day before; weekly: on Mondays, the week before)");
        return 0;
    }

    private int list(Site site) {
        List<Destination> destinations = alerts.destinations(site.id());
        if (destinations.isEmpty()) {
            out.println("site " + site.id() + " has no alert destinations (add one: alerts add " + site.id() + " slack|webhook URL or email ADDRESS)");
        }
        for (Destination destination : destinations) {
            out.println(destination.id() + "\t" + destination.kind().wireName() + "\t" + describe(destination));
            out.println("\tdelivered " + destination.delivered() + ", failed " + destination.failed()
                    + (destination.lastFailure() == null ? ""
                    : "; last failure " + destination.lastFailureAt() + ": " + ControlCharacters.escape(destination.lastFailure())));
        }
        return 0;
    }

    private int test(Site site) {
        Map<Destination, Delivery> outcomes = service.test(site, clock.instant());
        if (outcomes.isEmpty()) {
            out.println("site " + site.id() + " has no alert destinations");
            return 1;
        }
        boolean allDelivered = true;
        for (Map.Entry<Destination, Delivery> outcome : outcomes.entrySet()) {
            Destination destination = outcome.getKey();
            out.println(destination.id() + "\t" + destination.kind().wireName() + "\t" + ControlCharacters.escape(destination.maskedTarget())
                    + "\t" + ControlCharacters.escape(outcome.getValue().describe()));
            allDelivered &= outcome.getValue().delivered();
        }
        return allDelivered ? 0 : 1;
    }

    private int remove(Site site, String id) {
        if (!id.matches("[0-9a-f]{8}")) {
            throw new UsageError("a destination id is 8 hexadecimal digits (see: alerts list " + site.id() + ")");
        }
        if (!alerts.remove(site.id(), id)) {
            return usage("error: site " + site.id() + " has no alert destination " + id);
        }
        out.println("removed alert destination " + id + " of site " + site.id());
        return 0;
    }

    private static String describe(Destination destination) {
        return ControlCharacters.escape(destination.maskedTarget()) + "  triggers "
                + String.join(",", destination.triggers().stream().map(Trigger::wireName).sorted().toList())
                + (destination.wants(Trigger.MILESTONE) ? "  milestone " + destination.milestoneReads() : "")
                + (destination.quietHours() == null ? "" : "  quiet " + destination.quietHours() + " " + destination.zone().getId())
                + (destination.digest() == null ? "" : "  digest " + destination.digest().wireName());
    }

    private int usage(String message) {
        out.println(message);
        return 2;
    }
}
