package io.readpulse.auth;

import io.readpulse.collect.Identifiers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an editor's key looks like: {@code rpk.<site>.<key id>.<secret>}, the secret being 32 random
 * bytes (256 bits) in base64url. The site and key id say which stored hash to compare with, so a
 * check is one GetItem; the prefix lets secret scanners recognise a leaked key.
 *
 * <p>Only SHA-256 of the key is stored. A slow password hash (bcrypt, scrypt) exists to stop
 * guessing of low-entropy passwords from a stolen hash; a 256-bit random secret cannot be guessed
 * either way, so a fast hash is as safe here and keeps the check cheap on every request.
 */
public final class ApiKeyFormat {
    static final String PREFIX = "rpk";
    private static final Pattern KEY_ID = Pattern.compile("[a-z2-7]{8}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int SECRET_BYTES = 32;

    private ApiKeyFormat() {
    }

    /** The parts of a well-formed key; the secret is only ever hashed. */
    public record Parts(String site, String keyId) {
    }

    /** A new key for {@code site}; the caller shows it once and stores only {@link #hash}. */
    public static String newKey(String site, SecureRandom random) {
        StringBuilder keyId = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            keyId.append(BASE32[random.nextInt(BASE32.length)]);
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return PREFIX + '.' + site + '.' + keyId + '.' + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The site and key id of a well-formed key, or empty for anything else. */
    public static Optional<Parts> parse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String[] parts = key.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX) || !Identifiers.isSiteId(parts[1])
                || !KEY_ID.matcher(parts[2]).matches() || !SECRET.matcher(parts[3]).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Parts(parts[1], parts[2]));
    }

    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
