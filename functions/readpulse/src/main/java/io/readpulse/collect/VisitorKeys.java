package io.readpulse.collect;

import io.readpulse.sketch.HyperLogLog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cookie-free visitor identity. The visitor key is HMAC-SHA256(daily salt, site, IP, user agent),
 * cut to 64 bits: stable for a day, unlinkable across days once the salt is gone, and the IP is
 * never stored. The sketch slot is derived with the site's own long-lived secret but keeps only
 * 18 bits, so it can count uniques across days without identifying anyone.
 */
public final class VisitorKeys {
    private static final Base64.Encoder KEY_ENCODING = Base64.getUrlEncoder().withoutPadding();

    /** A visitor's key for one day, 11 URL-safe characters. */
    public String visitorKey(byte[] dailySalt, String site, String ip, String userAgent) {
        return KEY_ENCODING.encodeToString(ByteBuffer.allocate(8).putLong(hmac64(dailySalt, site, ip, userAgent)).array());
    }

    /** The HyperLogLog slot of this visitor for the site's unique-visitor sketches. */
    public int sketchSlot(byte[] siteSketchSalt, String ip, String userAgent) {
        return HyperLogLog.slotOf(hmac64(siteSketchSalt, "", ip, userAgent));
    }

    /**
     * Keyed MACs are costly to look up and initialise (about as much as parsing the whole request),
     * so each thread keeps one per salt it met last; a keyed Mac is reusable after doFinal.
     */
    private final ThreadLocal<Map<byte[], Mac>> macs = ThreadLocal.withInitial(IdentityHashMap::new);

    private long hmac64(byte[] salt, String site, String ip, String userAgent) {
        Map<byte[], Mac> cache = macs.get();
        Mac mac = cache.get(salt);
        try {
            if (mac == null) {
                if (cache.size() >= 8) {
                    cache.clear();
                }
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(salt, "HmacSHA256"));
                cache.put(salt, mac);
            }
            mac.update(site.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(ip.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(userAgent.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(mac.doFinal()).getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
