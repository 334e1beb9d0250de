package io.readpulse.admin;

import io.readpulse.auth.ApiKeyAuthenticator;
import io.readpulse.store.SiteStore;
import java.io.PrintStream;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntBiFunction;
import java.util.function.ToIntFunction;

/**
 * What the {@code key} and {@code link} commands have in common: the same three words
 * ({@code create <site> ...}, {@code list <site>}, {@code revoke <site> <id>}), a secret issued
 * only for a site that exists and under a random id tried again when taken, and the same note on
 * how long a revoked one may still be accepted.
 */
final class CredentialCommands {
    /** Ids are random, so one is seldom taken; five taken in a row means something else is wrong. */
    private static final int ID_ATTEMPTS = 5;

    private final SiteStore sites;
    private final PrintStream out;
    /** What is issued, as the messages name it: {@code key}, {@code link}. */
    private final String noun;

    CredentialCommands(SiteStore sites, PrintStream out, String noun) {
        this.sites = sites;
        this.out = out;
        this.noun = noun;
    }

    /** @return the subcommand's exit code, or 2 for other words or an option it refused */
    int run(List<String> words, String usage, ToIntBiFunction<String, List<String>> create, ToIntFunction<String> list,
            ToIntBiFunction<String, String> revoke) {
        try {
            if (words.size() >= 2 && words.get(0).equals("create")) {
                return create.applyAsInt(words.get(1), words.subList(2, words.size()));
            }
            if (words.size() == 2 && words.get(0).equals("list")) {
                return list.applyAsInt(words.get(1));
            }
            if (words.size() == 3 && words.get(0).equals("revoke")) {
                return revoke.applyAsInt(words.get(1), words.get(2));
            }
        } catch (UsageError e) {
            out.println("error: " + e.getMessage());
            return 2;
        }
        out.println("usage: " + usage);
        return 2;
    }

    /** False, having said so, when there is no such site to issue a secret for. */
    boolean siteExists(String site) {
        if (sites.find(site).isPresent()) {
            return true;
        }
        out.println("error: there is no site '" + ControlCharacters.escape(site) + "'; create it first with: site create "
                + ControlCharacters.escape(site) + " ...");
        return false;
    }

    /**
     * @param issue stores a new secret under a fresh random id and prints it; false if the id was taken
     * @return the exit code: 0 issued, 1 no free id found
     */
    int issueUnderFreshId(BooleanSupplier issue) {
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            if (issue.getAsBoolean()) {
                return 0;
            }
        }
        out.println("error: could not find a free " + noun + " id; try again");
        return 1;
    }

    /** Instances cache a secret they accepted, so a revoked one works there a little longer. */
    void printRevoked(String site, String id) {
        out.println(noun + " " + id + " of " + site + " revoked; instances that checked it in the last "
                + ApiKeyAuthenticator.POSITIVE_CACHE_TTL.toSeconds() + " s may accept it until then");
    }
}
