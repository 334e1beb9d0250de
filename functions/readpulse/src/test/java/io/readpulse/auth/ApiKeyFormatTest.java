package io.readpulse.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

    @Test
    void aNewKeyNamesItsSiteAndIdAndCarries256RandomBits() {
        SecureRandom random = new SecureRandom();
        String key = ApiKeyFormat.newKey("demo-news", random);
        assertTrue(key.matches("rpk\\.demo-news\\.[a-z2-7]{8}\\.[A-Za-z0-9_-]{43}"), key);
        ApiKeyFormat.Parts parts = ApiKeyFormat.parse(key).orElseThrow();
        assertEquals("demo-news", parts.site());
        assertEquals(key.split("\\.")[2], parts.keyId());
        assertNotEquals(key, ApiKeyFormat.newKey("demo-news", random));
    }

    @Test
    void anythingElseIsNotAKey() {
        String secret = "A".repeat(43);
        for (String bad : List.of("", "rpk", "rpk.demo-news.abcdefgh", "xyz.demo-news.abcdefgh." + secret,
                "rpk.Demo_News.abcdefgh." + secret, "rpk.demo-news.ABCDEFGH." + secret, "rpk.demo-news.abcdefgh." + secret + "A",
                "rpk.demo-news.abcdefgh." + secret + ".more", "rpk.demo-news.abcdefgh.A+AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")) {
            assertTrue(ApiKeyFormat.parse(bad).isEmpty(), bad);
        }
        assertTrue(ApiKeyFormat.parse(null).isEmpty());
    }

    @Test
    void theStoredHashIsSha256OfTheWholeKey() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", HexFormat.of().formatHex(ApiKeyFormat.hash("abc")));
    }
}
