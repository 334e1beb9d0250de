package io.readpulse.aggregate;

import io.readpulse.model.BoxEvent;
import io.readpulse.model.TrackedEvent;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds a batch of raw events into one {@link RecirculationCounts} per site and day: the box's
 * impressions and clicks, and the views, reads and engaged seconds of page views opened from it.
 * Pure: no I/O.
 *
 * <p>Reads and engaged seconds are decided exactly as {@link BatchAggregator} decides them for the
 * same batch (a visitor's first view of an article in the batch, unless the collector saw it that
 * day; engaged seconds capped per visitor and article), so the site's totals less these are the
 * page views that did not come from the box.
 */
public final class RecirculationFold {

    public Map<RecirculationKey, RecirculationCounts> fold(List<TrackedEvent> events) {
        Map<RecirculationKey, RecirculationCounts.Builder> days = new LinkedHashMap<>();
        Set<String> readsSeen = new HashSet<>();
        Map<String, Integer> engagedByVisitor = new HashMap<>();
        for (TrackedEvent event : events) {
            BoxEvent box = event.box();
            if (event.bot()) {
                if (event.type().fromTheBox()) {
                    day(days, event).bots++;
                }
                continue;
            }
            int hour = event.occurredAt().atZone(ZoneOffset.UTC).getHour();
            String visitorArticle = event.visitorKey() + '|' + event.articleId();
            switch (event.type()) {
                case IMPRESSION -> {
                    RecirculationCounts.Builder day = day(days, event);
                    day.impressions++;
                    day.hourlyImpressions[hour]++;
                    day.impressionsByItems[box.items() - 1]++;
                    day.lists.merge(listOf(box), new RecirculationCounts.Tally(1, 0), RecirculationCounts.Tally::plus);
                    if (box.arm() != null) {
                        day.arms.merge(box.arm(), new RecirculationCounts.Tally(1, 0), RecirculationCounts.Tally::plus);
                    }
                }
                case CLICK -> {
                    RecirculationCounts.Builder day = day(days, event);
                    day.clicks++;
                    day.hourlyClicks[hour]++;
                    day.clicksByPosition[box.position() - 1]++;
                    day.lists.merge(listOf(box), new RecirculationCounts.Tally(0, 1), RecirculationCounts.Tally::plus);
                    if (box.arm() != null) {
                        day.arms.merge(box.arm(), new RecirculationCounts.Tally(0, 1), RecirculationCounts.Tally::plus);
                    }
                    day.clickedArticles.merge(box.target() == null ? RecirculationCounts.OTHER : box.target(), 1L, Long::sum);
                }
                case VIEW -> {
                    boolean read = !event.repeat() && readsSeen.add(visitorArticle);
                    if (box != null) {
                        RecirculationCounts.Builder day = day(days, event);
                        day.boxViews++;
                        day.boxReads += read ? 1 : 0;
                    }
                }
                case ENGAGE -> {
                    int before = engagedByVisitor.getOrDefault(visitorArticle, 0);
                    int seconds = Math.max(0, Math.min(event.engagedSeconds(),
                            BatchAggregator.MAX_ENGAGED_SECONDS_PER_VISITOR_AND_BATCH - before));
                    engagedByVisitor.put(visitorArticle, before + seconds);
                    if (box != null) {
                        day(days, event).boxEngagedSeconds += seconds;
                    }
                }
                case SHARE -> {
                    // Shares say nothing of the box.
                }
            }
        }
        Map<RecirculationKey, RecirculationCounts> built = new LinkedHashMap<>();
        days.forEach((key, day) -> built.put(key, day.build()));
        return built;
    }

    /** {@code mode-window}, or {@code mode-window/section} for a section's list. */
    public static String listOf(BoxEvent box) {
        return box.section() == null ? box.list() : box.list() + '/' + box.section();
    }

    private static RecirculationCounts.Builder day(Map<RecirculationKey, RecirculationCounts.Builder> days, TrackedEvent event) {
        return days.computeIfAbsent(new RecirculationKey(event.site(), LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC)),
                key -> new RecirculationCounts.Builder());
    }
}
