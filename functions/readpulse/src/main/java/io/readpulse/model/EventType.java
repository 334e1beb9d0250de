package io.readpulse.model;

import java.util.Optional;

/** What a tracked event records. The wire names are what the tracking script sends. */
public enum EventType {
    VIEW("view", "v"),
    ENGAGE("engage", "e"),
    SHARE("share", "s"),
    /** The Trending box was seen. */
    IMPRESSION("impression", "i"),
    /** An entry of the Trending box was followed. */
    CLICK("click", "c");

    private final String wireName;
    private final String storedCode;

    EventType(String wireName, String storedCode) {
        this.wireName = wireName;
        this.storedCode = storedCode;
    }

    public String wireName() {
        return wireName;
    }

    /** One letter in the raw event item, to keep stream records small. */
    public String storedCode() {
        return storedCode;
    }

    /** Impressions and clicks: the box's own reports, which name no article of the page's. */
    public boolean fromTheBox() {
        return this == IMPRESSION || this == CLICK;
    }

    public static Optional<EventType> fromWire(String name) {
        for (EventType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public static EventType fromStoredCode(String code) {
        for (EventType type : values()) {
            if (type.storedCode.equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown stored event type " + code);
    }
}
