package io.readpulse.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShareLinkFormatTest {
    static final Instant EXPIRES = Instant.parse("2026-12-29T12:00:00Z");

    @Test
    void aTokenNamesItsSiteLinkAndExpiryAndIsToldApartFromAKey() {
        String token = ShareLinkFormat.newToken("demo-news", EXPIRES, new SecureRandom());
        ShareLinkFormat.Parts parts = ShareLinkFormat.parse(token).orElseThrow();
        assertEquals("demo-news", parts.site());
        assertEquals(EXPIRES, parts.expiresAt());
        assertTrue(parts.linkId().matches("[a-z2-7]{8}"));
        assertTrue(ShareLinkFormat.looksLikeAShareToken(token));
        assertTrue(ApiKeyFormat.parse(token).isEmpty(), "a token is never read as a key");
        assertFalse(ShareLinkFormat.looksLikeAShareToken(ApiKeyFormat.newKey("demo-news", new SecureRandom())));
    }

    @Test
    void malformedTokensAreRefusedAndEveryCharacterCountsInTheHash() {
        String token = ShareLinkFormat.newToken("demo-news", EXPIRES, new SecureRandom());
        for (String bad : new String[] {"", "rps", "rps.demo-news", token + ".x", token.substring(0, token.length() - 1),
                token.replace("rps.", "rpx."), token.replace(".demo-news.", ".Demo_News.")}) {
            assertTrue(ShareLinkFormat.parse(bad).isEmpty(), bad);
        }
        for (int i = 0; i < token.length(); i++) {
            char changed = token.charAt(i) == 'a' ? 'b' : 'a';
            String altered = token.substring(0, i) + changed + token.substring(i + 1);
            assertFalse(Arrays.equals(ShareLinkFormat.hash(token), ShareLinkFormat.hash(altered)), altered);
        }
    }
}
