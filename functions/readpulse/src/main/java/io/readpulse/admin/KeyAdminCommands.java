package io.readpulse.admin;

import io.readpulse.auth.ApiKey;
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
    private final ApiKeyStore keys;
    private final Clock clock;
    private final PrintStream out;
    private final CredentialCommands commands;
    private final SecureRandom random = new SecureRandom();

    public KeyAdminCommands(SiteStore sites, ApiKeyStore keys, Clock clock, PrintStream out) {
        this.keys = keys;
        this.clock = clock;
        this.out = out;
        this.commands = new CredentialCommands(sites, out, "key");
    }

    /** @param words the words after {@code key}; @return the exit code: 0 done, 1 refused, 2 usage error */
    public int run(List<String> words) {
        return commands.run(words, USAGE, this::create, this::list, this::revoke);
    }

    private int create(String site, List<String> words) {
        String given = Options.parse(words, Set.of("--label"), Set.of()).value("--label");
        String label = given == null ? "" : given;
        ControlCharacters.refuse("--label", label);
        if (!commands.siteExists(site)) {
            return 1;
        }
        Instant now = clock.instant();
        return commands.issueUnderFreshId(() -> {
            String key = ApiKeyFormat.newKey(site, random);
            String keyId = ApiKeyFormat.parse(key).orElseThrow().keyId();
            if (!keys.create(new ApiKey(site, keyId, label, ApiKeyFormat.hash(key), now, null))) {
                return false;
            }
            out.println("key " + keyId + " created for " + site + ". It is shown this once and cannot be recovered:");
            out.println(key);
            return true;
        });
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
        commands.printRevoked(site, keyId);
        return 0;
    }
}
