package io.readpulse.reports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.aggregate.CounterState;
import io.readpulse.aggregate.DimensionRow;
import io.readpulse.aggregate.ReadThrough;
import io.readpulse.model.ReferrerClass;
import io.readpulse.model.ShareNetwork;
import io.readpulse.sketch.HyperLogLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts summed over some hours and days of one article, section or site. Views, reads, engaged
 * seconds and shares are kept per hour, so they are cut to the hours asked for; unique visitors,
 * shares per network and referrers are kept per day, so they cover whole days. Unique visitors are
 * the union of the days' sketches: a reader seen on three days counts once.
 */
public final class Totals {
    private long views;
    private long reads;
    private long engagedSeconds;
    private long shares;
    private HyperLogLog visitors;
    /** Kept per day only: the reads and engagement pings of the whole days added, for {@link #engagedShare}. */
    private long wholeDayReads;
    private long engagePings;
    /** Kept per day only: the views of the whole days added, and how many of them reached each milestone. */
    private long wholeDayViews;
    private ReadThrough readThrough = ReadThrough.NONE;
    private final Map<String, Long> sharesByNetwork = new TreeMap<>();
    private final Map<String, Long> referrerClasses = new TreeMap<>();
    private final Map<String, Long> referrerHosts = new TreeMap<>();

    /** Adds the hours {@code [fromHour, toHour)} of a day's hourly counts. */
    public void addHours(CounterState day, int fromHour, int toHour) {
        for (int hour = fromHour; hour < toHour; hour++) {
            views += day.hourlyViews(hour);
            reads += day.hourlyReads(hour);
            engagedSeconds += day.hourlyEngagedSeconds(hour);
            shares += day.hourlyShares(hour);
        }
    }

    /** Adds what a day keeps only for the whole day. */
    public void addWholeDay(CounterState day) {
        if (visitors == null) {
            visitors = new HyperLogLog(day.sketchPrecision());
        }
        visitors.merge(day.visitors());
        wholeDayReads += day.reads();
        engagePings += day.engagePings();
        wholeDayViews += day.views();
        readThrough = readThrough.plus(day.dimensions().readThrough());
        day.shares().forEach((network, count) -> sharesByNetwork.merge(network, count, Long::sum));
        day.referrerClasses().forEach((name, count) -> referrerClasses.merge(name, count, Long::sum));
        day.referrerHosts().forEach((host, count) -> referrerHosts.merge(host, count, Long::sum));
    }

    /**
     * Adds another's counts (a group of articles summed from theirs); unique visitors are the union
     * of both sketches, so a reader of two articles of the group counts once.
     */
    public void add(Totals other) {
        views += other.views;
        reads += other.reads;
        engagedSeconds += other.engagedSeconds;
        shares += other.shares;
        if (other.visitors != null) {
            if (visitors == null) {
                visitors = new HyperLogLog(other.visitors.precision());
            }
            visitors.merge(other.visitors);
        }
        wholeDayReads += other.wholeDayReads;
        engagePings += other.engagePings;
        wholeDayViews += other.wholeDayViews;
        readThrough = readThrough.plus(other.readThrough);
        other.sharesByNetwork.forEach((network, count) -> sharesByNetwork.merge(network, count, Long::sum));
        other.referrerClasses.forEach((name, count) -> referrerClasses.merge(name, count, Long::sum));
        other.referrerHosts.forEach((host, count) -> referrerHosts.merge(host, count, Long::sum));
    }

    /** Adds a campaign's, device's or country's day: whole-day counts, with no visitors. */
    public void addRow(DimensionRow row) {
        views += row.views();
        reads += row.reads();
        engagedSeconds += row.engagedSeconds();
        shares += row.shares();
        wholeDayReads += row.reads();
        wholeDayViews += row.views();
        readThrough = readThrough.plus(row.readThrough());
    }

    /** Page views that reached each read-depth milestone, over the whole days. */
    public ReadThrough reached() {
        return readThrough;
    }

    /**
     * Read-through: the share of page views whose reader reached 75 % of the article body, over the
     * whole days (three decimals), or null without views.
     */
    public Double readThrough() {
        return wholeDayViews == 0 ? null
                : Math.round(1000.0 * Math.min(1.0, (double) readThrough.reached(ReadThrough.READ_THROUGH_MILESTONE) / wholeDayViews)) / 1000.0;
    }

    public long views() {
        return views;
    }

    public long reads() {
        return reads;
    }

    public long engagedSeconds() {
        return engagedSeconds;
    }

    public long shares() {
        return shares;
    }

    /** Estimated unique visitors, or 0 when no day was added. */
    public long visitors() {
        return visitors == null ? 0 : visitors.estimate();
    }

    /**
     * Average engaged time per reader, in seconds (one decimal), or null without reads. A read is one
     * visitor's first view of an article on a UTC day, so per article this is per reader, and per site
     * or section per reader of each article. Both sums are kept per hour, so it is cut to the range.
     */
    public Double engagedSecondsPerRead() {
        return reads == 0 ? null : Math.round(10.0 * engagedSeconds / reads) / 10.0;
    }

    /**
     * The engaged share of readers, at most: engagement pings per read over the whole days, capped at
     * 1 (three decimals), or null without reads. Every reader who engages for a second or more sends
     * at least one ping, so fewer readers than pings engaged; a reader engaged longer than one ping
     * interval (15 s by default) sends several, so this overstates the share for long reads. The
     * counters keep no count of distinct engaged readers, which the exact share would need.
     */
    public Double engagedShare() {
        return wholeDayReads == 0 ? null : Math.round(1000.0 * Math.min(1.0, (double) engagePings / wholeDayReads)) / 1000.0;
    }

    public Map<String, Long> sharesByNetwork() {
        return sharesByNetwork;
    }

    public Map<String, Long> referrerClasses() {
        return referrerClasses;
    }

    public Map<String, Long> referrerHosts() {
        return referrerHosts;
    }

    public long value(Metric metric) {
        return switch (metric) {
            case VIEWS -> views;
            case READS -> reads;
            case VISITORS -> visitors();
            case ENGAGED -> engagedSeconds;
            case SHARES -> shares;
        };
    }

    /**
     * The counts into {@code node}; with {@code wholeDays}, the per-day counts as well. Every share
     * network and referrer class is named, zeros included, so a client sees one stable shape.
     */
    void writeTo(ObjectNode node, boolean wholeDays) {
        node.put("views", views);
        node.put("reads", reads);
        if (wholeDays) {
            node.put("visitors", visitors());
        }
        node.put("engagedSeconds", engagedSeconds);
        node.put("shares", shares);
        node.put("engagedSecondsPerRead", engagedSecondsPerRead());
        if (wholeDays) {
            node.put("engagedShare", engagedShare());
            node.put("readThrough", readThrough());
            writeReached(node, readThrough);
            ObjectNode networks = node.putObject("sharesByNetwork");
            for (ShareNetwork network : ShareNetwork.values()) {
                networks.put(network.wireName(), sharesByNetwork.getOrDefault(network.wireName(), 0L));
            }
            ObjectNode classes = node.putObject("referrerClasses");
            for (ReferrerClass referrerClass : ReferrerClass.values()) {
                classes.put(referrerClass.wireName(), referrerClasses.getOrDefault(referrerClass.wireName(), 0L));
            }
        }
    }

    /** The page views that reached each milestone, as {@code "reached": {"25": n, "50": n, "75": n, "100": n}}. */
    static void writeReached(ObjectNode node, ReadThrough reached) {
        ObjectNode milestones = node.putObject("reached");
        for (int milestone : new int[] {25, 50, 75, 100}) {
            milestones.put(Integer.toString(milestone), reached.reached(milestone));
        }
    }

    /** CSV column names matching {@link #csvCells}. */
    static List<String> csvColumns(boolean wholeDays) {
        List<String> columns = new ArrayList<>(List.of("views", "reads"));
        if (wholeDays) {
            columns.add("visitors");
        }
        columns.addAll(List.of("engaged_seconds", "shares"));
        if (wholeDays) {
            for (ShareNetwork network : ShareNetwork.values()) {
                columns.add("shares_" + network.wireName());
            }
            for (ReferrerClass referrerClass : ReferrerClass.values()) {
                columns.add("referrer_" + referrerClass.wireName());
            }
        }
        return columns;
    }

    List<Object> csvCells(boolean wholeDays) {
        List<Object> cells = new ArrayList<>(List.of(views, reads));
        if (wholeDays) {
            cells.add(visitors());
        }
        cells.addAll(List.of(engagedSeconds, shares));
        if (wholeDays) {
            for (ShareNetwork network : ShareNetwork.values()) {
                cells.add(sharesByNetwork.getOrDefault(network.wireName(), 0L));
            }
            for (ReferrerClass referrerClass : ReferrerClass.values()) {
                cells.add(referrerClasses.getOrDefault(referrerClass.wireName(), 0L));
            }
        }
        return cells;
    }
}
