package io.readpulse.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.readpulse.config.Environment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutesTest {
    final Routes routes = new Routes();

    RoutesTest() {
        for (String key : List.of("GET /v1/sites/{site}/trending", "GET /v1/sites/{site}/reports/{report+}",
                "GET /v1/sites/{site}/reports/summary", "ANY /v1/sites/{site}/reports/{report+}", "POST /v1/events")) {
            String[] parts = key.split(" ", 2);
            routes.add(new LocalTemplate.HttpRoute(parts[0], parts[1]), function(key));
        }
    }

    @Test
    void aLiteralSegmentBeatsAVariableWhichBeatsAGreedyOne() {
        assertEquals("GET /v1/sites/{site}/reports/summary", match("GET", "/v1/sites/demo/reports/summary").route().routeKey());
        Routes.Match greedy = match("GET", "/v1/sites/demo/reports/articles/top.csv");
        assertEquals("GET /v1/sites/{site}/reports/{report+}", greedy.route().routeKey());
        assertEquals(Map.of("site", "demo", "report", "articles/top.csv"), greedy.pathParameters());
    }

    @Test
    void theRequestsOwnMethodBeatsAny() {
        assertEquals("GET /v1/sites/{site}/reports/{report+}", match("GET", "/v1/sites/demo/reports/x").route().routeKey());
        assertEquals("ANY /v1/sites/{site}/reports/{report+}", match("DELETE", "/v1/sites/demo/reports/x").route().routeKey());
    }

    @Test
    void pathVariablesAreDecodedAndNothingElseMatches() {
        assertEquals(Map.of("site", "a b"), match("GET", "/v1/sites/a%20b/trending").pathParameters());
        assertNull(routes.match("GET", "/v1/events"), "wrong method");
        assertNull(routes.match("GET", "/v1/sites/demo/reports"), "a greedy variable needs a segment");
        assertNull(routes.match("GET", "/v1/sites/demo/trending/extra"));
    }

    @Test
    void theDefaultRouteCatchesWhatNothingElseMatches() {
        routes.add(new LocalTemplate.HttpRoute(LocalTemplate.HttpRoute.ANY, LocalTemplate.HttpRoute.DEFAULT_ROUTE), function("default"));
        assertEquals("$default", match("GET", "/anything/else").route().routeKey());
        assertEquals("POST /v1/events", match("POST", "/v1/events").route().routeKey());
    }

    private Routes.Match match(String method, String path) {
        return routes.match(method, path);
    }

    private static LocalFunction function(String name) {
        LocalTemplate.Function definition = new LocalTemplate.Function(name.replaceAll("\\W", ""), "io.readpulse.local.NoSuchHandler",
                Map.of(), Duration.ofSeconds(3), List.of(), List.of(), List.of());
        return LocalFunction.load(definition, new Environment(Map.of()));
    }

}
