package io.readpulse.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.collect.CollectService;
import io.readpulse.config.DynamoClients;
import io.readpulse.config.Environment;
import io.readpulse.config.JsonLog;
import io.readpulse.http.ApiException;
import io.readpulse.http.HttpApiRequest;
import io.readpulse.http.HttpApiResponse;
import io.readpulse.store.StoreUnavailableException;
import io.readpulse.store.dynamodb.DynamoRawEventStore;
import io.readpulse.store.dynamodb.DynamoSaltStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code POST /v1/events}: API Gateway HTTP API event in, 202 once stored, 4xx for bad input, 503 if the store fails. */
public final class CollectHandler implements RequestStreamHandler {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The response is public information (a count); any page may read it. */
    private static final Map<String, String> CORS = Map.of("access-control-allow-origin", "*");

    private final CollectService collect;
    private final Clock clock;

    public CollectHandler() {
        this(Environment.system());
    }

    public CollectHandler(Environment environment) {
        this(wire(environment, DynamoClients.create(environment)), Clock.systemUTC());
    }

    public CollectHandler(CollectService collect, Clock clock) {
        this.collect = collect;
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
        handle(MAPPER.readTree(input)).writeTo(MAPPER, output);
    }

    public HttpApiResponse handle(JsonNode event) {
        try {
            HttpApiRequest request = HttpApiRequest.fromEvent(event, clock.instant());
            CollectService.Result result = collect.collect(new CollectService.Request(
                    request.header("content-type"), request.header("origin"), request.sourceIp(),
                    request.userAgent(), request.body(), request.receivedAt()));
            ObjectNode body = MAPPER.createObjectNode();
            body.put("accepted", result.accepted());
            body.put("bots", result.bots());
            return HttpApiResponse.json(MAPPER, 202, body, CORS);
        } catch (ApiException refused) {
            return HttpApiResponse.error(MAPPER, refused, CORS);
        } catch (StoreUnavailableException storeDown) {
            JsonLog.error("events not stored", storeDown);
            return HttpApiResponse.error(MAPPER, new ApiException(503, "store_unavailable", null,
                    "the events were not stored; send them again later"), CORS).withHeader("retry-after", "2");
        }
    }
}
