package io.readpulse.collect;

import java.util.ArrayList;
import java.util.List;

/**
 * Recognises crawlers, monitors, HTTP libraries and headless browsers by their user agent. Their
 * events are stored and counted as bot traffic, never as reads.
 */
public final class BotDetector {
    private static final List<String> MARKERS = List.of(
            "bot", "crawl", "spider", "slurp", "headless", "phantomjs", "puppeteer", "playwright",
            "selenium", "lighthouse", "pagespeed", "ptst", "facebookexternalhit", "embedly", "preview",
            "curl/", "wget/", "python-requests", "python-urllib", "aiohttp", "httpclient", "okhttp",
            "go-http-client", "java/", "node-fetch", "axios/", "libwww", "scrapy", "uptime", "monitor",
            "pingdom", "statuscake", "feedfetcher", "mediapartners", "archive.org", "semrush", "ahrefs");

    /** The markers by their first character, so one pass over a user agent checks them all. */
    private static final List<List<String>> MARKERS_BY_FIRST_CHAR = byFirstChar();

    public boolean isBot(String userAgent) {
        if (userAgent == null || userAgent.isBlank() || userAgent.length() < 10) {
            return true;
        }
        // One pass, comparing case-insensitively in place: lower-casing the whole string and
        // searching it once per marker cost more than all of a request's other checks together.
        for (int i = 0; i < userAgent.length(); i++) {
            char c = Character.toLowerCase(userAgent.charAt(i));
            if (c >= MARKERS_BY_FIRST_CHAR.size()) {
                continue;
            }
            for (String marker : MARKERS_BY_FIRST_CHAR.get(c)) {
                if (userAgent.regionMatches(true, i, marker, 0, marker.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<List<String>> byFirstChar() {
        List<List<String>> table = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            table.add(new ArrayList<>());
        }
        for (String marker : MARKERS) {
            table.get(marker.charAt(0)).add(marker);
        }
        return table;
    }
}
