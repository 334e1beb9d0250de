package io.readpulse.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.readpulse.config.DynamoClients;
import io.readpulse.config.Environment;
import io.readpulse.observe.Invocation;
import io.readpulse.observe.Log;
import io.readpulse.observe.Metrics;
import io.readpulse.http.ApiException;
import io.readpulse.model.Refusal;
import io.readpulse.http.HttpApiRequest;
import io.readpulse.http.HttpApiResponse;
import io.readpulse.json.JsonTrees;
import io.readpulse.model.Site;
import io.readpulse.store.SiteStore;
import io.readpulse.store.StoreUnavailableException;
import io.readpulse.trending.TrendingStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.store.dynamodb.DynamoTrendingStore;
import io.readpulse.trending.TrendingJson;
import io.readpulse.trending.TrendingList;
import io.readpulse.trending.TrendingRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code GET /v1/sites/{site}/trending}: one GetItem of the precomputed list, answered as cacheable
 * public JSON. Only when a site has no list (unknown, or no traffic for two days) does a second
 * GetItem ask the site registry whether to answer 404 or an empty list.
 */
public final class TrendingQueryHandler implements RequestStreamHandler {
    /**
     * Lists are recomputed every minute: browsers keep one 30 s, shared caches 60 s, and both may
     * serve a stale one while they refetch, or for a day while the API fails.
     */
    static final String CACHE_CONTROL = "public, max-age=30, s-maxage=60, stale-while-revalidate=300, stale-if-error=86400";
    /** Refusals depend only on the URL (or on a site being created): cacheable briefly. */
    static final String ERROR_CACHE_CONTROL = "public, max-age=60";
    /** The lists are public: any page may read them. */
    private static final Map<String, String> CORS = Map.of("access-control-allow-origin", "*");

    private final TrendingStore lists;
    private final SiteStore sites;
    private final Clock clock;

    public TrendingQueryHandler() {
        this(Environment.system());
    }

    public TrendingQueryHandler(Environment environment) {
        this(environment, DynamoClients.create(environment));
    }

    private TrendingQueryHandler(Environment environment, DynamoDbClient dynamo) {
        this(new DynamoTrendingStore(dynamo, environment.required(Environment.TABLE_NAME)),
                new DynamoSiteStore(dynamo, environment.required(Environment.TABLE_NAME)), Clock.systemUTC());
    }

    public TrendingQueryHandler(TrendingStore lists, SiteStore sites, Clock clock) {
        this.lists = lists;
        this.sites = sites;
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JsonTrees.read(JsonTrees.DEFAULT_FACTORY, input);
        try (Invocation invocation = Invocations.begin(context, event)) {
            handle(event).writeTo(JsonTrees.DEFAULT_FACTORY, output);
        }
    }

    public HttpApiResponse handle(JsonNode event) {
        try {
            HttpApiRequest request = HttpApiRequest.fromEvent(event, clock.instant());
            TrendingRequest query = TrendingRequest.parse(request.pathParameter("site"), request.queryParameters());
            Optional<TrendingList> list = lists.findList(query.site(), query.scope(), query.mode(), query.window());
            List<String> domains = list.isPresent() ? List.of() : sites.find(query.site()).map(Site::domains)
                    .orElseThrow(() -> Refusal.notFound("unknown_site", "site", "there is no site '" + query.site() + "'"));
            String body = JsonTrees.write(JsonTrees.DEFAULT_FACTORY, TrendingJson.render(JsonNodeFactory.instance, query, list.orElse(null), domains));
            String etag = strongEtag(body);
            Map<String, String> headers = new LinkedHashMap<>(CORS);
            headers.put("cache-control", CACHE_CONTROL);
            headers.put("etag", etag);
            if (matches(request.header("if-none-match"), etag)) {
                return new HttpApiResponse(304, headers, "");
            }
            headers.put("content-type", "application/json; charset=utf-8");
            return new HttpApiResponse(200, headers, body);
        } catch (Refusal | ApiException problem) {
            ApiException refused = problem instanceof Refusal refusal ? ApiException.of(refusal) : (ApiException) problem;
            return HttpApiResponse.error(refused, CORS).withHeader("cache-control", ERROR_CACHE_CONTROL);
        } catch (StoreUnavailableException storeDown) {
            Log.error("trending list not read", storeDown);
            Metrics.of("TrendingQuery").count("StoreUnavailable", 1).emit();
            return HttpApiResponse.error(new ApiException(503, "store_unavailable", null,
                    "the list could not be read; try again shortly"), CORS)
                    .withHeader("cache-control", "no-store").withHeader("retry-after", "2");
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** A hash of the exact bytes served: equal bodies, equal tags; any change, a new tag. */
    static String strongEtag(String body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** If-None-Match compares weakly (RFC 9110, 13.1.2): a W/ prefix does not stop a match. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
