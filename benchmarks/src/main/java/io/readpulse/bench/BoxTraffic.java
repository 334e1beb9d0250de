package io.readpulse.bench;

import java.time.Instant;
import java.util.Base64;

/**
 * The Trending box's share of a benchmark's traffic ({@code --box IMPRESSIONS,CLICKS}, in percent of
 * all events, such as {@code --box 20,1}): impressions of a five-entry box and clicks on its
 * entries, with ids, as the widget sends them. Without the option, no draw is made, so the rest of
 * the traffic is the same as before.
 */
final class BoxTraffic {
    private final double impressions;
    private final double clicks;

    private BoxTraffic(double impressions, double clicks) {
        this.impressions = impressions;
        this.clicks = clicks;
    }

    /** The option's value among the arguments, or none. */
    static BoxTraffic fromArgs(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--box")) {
                String[] shares = args[i + 1].split(",");
                return new BoxTraffic(Double.parseDouble(shares[0]) / 100, Double.parseDouble(shares[1]) / 100);
            }
        }
        return new BoxTraffic(0, 0);
    }

    boolean any() {
        return impressions + clicks > 0;
    }

    String describe() {
        return any() ? String.format(", %.0f %% impressions and %.0f %% clicks of the Trending box", impressions * 100, clicks * 100) : "";
    }

    /** The next event if the draw makes it one of the box's, else null (then the usual traffic's event is sent). */
    String nextBody(Traffic traffic, String site, int article, int page, Instant at) {
        if (!any()) {
            return null;
        }
        double draw = traffic.nextDouble();
        if (draw >= impressions + clicks) {
            return null;
        }
        byte[] id = new byte[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = (byte) traffic.nextInt(256);
        }
        String common = "{\"site\":\"" + site + "\",\"id\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(id) + "\",\"ts\":"
                + at.toEpochMilli() + ",\"list\":{\"mode\":\"top\",\"window\":\"24h\"},\"article\":{\"id\":\"story-" + page + "\"},";
        return draw < impressions
                ? common + "\"type\":\"impression\",\"items\":5}"
                : common + "\"type\":\"click\",\"position\":" + (1 + traffic.nextInt(5)) + ",\"target\":{\"id\":\"story-" + article + "\"}}";
    }
}
