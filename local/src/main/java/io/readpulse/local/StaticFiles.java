package io.readpulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the {@code web/} folder: the tracking script, the widget, the dashboard and the demo
 * site. Demo pages may say when they were published relative to the runner's start, as
 * {@code {{hours-ago:3}}} (an ISO instant) or {@code {{hours-ago-text:3}}} (for readers), so the
 * demo articles stay recent enough to trend on any day it runs.
 */
final class StaticFiles {
    private static final Pattern HOURS_AGO = Pattern.compile("\\{\\{hours-ago(-text)?:(\\d+)}}");
    private static final DateTimeFormatter READABLE =
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final Path root;
    private final Instant publishedAnchor;

    StaticFiles(Path root, Instant started) {
        this.root = root.toAbsolutePath().normalize();
        this.publishedAnchor = started.truncatedTo(ChronoUnit.HOURS);
    }

    Path root() {
        return root;
    }

    /** The file for a request path, or null when there is none. Directories serve their index.html. */
    HttpApiEvents.Response serve(String rawPath) {
        Path file;
        if (rawPath.equals("/")) {
            // The runner's front page is the demo site; the API, widget and dashboard it links.
            return new HttpApiEvents.Response(302, Map.of("location", List.of("/demo/")), new byte[0]);
        }
        try {
            file = resolve(rawPath);
        } catch (IllegalArgumentException notAPath) {
            // A % that starts no %XX escape, or a NUL (%00), which no file name holds.
            return HttpApiEvents.malformedUrl("path", "the path names no file: it holds a NUL (%00) or a % that starts no %XX escape");
        }
        if (file == null) {
            return null;
        }
        if (Files.isDirectory(file)) {
            if (!rawPath.endsWith("/")) {
                return new HttpApiEvents.Response(301, Map.of("location", List.of(rawPath + "/")), new byte[0]);
            }
            file = file.resolve("index.html");
        }
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        byte[] body = extension.equals("html") ? render(file).getBytes(StandardCharsets.UTF_8) : read(file);
        return new HttpApiEvents.Response(200, Map.of(
                "content-type", List.of(CONTENT_TYPES.getOrDefault(extension, "application/octet-stream")),
                "cache-control", List.of("no-cache")), body);
    }

    /** An HTML page with its publication times filled in. */
    String render(Path page) {
        Matcher matcher = HOURS_AGO.matcher(new String(read(page), StandardCharsets.UTF_8));
        StringBuilder html = new StringBuilder();
        while (matcher.find()) {
            Instant published = publishedAnchor.minus(Long.parseLong(matcher.group(2)), ChronoUnit.HOURS);
            matcher.appendReplacement(html, matcher.group(1) == null ? published.toString() : READABLE.format(published));
        }
        matcher.appendTail(html);
        return html.toString();
    }

    /**
     * The path inside the root, or null for anything that would leave it.
     *
     * @throws IllegalArgumentException for a path no file can have (malformed escapes, NUL)
     */
    private Path resolve(String rawPath) {
        String decoded = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        Path file = root.resolve(decoded.replaceFirst("^/+", "")).normalize();
        return file.startsWith(root) ? file : null;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
