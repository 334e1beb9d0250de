package io.readpulse.admin;

import io.readpulse.auth.ApiKey;
import io.readpulse.auth.ApiKeyAuthenticator;
import io.readpulse.auth.ApiKeyFormat;
import io.readpulse.auth.ApiKeyStore;
import io.readpulse.store.SiteStore;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The {@code key} subcommands of the admin command: editors' API keys for the reports.
 *
 * <pre>
 * key create &lt;site&gt; [--label "who or what uses it"]   prints the key, once
 * key list &lt;site&gt;                                       ids, labels and state; never a key
 * key revoke &lt;site&gt; &lt;key id&gt;
 * </pre>
 */
public final class KeyAdminCommands {
    static final String USAGE = "key create <site> [--label TEXT] | key list <site> | key revoke <site> <key-id>";
    private static final int ID_ATTEMPTS = 5;

    private final SiteStore sites;
    private final ApiKeyStore keys;
    private final Clock clock;
    private final PrintStream out;
    private final SecureRandom random = new SecureRandom();

    public KeyAdminCommands(SiteStore sites, ApiKeyStore keys, Clock clock, PrintStream out) {
        this.sites = sites;
        this.keys = keys;
        this.clock = clock;
        this.out = out;
    }

    /** @param words the words after {@code key}; @return the exit code: 0 done, 1 refused, 2 usage error */
    public int run(List<String> words) {
        if (words.size() >= 2 && words.get(0).equals("create")) {
            try {
                return create(words.get(1), words.subList(2, words.size()));
            } catch (UsageError e) {
                out.println("error: " + e.getMessage());
                return 2;
            }
        }
        if (words.size() == 2 && words.get(0).equals("list")) {
            return list(words.get(1));
        }
        if (words.size() == 3 && words.get(0).equals("revoke")) {
            return revoke(words.get(1), words.get(2));
        }
        out.println("usage: " + USAGE);
        return 2;
    }

    private int create(String site, List<String> words) {
        String label = Options.parse(words, Set.of("--label"), Set.of()).value("--label");
        if (label == null) {
            label = "";
        }
        ControlCharacters.refuse("--label", label);
        if (sites.find(site).isEmpty()) {
            out.println("error: there is no site '" + ControlCharacters.escape(site) + "'; create it first with: site create "
                    + ControlCharacters.escape(site) + " ...");
            return 1;
        }
        Instant now = clock.instant();
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            String key = ApiKeyFormat.newKey(site, random);
            String keyId = ApiKeyFormat.parse(key).orElseThrow().keyId();
            if (keys.create(new ApiKey(site, keyId, label, ApiKeyFormat.hash(key), now, null))) {
                out.println("key " + keyId + " created for " + site + ". It is shown this once and cannot be recovered:");
                out.println(key);
                return 0;
            }
        }
        out.println("error: could not find a free key id; try again");
        return 1;
    }

    private int list(String site) {
        for (ApiKey key : keys.list(site)) {
            out.println(ControlCharacters.escape(key.keyId()) + "\t" + (key.revoked() ? "revoked " + key.revokedAt() : "active")
                    + "\tcreated " + key.createdAt() + "\t" + ControlCharacters.escape(key.label()));
        }
        return 0;
    }

    private int revoke(String site, String keyId) {
        if (!keys.revoke(site, keyId, clock.instant())) {
            out.println("error: site " + ControlCharacters.escape(site) + " has no active key " + ControlCharacters.escape(keyId));
            return 1;
        }
        out.println("key " + keyId + " of " + site + " revoked; instances that checked it in the last "
                + ApiKeyAuthenticator.POSITIVE_CACHE_TTL.toSeconds() + " s may accept it until then");
        return 0;
    }
}
