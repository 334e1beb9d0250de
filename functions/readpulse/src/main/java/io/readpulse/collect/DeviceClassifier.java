package io.readpulse.collect;

import io.readpulse.model.DeviceClass;

/**
 * Desktop, mobile or tablet, from a user agent, by the tokens browsers have sent for years: iPads,
 * Kindles and Android devices that do not say "Mobile" are tablets; anything that says "Mobi",
 * iPhones and other phones are mobile; the rest (and an empty user agent) is desktop. iPadOS
 * Safari presents itself as a Mac by default and is counted as desktop: nothing in its request tells
 * them apart. Pure: no state, no I/O.
 */
public final class DeviceClassifier {

    public DeviceClass classify(String userAgent) {
        if (userAgent == null || userAgent.isEmpty()) {
            return DeviceClass.DESKTOP;
        }
        if (userAgent.contains("iPad") || userAgent.contains("Tablet") || userAgent.contains("Kindle")
                || userAgent.contains("Silk/") || userAgent.contains("PlayBook")) {
            return DeviceClass.TABLET;
        }
        boolean mobile = userAgent.contains("Mobi") || userAgent.contains("iPhone") || userAgent.contains("iPod")
                || userAgent.contains("Windows Phone") || userAgent.contains("Opera Mini") || userAgent.contains("BlackBerry");
        if (mobile) {
            return DeviceClass.MOBILE;
        }
        // Android phones' browsers say "Mobile"; Android tablets' do not.
        return userAgent.contains("Android") ? DeviceClass.TABLET : DeviceClass.DESKTOP;
    }
}
