package io.readpulse.model;

/** Where a reader came from, in the classes editors ask about. */
public enum ReferrerClass {
    SEARCH("search"),
    SOCIAL("social"),
    INTERNAL("internal"),
    DIRECT("direct"),
    OTHER("other");

    private final String wireName;

    ReferrerClass(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ReferrerClass fromWire(String name) {
        for (ReferrerClass referrerClass : values()) {
            if (referrerClass.wireName.equals(name)) {
                return referrerClass;
            }
        }
        throw new IllegalArgumentException("unknown referrer class " + name);
    }
}
