package io.readpulse.admin;

import io.readpulse.collect.Identifiers;
import io.readpulse.config.DynamoClients;
import io.readpulse.config.Environment;
import io.readpulse.model.Site;
import io.readpulse.store.SiteStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The operator's command line. Reads TABLE_NAME (and AWS_ENDPOINT_URL_DYNAMODB locally) like the
 * functions do.
 *
 * <pre>
 * site create &lt;id&gt; --name "Name" --domain example.com [--domain cdn.example.com ...]
 * site list
 * </pre>
 */
public final class Admin {
    private final SiteStore sites;
    private final PrintStream out;
    private final SecureRandom random = new SecureRandom();

    public Admin(SiteStore sites, PrintStream out) {
        this.sites = sites;
        this.out = out;
    }

    public static void main(String[] args) {
        Environment environment = Environment.system();
        Admin admin = new Admin(new DynamoSiteStore(DynamoClients.create(environment), environment.required(Environment.TABLE_NAME)), System.out);
        System.exit(admin.run(args));
    }

    /** @return the process exit code: 0 done, 2 usage error */
    public int run(String... args) {
        List<String> words = Arrays.asList(args);
        if (!words.isEmpty() && words.get(0).equals("trending")) {
            return TrendingAdminCommands.fromEnvironment(Environment.system(), out).run(words.subList(1, words.size()));
        }
        if (words.size() >= 2 && words.get(0).equals("site") && words.get(1).equals("list")) {
            for (Site site : sites.listAll()) {
                out.println(site.id() + "\t" + site.name() + "\t" + String.join(",", site.domains()));
            }
            return 0;
        }
        if (words.size() >= 3 && words.get(0).equals("site") && words.get(1).equals("create")) {
            return createSite(words.get(2), words.subList(3, words.size()));
        }
        out.println("usage: site create <id> --name NAME --domain HOST [--domain HOST ...] | site list");
        return 2;
    }

    private int createSite(String id, List<String> options) {
        if (!Identifiers.isSiteId(id)) {
            out.println("error: a site id is 2-63 lower-case letters, digits or dashes");
            return 2;
        }
        String name = id;
        List<String> domains = new ArrayList<>();
        for (int i = 0; i + 1 < options.size(); i += 2) {
            switch (options.get(i)) {
                case "--name" -> name = options.get(i + 1);
                case "--domain" -> domains.add(options.get(i + 1).toLowerCase(Locale.ROOT));
                default -> {
                    out.println("error: unknown option " + options.get(i));
                    return 2;
                }
            }
        }
        if (domains.isEmpty()) {
            out.println("error: name at least one --domain whose pages may report events");
            return 2;
        }
        byte[] sketchSalt = sites.find(id).map(Site::sketchSalt).orElseGet(() -> {
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            return fresh;
        });
        sites.save(new Site(id, name, domains, sketchSalt));
        out.println("site " + id + " saved with domains " + String.join(", ", domains));
        return 0;
    }
}
