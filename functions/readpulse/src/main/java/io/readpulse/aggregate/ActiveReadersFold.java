package io.readpulse.aggregate;

import io.readpulse.model.EventType;
import io.readpulse.model.TrackedEvent;
import io.readpulse.sketch.HyperLogLog;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a batch of raw events into what it adds to each (site, minute) of active readers: every
 * event a person sent (a view, an engagement ping or a share) puts its visitor's sketch slot into
 * the minute's sketch and its article's; views are counted as well. Bots are left out. Pure: no I/O.
 */
public final class ActiveReadersFold {

    /** @return one delta per site and minute the batch touches */
    public List<ActiveMinute> fold(List<TrackedEvent> events) {
        Map<String, Builder> minutes = new LinkedHashMap<>();
        for (TrackedEvent event : events) {
            if (event.bot()) {
                continue;
            }
            Instant minute = event.occurredAt().truncatedTo(ChronoUnit.MINUTES);
            Builder builder = minutes.computeIfAbsent(event.site() + '|' + minute, k -> new Builder(event.site(), minute));
            boolean view = event.type() == EventType.VIEW;
            builder.readers.offerSlot(event.sketchSlot());
            Mutable article = builder.articles.computeIfAbsent(event.articleId(), id -> new Mutable());
            article.readers.offerSlot(event.sketchSlot());
            if (view) {
                builder.views++;
                article.views++;
            }
        }
        return minutes.values().stream().map(Builder::build).toList();
    }

    private static final class Builder {
        final String site;
        final Instant minute;
        final HyperLogLog readers = new HyperLogLog(ActiveMinute.SITE_PRECISION);
        final Map<String, Mutable> articles = new HashMap<>();
        long views;

        Builder(String site, Instant minute) {
            this.site = site;
            this.minute = minute;
        }

        ActiveMinute build() {
            Map<String, ActiveMinute.Article> built = new HashMap<>();
            articles.forEach((id, article) -> built.put(id, new ActiveMinute.Article(article.views, article.readers)));
            return new ActiveMinute(site, minute, views, readers, ActiveMinute.mostViewed(built));
        }
    }

    private static final class Mutable {
        final HyperLogLog readers = new HyperLogLog(ActiveMinute.ARTICLE_PRECISION);
        long views;
    }
}
