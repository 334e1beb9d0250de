package io.readpulse.bench;

import java.util.Random;

/**
 * Synthetic but realistic news traffic: article popularity follows a Zipf law (a few stories take
 * most reads, a long tail takes the rest), readers come from a large pool, and the event mix is
 * views, engagement pings and a few shares. Seeded, so every run sends the same events.
 */
final class Traffic {
    static final String[] SECTIONS = {"World", "Politics", "Business", "Technology", "Science", "Health",
            "Sport", "Culture", "Opinion", "Climate", "Cities", "Travel"};
    static final String[] NETWORKS = {"facebook", "x", "whatsapp", "email", "copy-link", "linkedin"};
    static final String[] REFERRERS = {"https://www.google.com/", "", "https://t.co/abc", "https://news.example/",
            "https://www.facebook.com/", "https://duckduckgo.com/", "https://example.org/blog"};

    private final double[] cumulative;
    private final Random random;
    private final int visitors;
    private boolean newsroom;

    Traffic(int articles, double zipfExponent, int visitors, long seed) {
        this.cumulative = new double[articles];
        double sum = 0;
        for (int rank = 1; rank <= articles; rank++) {
            sum += 1 / Math.pow(rank, zipfExponent);
            cumulative[rank - 1] = sum;
        }
        for (int i = 0; i < articles; i++) {
            cumulative[i] /= sum;
        }
        this.random = new Random(seed);
        this.visitors = visitors;
    }

    /**
     * Newsroom dimensions too: every view's article claim names 2 authors and 5 tags (of a newsroom's
     * 40 bylines and 200 tags), a fifth of the events come from one of 30 campaigns (utm source,
     * medium and name, on every event of those page views), and a third of the pings report a
     * read depth that grew.
     */
    Traffic withNewsroomDimensions() {
        newsroom = true;
        return this;
    }

    /**
     * A reader's browser, always the same for one reader: as on news sites, most read on phones (60 %),
     * then desktops (35 %) and tablets (5 %).
     */
    static String userAgentOf(int visitor) {
        int share = visitor % 20;
        String platform = share < 12 ? "iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148"
                : share < 19 ? "X11; Linux x86_64)" : "iPad; CPU OS 17_5 like Mac OS X)";
        return "Mozilla/5.0 (" + platform + " (bench) reader " + visitor;
    }

    /** The article of the next event, 0 the most popular. */
    int nextArticle() {
        int index = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(cumulative.length - 1, index >= 0 ? index : -index - 1);
    }

    int nextVisitor() {
        return random.nextInt(visitors);
    }

    double nextDouble() {
        return random.nextDouble();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** The body of one event as the tracking script sends it: with a random id and the client's time. */
    String eventBody(String site, int article, double kind, java.time.Instant at) {
        byte[] id = new byte[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = (byte) nextInt(256);
        }
        String identified = ",\"id\":\"" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(id) + "\",\"ts\":" + at.toEpochMilli();
        String body = eventBody(site, article, kind);
        int typeEnd = body.indexOf(",", body.indexOf("\"type\""));
        return body.substring(0, typeEnd) + identified + body.substring(typeEnd);
    }

    /** The body of one event as a client without ids would send it. */
    String eventBody(String site, int article, double kind) {
        String id = "story-" + article;
        String section = SECTIONS[article % SECTIONS.length];
        String articleJson = "{\"id\":\"" + id + "\",\"url\":\"https://news.example/" + section.toLowerCase() + "/" + id + "\"";
        String start = "{\"site\":\"" + site + "\"" + (newsroom ? campaign() : "");
        if (kind < 0.60) {
            return start + ",\"type\":\"view\",\"referrer\":\"" + REFERRERS[nextInt(REFERRERS.length)] + "\",\"article\":"
                    + articleJson + ",\"title\":\"Story number " + article + " of the day, with a headline of ordinary length\","
                    + "\"section\":\"" + section + "\",\"publishedAt\":\"2026-11-28T06:00:00Z\","
                    + "\"image\":\"https://news.example/images/" + id + ".jpg\"" + (newsroom ? names(article) : "") + "}}";
        }
        if (kind < 0.97) {
            return start + ",\"type\":\"engage\",\"seconds\":15" + (newsroom ? depth() : "") + ",\"article\":" + articleJson
                    + ",\"section\":\"" + section + "\"}}";
        }
        return start + ",\"type\":\"share\",\"network\":\"" + NETWORKS[nextInt(NETWORKS.length)] + "\",\"article\":"
                + articleJson + ",\"section\":\"" + section + "\"}}";
    }

    /** An article's 2 authors and 5 tags, always the same for one article. */
    private static String names(int article) {
        StringBuilder names = new StringBuilder(",\"authors\":[\"Reporter Name " + (article % 40) + "\",\"Reporter Name "
                + ((article * 7 + 3) % 40) + "\"],\"tags\":[");
        for (int i = 0; i < 5; i++) {
            names.append(i == 0 ? "" : ",").append("\"Topic ").append((article * 5 + i * 37) % 200).append('"');
        }
        return names.append(']').toString();
    }

    /** A fifth of the events: one of 30 campaigns' utm parameters. */
    private String campaign() {
        if (nextDouble() >= 0.20) {
            return "";
        }
        int campaign = nextInt(30);
        return ",\"utm_source\":\"" + (campaign % 3 == 0 ? "newsletter" : campaign % 3 == 1 ? "facebook" : "partner-site")
                + "\",\"utm_medium\":\"" + (campaign % 2 == 0 ? "email" : "social") + "\",\"utm_campaign\":\"campaign-" + campaign + "\"";
    }

    /** A third of the pings: a depth that grew, with the milestone sent before. */
    private String depth() {
        if (nextDouble() >= 1 / 3.0) {
            return "";
        }
        int from = nextInt(4) * 25;
        int to = from + (1 + nextInt((100 - from) / 25)) * 25;
        return ",\"depth\":" + to + ",\"depthFrom\":" + from;
    }
}
