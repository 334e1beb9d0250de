package io.readpulse.trending;

import java.time.Instant;

/**
 * One article in a Trending list, with everything a widget shows and what an editor needs to trust it.
 *
 * @param sectionName the section as the page names it; may be null
 * @param image may be null
 * @param publishedAt may be null
 * @param score top and fresh: the weighted decayed reads ({@link TopScore}); rising: the significance
 * @param pinned placed by an editor rather than by its score
 */
public record TrendingEntry(int rank, String articleId, String title, String url, String sectionName, String sectionSlug,
                            String image, Instant publishedAt, double score, boolean pinned, ScoreBreakdown breakdown) {
}
