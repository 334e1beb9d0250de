package io.readpulse.trending;

/**
 * Why an entry ranks where it does: the counts behind its score, so an editor can check it.
 *
 * @param reads decayed reads in the list's window, flood factor applied
 * @param shares decayed shares, flood factor applied
 * @param engagedMinutes decayed engaged time, flood factor applied
 * @param floodFactor 1 for ordinary traffic, less when one visitor's reloads were discounted
 * @param recentReads reads counted today and yesterday, before the flood factor
 * @param visitors unique visitors today and yesterday (estimated)
 * @param rising how the article stands against its baseline, and which baseline that was (its own
 *     days, the site's new articles at the same age, or its own hours on a new site); null in
 *     {@code top} and {@code fresh} lists, and for a pinned article whose baseline was not read
 */
public record ScoreBreakdown(double reads, double shares, double engagedMinutes, double floodFactor,
                             long recentReads, long visitors, RisingRule.Verdict rising) {
}
