package io.readpulse.reports;

import java.time.Instant;

/** One raw event as the {@code now} report needs it: who (the day's visitor key) did something on which article, when. */
public record ReaderActivity(String articleId, String visitorKey, Instant at, boolean bot) {
}
