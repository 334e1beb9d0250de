package io.readpulse.collect;

import java.time.Instant;

/** The sizes Collect accepts. Published in the README; the tracking script stays well inside them. */
public final class Limits {
    public static final int MAX_BODY_BYTES = 16 * 1024;
    public static final int MAX_EVENTS_PER_REQUEST = 50;
    public static final int MAX_URL_LENGTH = 1024;
    public static final int MAX_REFERRER_LENGTH = 2048;
    public static final int MAX_TITLE_LENGTH = 300;
    public static final int MAX_SECTION_LENGTH = 64;
    public static final int MAX_ENGAGED_SECONDS_PER_PING = 300;
    public static final int MAX_AUTHORS = 10;
    public static final int MAX_AUTHOR_LENGTH = 100;
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG_LENGTH = 100;
    /** Each of utm_source, utm_medium and utm_campaign. */
    public static final int MAX_UTM_LENGTH = 200;
    /** Client clocks drift; more than this into the future is a bug or a forgery. */
    public static final long MAX_CLOCK_SKEW_MILLIS = 5 * 60 * 1000;
    public static final int MAX_JSON_NESTING = 16;
    /** An event's {@code ts} may be this old: retries and queued beacons come within the hour. */
    public static final long MAX_EVENT_AGE_MILLIS = 60 * 60 * 1000;
    /** No news article was published on the web before this; older dates are errors, not history. */
    public static final Instant EARLIEST_PUBLICATION = Instant.parse("1990-01-01T00:00:00Z");

    private Limits() {
    }
}
