package io.readpulse.collect;

/** The sizes Collect accepts. Published in the README; the tracking script stays well inside them. */
public final class Limits {
    public static final int MAX_BODY_BYTES = 16 * 1024;
    public static final int MAX_EVENTS_PER_REQUEST = 50;
    public static final int MAX_URL_LENGTH = 1024;
    public static final int MAX_REFERRER_LENGTH = 2048;
    public static final int MAX_TITLE_LENGTH = 300;
    public static final int MAX_SECTION_LENGTH = 64;
    public static final int MAX_ENGAGED_SECONDS_PER_PING = 300;
    /** Client clocks drift; more than this into the future is a bug or a forgery. */
    public static final long MAX_CLOCK_SKEW_MILLIS = 5 * 60 * 1000;
    public static final int MAX_JSON_NESTING = 16;

    private Limits() {
    }
}
