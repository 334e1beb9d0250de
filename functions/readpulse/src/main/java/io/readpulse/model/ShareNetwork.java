package io.readpulse.model;

import java.util.Optional;

/** Share targets the tracking script may report. Anything else is refused rather than stored. */
public enum ShareNetwork {
    FACEBOOK("facebook"),
    X("x"),
    LINKEDIN("linkedin"),
    WHATSAPP("whatsapp"),
    TELEGRAM("telegram"),
    REDDIT("reddit"),
    EMAIL("email"),
    COPY_LINK("copy-link");

    private final String wireName;

    ShareNetwork(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ShareNetwork> fromWire(String name) {
        for (ShareNetwork network : values()) {
            if (network.wireName.equals(name)) {
                return Optional.of(network);
            }
        }
        return Optional.empty();
    }
}
