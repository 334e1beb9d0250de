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
 * Cookie-free visitor identity. The visitor key is HMAC-SHA256(daily salt, site, IP, browser class),
 * cut to 64 bits: stable for a day, unlinkable across days once the salt is gone, and the IP is
 * never stored. The sketch slot is derived with the site's own long-lived secret but keeps only
 * 18 bits, so it can count uniques across days without identifying anyone.
 *
 * <p>A visitor is an address and one of {@value #BROWSER_CLASSES} browser classes (a hash of the
 * user agent), not the user-agent string itself: a user agent costs nothing to forge, so one client
 * rotating user agents would otherwise be a new reader per request. One address therefore counts
 * as at most {@value #BROWSER_CLASSES} readers of an article a day, which still leaves an office or
 * a mobile carrier's shared address its readers: 50 people with distinct browsers behind one
 * address fill about 15 of the classes, 500 forged user agents all 16.
 */
public final class VisitorKeys {
    private static final Base64.Encoder KEY_ENCODING = Base64.getUrlEncoder().withoutPadding();
    public static final int BROWSER_CLASSES = 16;
    private static final String[] CLASS_NAMES = browserClassNames();

    /**
     * A visitor's key for one day, 8 URL-safe characters (48 bits of the MAC). It only tells one
     * reader's events of a day from another's, and travels in every raw event through the stream:
     * a site with a million readers a day sees two of them share a key about once in 500 days.
     */
    public String visitorKey(byte[] dailySalt, String site, String ip, String userAgent) {
        byte[] mac = ByteBuffer.allocate(8).putLong(hmac64(dailySalt, site, ip, browserClass(userAgent))).array();
        return KEY_ENCODING.encodeToString(java.util.Arrays.copyOf(mac, 6));
    }

    /** The HyperLogLog slot of this visitor for the site's unique-visitor sketches. */
    public int sketchSlot(byte[] siteSketchSalt, String ip, String userAgent) {
        return HyperLogLog.slotOf(hmac64(siteSketchSalt, "", ip, browserClass(userAgent)));
    }

    /** The user agent's class: which of the {@value #BROWSER_CLASSES} readers an address may count as it is. */
    static String browserClass(String userAgent) {
        return CLASS_NAMES[(userAgent.hashCode() * 0x9E3779B9) >>> 28];
    }

    private static String[] browserClassNames() {
        String[] names = new String[BROWSER_CLASSES];
        for (int i = 0; i < BROWSER_CLASSES; i++) {
            names[i] = "browser-class-" + i;
        }
        return names;
    }

    /**
     * Keyed MACs are costly to look up and initialise (about as much as parsing the whole request),
     * so each thread keeps one per salt it met last; a keyed Mac is reusable after doFinal.
     */
    private final ThreadLocal<Map<byte[], Mac>> macs = ThreadLocal.withInitial(IdentityHashMap::new);

    private long hmac64(byte[] salt, String site, String ip, String browser) {
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
            mac.update(browser.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(mac.doFinal()).getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
