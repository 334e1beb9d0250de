package io.readpulse.admin;

import io.readpulse.aggregate.ReplayService;
import io.readpulse.alerts.AlertService;
import io.readpulse.alerts.SiteTraffic;
import io.readpulse.alerts.delivery.DeliveryPolicy;
import io.readpulse.collect.Identifiers;
import io.readpulse.config.DynamoClients;
import io.readpulse.config.Environment;
import io.readpulse.config.SecretsManagerSecrets;
import io.readpulse.config.SmtpConfig;
import io.readpulse.metadata.AddressPolicy;
import io.readpulse.metadata.ArticleMetadataService;
import io.readpulse.metadata.CheckedConnector;
import io.readpulse.metadata.HostResolver;
import io.readpulse.metadata.ArticleVerifier;
import io.readpulse.metadata.FetchPolicy;
import io.readpulse.metadata.PageFetcher;
import io.readpulse.model.Site;
import io.readpulse.store.SiteStore;
import io.readpulse.store.dynamodb.DynamoAlertStore;
import io.readpulse.store.dynamodb.DynamoApiKeyStore;
import io.readpulse.store.dynamodb.DynamoShareLinkStore;
import io.readpulse.store.dynamodb.DynamoArticleStore;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.store.dynamodb.DynamoRawEventStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.store.dynamodb.DynamoTrendingStore;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The operator's command line. Reads TABLE_NAME (and AWS_ENDPOINT_URL_DYNAMODB locally) like the
 * functions do.
 *
 * <pre>
 * site create &lt;id&gt; --name "Name" --domain example.com [--domain cdn.example.com ...] [--metadata page|publisher] [--allow-null-origin] [--replace]
 * site list
 * replay &lt;site&gt; --from yyyy-MM-dd --to yyyy-MM-dd [--dry-run] [--yes]   see {@link ReplayCommand}
 * key ...          editors' API keys, see {@link KeyAdminCommands}
 * link ...         read-only share links to a site's reports, see {@link LinkAdminCommands}
 * trending ...     pins and exclusions, see {@link TrendingAdminCommands}
 * article ...      what lists show of an article, see {@link ArticleAdminCommands}
 * alerts ...       a site's alert destinations, see {@link AlertAdminCommands}
 * </pre>
 *
 * <p>Every option that takes a value must be given one; what operators type is checked before it
 * is saved (see {@link DomainName}, {@link ControlCharacters}), and stored text is printed escaped.
 */
public final class Admin {
    static final String SITE_USAGE = "site create <id> --name NAME --domain HOST [--domain HOST ...] [--metadata page|publisher]"
            + " [--allow-null-origin] [--replace] | site list";

    private final SiteStore sites;
    private final ReplayService replay;
    private final PrintStream out;
    private final SecureRandom random = new SecureRandom();
    /** Null where only sites are administered, as in benchmarks and tests that just need a site. */
    private final KeyAdminCommands keys;
    private final LinkAdminCommands links;
    private final TrendingAdminCommands trending;
    private final ArticleAdminCommands articles;
    private final AlertAdminCommands alerts;

    public Admin(SiteStore sites, ReplayService replay, KeyAdminCommands keys, TrendingAdminCommands trending,
                 ArticleAdminCommands articles, PrintStream out) {
        this(sites, replay, keys, null, trending, articles, null, out);
    }

    public Admin(SiteStore sites, ReplayService replay, KeyAdminCommands keys, LinkAdminCommands links, TrendingAdminCommands trending,
                 ArticleAdminCommands articles, AlertAdminCommands alerts, PrintStream out) {
        this.alerts = alerts;
        this.sites = sites;
        this.replay = replay;
        this.keys = keys;
        this.links = links;
        this.trending = trending;
        this.articles = articles;
        this.out = out;
    }

    /** Only the site commands: for benchmarks and tests that need a site and nothing else. */
    public static Admin sitesOnly(SiteStore sites, PrintStream out) {
        return new Admin(sites, null, null, null, null, out);
    }

    /** The admin command wired to the table the environment names. */
    public static Admin forEnvironment(Environment environment, PrintStream out) {
        return forEnvironment(environment, Clock.systemUTC(), out);
    }

    /** As {@link #forEnvironment(Environment, PrintStream)} at another time: for tests of what is replayable when. */
    public static Admin forEnvironment(Environment environment, Clock clock, PrintStream out) {
        DynamoDbClient dynamo = DynamoClients.create(environment);
        String table = environment.required(Environment.TABLE_NAME);
        Duration rawEventRetention = environment.days(Environment.RAW_EVENT_RETENTION_DAYS, 7);
        ReplayService replay = new ReplayService(
                new DynamoRawEventStore(dynamo, table, rawEventRetention),
                new DynamoCounterStore(dynamo, table, environment.days(Environment.COUNTER_RETENTION_DAYS, 400), 8),
                clock, rawEventRetention);
        SiteStore sites = new DynamoSiteStore(dynamo, table);
        FetchPolicy pagePolicy = environment.flag(Environment.ARTICLE_PAGES_ON_LOOPBACK) ? FetchPolicy.local() : FetchPolicy.production();
        ArticleMetadataService.PageReader pages = ArticleMetadataService.reading(
                new ArticleVerifier(new PageFetcher(pagePolicy), clock));
        return new Admin(sites, replay, new KeyAdminCommands(sites, new DynamoApiKeyStore(dynamo, table), clock, out),
                new LinkAdminCommands(sites, new DynamoShareLinkStore(dynamo, table), clock, out),
                new TrendingAdminCommands(sites, new DynamoTrendingStore(dynamo, table), clock, out),
                new ArticleAdminCommands(sites, new DynamoArticleStore(dynamo, table,
                        environment.days(Environment.COUNTER_RETENTION_DAYS, 400)), pages, clock, out),
                alertCommands(environment, dynamo, sites, clock, out), out);
    }

    private static AlertAdminCommands alertCommands(Environment environment, DynamoDbClient dynamo, SiteStore sites, Clock clock, PrintStream out) {
        String table = environment.required(Environment.TABLE_NAME);
        Duration counterRetention = environment.days(Environment.COUNTER_RETENTION_DAYS, 400);
        DeliveryPolicy policy = environment.flag(Environment.ALERT_RECEIVERS_ON_LOOPBACK) ? DeliveryPolicy.local() : DeliveryPolicy.production();
        DynamoAlertStore store = new DynamoAlertStore(dynamo, table);
        AlertService service = new AlertService(sites, store, new DynamoTrendingStore(dynamo, table),
                new DynamoArticleStore(dynamo, table, counterRetention),
                new SiteTraffic(new DynamoCounterStore(dynamo, table, counterRetention, 8),
                        new DynamoRawEventStore(dynamo, table, environment.days(Environment.RAW_EVENT_RETENTION_DAYS, 7))),
                lazily(() -> SmtpConfig.alertSenders(environment, new SecretsManagerSecrets(environment))));
        return new AlertAdminCommands(sites, store, service, new CheckedConnector(new AddressPolicy(policy.allowLoopback()),
                HostResolver.system(), (SSLSocketFactory) SSLSocketFactory.getDefault()), clock, out);
    }

    /** The senders, built at the first delivery: only {@code alerts test} reads the SMTP secret. */
    private static io.readpulse.alerts.AlertSender lazily(java.util.function.Supplier<io.readpulse.alerts.AlertSender> build) {
        io.readpulse.alerts.AlertSender[] built = new io.readpulse.alerts.AlertSender[1];
        return (destination, alert) -> {
            if (built[0] == null) {
                built[0] = build.get();
            }
            return built[0].send(destination, alert);
        };
    }

    public static void main(String[] args) {
        if (args.length == 0 || (args.length == 1 && List.of("help", "-h", "--help").contains(args[0]))) {
            System.out.print(help());
            System.exit(args.length == 0 ? 2 : 0);
        }
        System.exit(forEnvironment(Environment.system(), System.out).run(args));
    }

    /** @return the process exit code: 0 done, 1 failed, 2 usage error */
    public int run(String... args) {
        List<String> words = Arrays.asList(args);
        if (words.size() == 1 && List.of("help", "-h", "--help").contains(words.get(0))) {
            out.print(help());
            return 0;
        }
        if (!words.isEmpty() && words.get(0).equals("trending") && trending != null) {
            return trending.run(words.subList(1, words.size()));
        }
        if (words.size() == 2 && words.get(0).equals("site") && words.get(1).equals("list")) {
            for (Site site : sites.listAll()) {
                out.println(ControlCharacters.escape(site.id()) + "\t" + ControlCharacters.escape(site.name())
                        + "\t" + ControlCharacters.escape(String.join(",", site.domains())));
            }
            return 0;
        }
        if (words.size() >= 3 && words.get(0).equals("site") && words.get(1).equals("create")) {
            try {
                return createSite(words.get(2), words.subList(3, words.size()));
            } catch (UsageError e) {
                out.println("error: " + e.getMessage());
                return 2;
            }
        }
        if (articles != null && !words.isEmpty() && words.get(0).equals("article")) {
            return articles.run(words.subList(1, words.size()));
        }
        if (alerts != null && !words.isEmpty() && words.get(0).equals("alerts")) {
            return alerts.run(words.subList(1, words.size()));
        }
        if (keys != null && !words.isEmpty() && words.get(0).equals("key")) {
            return keys.run(words.subList(1, words.size()));
        }
        if (links != null && !words.isEmpty() && words.get(0).equals("link")) {
            return links.run(words.subList(1, words.size()));
        }
        if (replay != null && !words.isEmpty() && words.get(0).equals("replay")) {
            return new ReplayCommand(sites, replay, out).run(words.subList(1, words.size()));
        }
        out.print(help());
        return 2;
    }

    /** Every admin command, one per line. */
    public static String help() {
        StringBuilder text = new StringBuilder("usage: ./readpulse admin COMMAND\n\n");
        for (String usage : List.of(SITE_USAGE, ReplayCommand.USAGE, KeyAdminCommands.USAGE, LinkAdminCommands.USAGE,
                TrendingAdminCommands.USAGE.substring("usage: ".length()), ArticleAdminCommands.USAGE.substring("usage: ".length()),
                AlertAdminCommands.USAGE.substring("usage: ".length()))) {
            for (String command : usage.split(" \\| (?=[a-z]+ )")) {
                text.append("  ").append(command.strip()).append('\n');
            }
        }
        return text.toString();
    }

    private int createSite(String id, List<String> words) {
        if (!Identifiers.isSiteId(id)) {
            throw new UsageError("a site id is 2-63 lower-case letters, digits or dashes");
        }
        Options options = Options.parse(words, Set.of("--name", "--domain", "--metadata"), Set.of("--allow-null-origin", "--replace"));
        String name = options.value("--name") == null ? id : options.value("--name");
        if (name.isBlank()) {
            throw new UsageError("--name cannot be blank");
        }
        ControlCharacters.refuse("--name", name);
        List<String> domains = options.values("--domain").stream().map(DomainName::normalise).distinct().toList();
        if (domains.isEmpty()) {
            throw new UsageError("name at least one --domain whose pages may report events");
        }
        String metadata = options.value("--metadata");
        if (metadata != null && !metadata.equals("page") && !metadata.equals("publisher")) {
            throw new UsageError("--metadata is page (Readpulse reads each article's page) or publisher (only what you submit)");
        }
        Optional<Site> existing = sites.find(id);
        if (existing.isPresent() && !options.flag("--replace")) {
            throw new UsageError("site " + id + " exists, with domains " + ControlCharacters.escape(String.join(", ", existing.get().domains()))
                    + "; add --replace to replace its name, domains and settings (its visitor sketch secret is kept)");
        }
        byte[] sketchSalt = existing.map(Site::sketchSalt).orElseGet(() -> {
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            return fresh;
        });
        sites.save(new Site(id, name, domains, sketchSalt, options.flag("--allow-null-origin"), Site.MetadataSource.fromWire(metadata)));
        out.println("site " + id + (existing.isPresent() ? " replaced" : " saved") + " with domains " + String.join(", ", domains));
        return 0;
    }
}
