package io.readpulse.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HttpApi routes of the template, matched as API Gateway does: a literal path segment beats a
 * {@code {variable}}, which beats a greedy {@code {variable+}}; a route with the request's method
 * beats {@code ANY}; {@code $default} catches what nothing else matches.
 */
final class Routes {
    /** A matched route, with the values of its path variables. */
    record Match(LocalTemplate.HttpRoute route, LocalFunction function, Map<String, String> pathParameters) {
    }

    private record Entry(LocalTemplate.HttpRoute route, LocalFunction function, List<String> segments) {
    }

    private final List<Entry> entries = new ArrayList<>();

    void add(LocalTemplate.HttpRoute route, LocalFunction function) {
        entries.add(new Entry(route, function, segments(route.path())));
    }

    /** The best route for the request, or null when none matches (API Gateway's 404). */
    Match match(String method, String rawPath) {
        List<String> request = segments(rawPath);
        Match best = null;
        int[] bestRank = null;
        for (Entry entry : entries) {
            if (!entry.route().method().equals(LocalTemplate.HttpRoute.ANY) && !entry.route().method().equals(method)) {
                continue;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            int[] rank = rank(entry, request, parameters);
            if (rank != null && (bestRank == null || RANKING.compare(rank, bestRank) > 0)) {
                best = new Match(entry.route(), entry.function(), parameters);
                bestRank = rank;
            }
        }
        return best;
    }

    private static final Comparator<int[]> RANKING = (a, b) -> {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return Integer.compare(a.length, b.length);
    };

    /**
     * Null if the route does not match; else one number per route segment (3 literal, 2 variable,
     * 1 greedy) and a last one for an exact method, so a higher rank is a more specific route.
     */
    private static int[] rank(Entry entry, List<String> request, Map<String, String> parameters) {
        boolean exactMethod = !entry.route().method().equals(LocalTemplate.HttpRoute.ANY);
        if (entry.route().path().equals(LocalTemplate.HttpRoute.DEFAULT_ROUTE)) {
            return new int[] {-1, exactMethod ? 1 : 0};
        }
        List<String> route = entry.segments();
        int[] rank = new int[route.size() + 1];
        for (int i = 0; i < route.size(); i++) {
            String segment = route.get(i);
            boolean variable = segment.startsWith("{") && segment.endsWith("}");
            if (variable && segment.endsWith("+}")) {
                if (i != route.size() - 1 || request.size() <= i) {
                    return null;
                }
                parameters.put(segment.substring(1, segment.length() - 2), decode(String.join("/", request.subList(i, request.size()))));
                rank[i] = 1;
                rank[route.size()] = exactMethod ? 1 : 0;
                return rank;
            }
            if (i >= request.size()) {
                return null;
            }
            if (variable) {
                parameters.put(segment.substring(1, segment.length() - 1), decode(request.get(i)));
                rank[i] = 2;
            } else if (segment.equals(request.get(i))) {
                rank[i] = 3;
            } else {
                return null;
            }
        }
        if (request.size() != route.size()) {
            return null;
        }
        rank[route.size()] = exactMethod ? 1 : 0;
        return rank;
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
