package io.readpulse.aggregate;

import io.readpulse.sketch.HyperLogLog;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who was active on a site in one UTC minute: a HyperLogLog of the visitors who sent any event
 * (bots left out), the views, and the same per article for the minute's most viewed articles.
 * Immutable: {@link #plus} makes a new one. What one batch adds to a minute is an
 * {@code ActiveMinute} too, so a stored minute and a batch's delta merge the same way.
 *
 * @param minute the minute's first instant
 * @param readers the minute's active visitors, at {@link #SITE_PRECISION}
 * @param articles the minute's articles by id, at most {@link #MAX_ARTICLES} of them
 */
public record ActiveMinute(String site, Instant minute, long views, HyperLogLog readers, Map<String, Article> articles) {
    /** 4,096 registers: a standard error of 1.04/√4096 = 1.63%, at most 3,074 bytes a minute. */
    public static final int SITE_PRECISION = 12;
    /** 64 registers: exact enough for a ranking of articles (13% at worst, far less for the few readers one article has a minute), at most 50 bytes. */
    public static final int ARTICLE_PRECISION = 6;
    /** Articles kept per minute, most viewed first: what keeps a minute's item a few kilobytes on any site. */
    public static final int MAX_ARTICLES = 50;

    /** One article's minute: its views and a sketch of its active visitors. */
    public record Article(long views, HyperLogLog readers) {
        Article plus(Article other) {
            return new Article(views + other.views, union(readers, other.readers));
        }
    }

    public ActiveMinute {
        if (!minute.equals(minute.truncatedTo(ChronoUnit.MINUTES))) {
            throw new IllegalArgumentException("a minute starts on the minute: " + minute);
        }
        articles = Map.copyOf(articles);
    }

    public static ActiveMinute empty(String site, Instant minute) {
        return new ActiveMinute(site, minute, 0, new HyperLogLog(SITE_PRECISION), Map.of());
    }

    /** This minute with another's activity added: sketches united, views summed, the most viewed articles kept. */
    public ActiveMinute plus(ActiveMinute other) {
        if (!site.equals(other.site) || !minute.equals(other.minute)) {
            throw new IllegalArgumentException("not the same minute of the same site");
        }
        Map<String, Article> merged = new HashMap<>(articles);
        other.articles.forEach((id, article) -> merged.merge(id, article, Article::plus));
        return new ActiveMinute(site, minute, views + other.views, union(readers, other.readers), mostViewed(merged));
    }

    /** The {@link #MAX_ARTICLES} most viewed (ties by id); the rest are dropped, so a long tail costs nothing. */
    static Map<String, Article> mostViewed(Map<String, Article> articles) {
        if (articles.size() <= MAX_ARTICLES) {
            return articles;
        }
        List<Map.Entry<String, Article>> ranked = new ArrayList<>(articles.entrySet());
        ranked.sort(Comparator.comparingLong((Map.Entry<String, Article> entry) -> entry.getValue().views()).reversed()
                .thenComparing(Map.Entry::getKey));
        Map<String, Article> kept = new LinkedHashMap<>();
        ranked.subList(0, MAX_ARTICLES).forEach(entry -> kept.put(entry.getKey(), entry.getValue()));
        return kept;
    }

    /** A new sketch holding both; neither argument changes. */
    public static HyperLogLog union(HyperLogLog a, HyperLogLog b) {
        HyperLogLog union = HyperLogLog.fromBytes(a.toBytes());
        union.merge(b);
        return union;
    }
}
