package io.readpulse.auth;

import io.readpulse.collect.Identifiers;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a share link's token looks like: {@code rps.<site>.<link id>.<expires>.<secret>}, where
 * {@code expires} is the epoch second it stops working and the secret 32 random bytes (256 bits)
 * in base64url. The prefix tells it apart from an API key ({@code rpk.}), so a request's bearer
 * is checked as one or the other, never both.
 *
 * <p>The token is not signed with a server key (there would be one more secret to keep and
 * rotate): it is checked against the SHA-256 of the whole token, stored when the link was made, in
 * constant time. That does what a signature would: changing any character, the site or the
 * expiry included, gives another hash, and nobody can make a token for a hash they do not have.
 */
public final class ShareLinkFormat {
    static final String PREFIX = "rps";
    private static final Pattern LINK_ID = Pattern.compile("[a-z2-7]{8}");
    private static final Pattern EXPIRES = Pattern.compile("[1-9][0-9]{8,10}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int SECRET_BYTES = 32;

    private ShareLinkFormat() {
    }

    /** The parts of a well-formed token; the secret is only ever hashed. */
    public record Parts(String site, String linkId, Instant expiresAt) {
    }

    public static boolean looksLikeAShareToken(String presented) {
        return presented != null && presented.startsWith(PREFIX + '.');
    }

    /** A new token for {@code site}; the caller shows it once and stores only {@link #hash}. */
    public static String newToken(String site, Instant expiresAt, SecureRandom random) {
        StringBuilder linkId = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            linkId.append(BASE32[random.nextInt(BASE32.length)]);
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return PREFIX + '.' + site + '.' + linkId + '.' + expiresAt.getEpochSecond() + '.'
                + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The site, link id and expiry of a well-formed token, or empty for anything else. */
    public static Optional<Parts> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 5 || !parts[0].equals(PREFIX) || !Identifiers.isSiteId(parts[1]) || !LINK_ID.matcher(parts[2]).matches()
                || !EXPIRES.matcher(parts[3]).matches() || !SECRET.matcher(parts[4]).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Parts(parts[1], parts[2], Instant.ofEpochSecond(Long.parseLong(parts[3]))));
    }

    public static byte[] hash(String token) {
        return ApiKeyFormat.hash(token);
    }
}
