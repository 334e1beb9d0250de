package io.readpulse.model;

import java.util.Optional;

/** The kind of device an event came from, told by its user agent; the user agent itself is never kept. */
public enum DeviceClass {
    DESKTOP("desktop", "d"),
    MOBILE("mobile", "m"),
    TABLET("tablet", "t");

    private final String wireName;
    private final String storedCode;

    DeviceClass(String wireName, String storedCode) {
        this.wireName = wireName;
        this.storedCode = storedCode;
    }

    public String wireName() {
        return wireName;
    }

    /** One letter in the raw event item. */
    public String storedCode() {
        return storedCode;
    }

    public static Optional<DeviceClass> fromStoredCode(String code) {
        for (DeviceClass device : values()) {
            if (device.storedCode.equals(code)) {
                return Optional.of(device);
            }
        }
        return Optional.empty();
    }
}
