package io.readpulse.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.readpulse.collect.CollectService;
import io.readpulse.config.DynamoClients;
import io.readpulse.config.Environment;
import io.readpulse.observe.Invocation;
import io.readpulse.observe.Log;
import io.readpulse.observe.Metrics;
import io.readpulse.http.ApiException;
import io.readpulse.http.HttpApiRequest;
import io.readpulse.http.HttpApiResponse;
import io.readpulse.http.ViewerAddress;
import io.readpulse.json.JsonTrees;
import io.readpulse.model.Refusal;
import io.readpulse.json.JsonTrees;
import io.readpulse.store.StoreUnavailableException;
import io.readpulse.store.dynamodb.DynamoRawEventStore;
import io.readpulse.store.dynamodb.DynamoSaltStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code POST /v1/events}: API Gateway HTTP API event in, 202 once stored, 4xx for bad input, 503 if the store fails. */
public final class CollectHandler implements RequestStreamHandler {
    /** The response is public information (a count); any page may read it. */
    private static final Map<String, String> CORS = Map.of("access-control-allow-origin", "*");
    private static final Map<String, String> ACCEPTED_HEADERS = Map.of(
            "content-type", "application/json; charset=utf-8", "access-control-allow-origin", "*");
    private static final Map<Integer, Answer> ACCEPTED = new ConcurrentHashMap<>();


    private final CollectService collect;
    private final ViewerAddress viewers;
    private final Clock clock;

    public CollectHandler() {
        this(Environment.system());
    }

    public CollectHandler(Environment environment) {
        this(wire(environment, DynamoClients.create(environment)), new ViewerAddress(environment.optional(Environment.EDGE_ORIGIN_SECRET)),
                Clock.systemUTC());
    }

    /** A handler behind no distribution: the connection's address is the reader's. */
    public CollectHandler(CollectService collect, Clock clock) {
        this(collect, new ViewerAddress(null), clock);
    }

    public CollectHandler(CollectService collect, ViewerAddress viewers, Clock clock) {
        this.collect = collect;
        this.viewers = viewers;
        this.clock = clock;
    }

    /** The service as the function builds it; the local runner also replays demo traffic through it. */
    public static CollectService wire(Environment environment, DynamoDbClient dynamo) {
        String table = environment.required(Environment.TABLE_NAME);
        return new CollectService(
                new DynamoSiteStore(dynamo, table),
                new DynamoSaltStore(dynamo, table),
                new DynamoRawEventStore(dynamo, table, environment.days(Environment.RAW_EVENT_RETENTION_DAYS, 7)));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JsonTrees.read(JsonTrees.DEFAULT_FACTORY, input);
        try (Invocation invocation = Invocations.begin(context, event)) {
            Answer answer = answer(event);
            if (answer.serialised() != null) {
                output.write(answer.serialised());
            } else {
                answer.response().writeTo(JsonTrees.DEFAULT_FACTORY, output);
            }
        }
    }

    /** A response, and when it is one of the 202s, its proxy-integration JSON, written once per instance. */
    private record Answer(HttpApiResponse response, byte[] serialised) {
    }

    /**
     * The 202 answer for a count of accepted and bot events. There are at most 51 x 51 of them, so
     * each is built and serialised once per instance: per request, that was a fifth of the
     * handler's own CPU.
     */
    private static Answer accepted(int accepted, int bots) {
        return ACCEPTED.computeIfAbsent(accepted * 64 + bots, key -> {
            HttpApiResponse response = new HttpApiResponse(202, ACCEPTED_HEADERS,
                    "{\"accepted\":" + accepted + ",\"bots\":" + bots + "}");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                response.writeTo(JsonTrees.DEFAULT_FACTORY, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("writing to memory does not fail", e);
            }
            return new Answer(response, bytes.toByteArray());
        });
    }

    public HttpApiResponse handle(JsonNode event) {
        return answer(event).response();
    }

    private Answer answer(JsonNode event) {
        try {
            return collected(event);
        } catch (Refusal refusal) {
            return refused(ApiException.of(refusal));
        } catch (ApiException refused) {
            return refused(refused);
        } catch (StoreUnavailableException storeDown) {
            Log.error("events not stored", storeDown);
            Metrics.of("Collect").count("StoreUnavailable", 1).emit();
            return new Answer(HttpApiResponse.error(new ApiException(503, "store_unavailable", null,
                    "the events were not stored; send them again later"), CORS).withHeader("retry-after", "2"), null);
        }
    }

    private Answer collected(JsonNode event) {
        HttpApiRequest request = HttpApiRequest.fromEvent(event, clock.instant());
        CollectService.Result result = collect.collect(new CollectService.Request(
                request.header("content-type"), request.header("origin"), viewers.of(request),
                request.userAgent(), viewers.countryOf(request), request.body(), request.receivedAt()));
        Metrics.of("Collect").dimension("Site", result.site()).count("EventsAccepted", result.accepted())
                .count("BotEvents", result.bots()).emit();
        return accepted(result.accepted(), result.bots());
    }

    private static Answer refused(ApiException refused) {
        // By reason only: a refused request's site may not exist, and a dimension per made-up site would cost per metric.
        Metrics.of("Collect").dimension("Reason", refused.code()).count("RequestsRefused", 1).emit();
        return new Answer(HttpApiResponse.error(refused, CORS), null);
    }
}
