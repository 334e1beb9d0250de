package io.readpulse.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.config.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler for the runner's own tests: records every event it gets (per function name), fails its
 * first {@code FAIL_TIMES} invocations, and answers an HTTP event with the event itself as the body,
 * so a test sees exactly what the runner built.
 */
public final class RecordingHandler implements RequestStreamHandler {
    static final Map<String, List<JsonNode>> EVENTS = new ConcurrentHashMap<>();
    static final Map<String, Map<String, String>> ENVIRONMENTS = new ConcurrentHashMap<>();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final AtomicInteger failuresLeft;

    public RecordingHandler(Environment environment) {
        this.name = environment.required("AWS_LAMBDA_FUNCTION_NAME");
        this.failuresLeft = new AtomicInteger(Integer.parseInt(environment.variables().getOrDefault("FAIL_TIMES", "0")));
        ENVIRONMENTS.put(name, environment.variables());
    }

    static List<JsonNode> events(String function) {
        return EVENTS.computeIfAbsent(function, key -> new CopyOnWriteArrayList<>());
    }

    static void reset() {
        EVENTS.clear();
        ENVIRONMENTS.clear();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = MAPPER.readTree(input);
        events(name).add(event);
        if (failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("failing on purpose");
        }
        if (event.has("routeKey")) {
            ObjectNode response = MAPPER.createObjectNode();
            response.put("statusCode", 200);
            response.putObject("headers").put("content-type", "application/json").put("x-function", name);
            response.putArray("cookies").add("a=1").add("b=2");
            response.put("body", event.toString());
            MAPPER.writeValue(output, response);
        }
    }
}
