package io.readpulse.collect;

import java.util.List;
import java.util.Locale;

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

    public boolean isBot(String userAgent) {
        if (userAgent == null || userAgent.isBlank() || userAgent.length() < 10) {
            return true;
        }
        String lower = userAgent.toLowerCase(Locale.ROOT);
        for (String marker : MARKERS) {
            if (lower.contains(marker)) {
                return true;
            }
        }
        return false;
    }
}
