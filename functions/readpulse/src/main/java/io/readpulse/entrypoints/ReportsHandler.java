package io.readpulse.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.auth.ReportCaller;
import io.readpulse.auth.ApiKeyAuthenticator;
import io.readpulse.config.DynamoClients;
import io.readpulse.config.Environment;
import io.readpulse.observe.Invocation;
import io.readpulse.observe.Log;
import io.readpulse.observe.Metrics;
import io.readpulse.http.ApiException;
import io.readpulse.model.Refusal;
import io.readpulse.http.CorsPolicy;
import io.readpulse.http.HttpApiRequest;
import io.readpulse.http.HttpApiResponse;
import io.readpulse.reports.Report;
import io.readpulse.reports.ReportService;
import io.readpulse.store.StoreUnavailableException;
import io.readpulse.store.dynamodb.DynamoActiveReaderStore;
import io.readpulse.store.dynamodb.DynamoApiKeyStore;
import io.readpulse.store.dynamodb.DynamoArticleStore;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.store.dynamodb.DynamoReportStore;
import io.readpulse.store.dynamodb.DynamoShareLinkStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code GET /v1/sites/{site}/reports/{report+}}: the editors' reports, as JSON or CSV. Checks the
 * API key itself rather than in an API Gateway authorizer, because an HTTP API authorizer can only
 * refuse with 403, and the API answers 401 for a missing or bad key and 403 for another site's.
 * The bearer may instead be a share link's read-only token ({@code rps.}, see
 * {@link io.readpulse.auth.ShareLinkFormat}); this route is the only one that takes either.
 */
public final class ReportsHandler implements RequestStreamHandler {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Reads of a range's days in flight at once: a 90-day top list is 720 shard Queries. */
    private static final int READ_CONCURRENCY = 8;
    private static final String CSV = "text/csv";

    private final ReportService reports;
    private final ApiKeyAuthenticator keys;
    private final CorsPolicy cors;
    private final Clock clock;

    public ReportsHandler() {
        this(Environment.system());
    }

    public ReportsHandler(Environment environment) {
        this(environment, DynamoClients.create(environment), Clock.systemUTC());
    }

    /** The reports as the API answers them; the digests build theirs the same way, one source of truth for every number. */
    public static ReportService reportService(DynamoDbClient dynamo, String table, ExecutorService reads, Clock clock) {
        // Reports only read counters: the store's retention (a write-time TTL) plays no part here.
        return new ReportService(new DynamoCounterStore(dynamo, table, Duration.ZERO, 1),
                new DynamoReportStore(dynamo, table), new DynamoArticleStore(dynamo, table, Duration.ZERO),
                new DynamoActiveReaderStore(dynamo, table), reads, clock);
    }

    /** The handler as deployed, on a given client and clock (tests move the clock). */
    public ReportsHandler(Environment environment, DynamoDbClient dynamo, Clock clock) {
        String table = environment.required(Environment.TABLE_NAME);
        ExecutorService reads = Executors.newFixedThreadPool(READ_CONCURRENCY, runnable -> {
            Thread thread = new Thread(runnable, "report-reader");
            thread.setDaemon(true);
            return thread;
        });
        this.reports = reportService(dynamo, table, reads, clock);
        this.keys = new ApiKeyAuthenticator(new DynamoApiKeyStore(dynamo, table), new DynamoShareLinkStore(dynamo, table), clock);
        this.cors = corsPolicy(environment);
        this.clock = clock;
    }

    public ReportsHandler(ReportService reports, ApiKeyAuthenticator keys, CorsPolicy cors, Clock clock) {
        this.reports = reports;
        this.keys = keys;
        this.cors = cors;
        this.clock = clock;
    }

    static CorsPolicy corsPolicy(Environment environment) {
        return CorsPolicy.of(environment.optional(Environment.REPORTS_ALLOWED_ORIGINS), "authorization, accept");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = MAPPER.readTree(input);
        try (Invocation invocation = Invocations.begin(context, event)) {
            handle(event).writeTo(MAPPER.getFactory(), output);
        }
    }

    public HttpApiResponse handle(JsonNode event) {
        long started = System.nanoTime();
        HttpApiRequest request;
        try {
            request = HttpApiRequest.fromEvent(event, clock.instant());
        } catch (ApiException unreadable) {
            return HttpApiResponse.error(unreadable, withNoStore(Map.of()));
        }
        String origin = request.header("origin");
        if (request.method().equals("OPTIONS")) {
            return cors.preflight(origin);
        }
        Map<String, String> corsHeaders = cors.headersFor(origin);
        String site = pathPart(request, "site");
        String reportPath = pathPart(request, "report");
        ReportCaller caller = null;
        HttpApiResponse response;
        try {
            if (!request.method().equals("GET")) {
                throw new ApiException(405, "method_not_allowed", "method", "reports are read with GET");
            }
            caller = keys.authorize(request.header("authorization"), site);
            boolean csv = wantsCsv(request);
            Report report = reports.run(site, reportPath, request.queryParameters());
            response = csv ? csvResponse(report, corsHeaders) : HttpApiResponse.json(200, report.toJson(MAPPER), withNoStore(corsHeaders));
        } catch (Refusal | ApiException problem) {
            ApiException refused = problem instanceof Refusal refusal ? ApiException.of(refusal) : (ApiException) problem;
            response = HttpApiResponse.error(refused, withNoStore(corsHeaders));
            if (refused.status() == 401) {
                response = response.withHeader("www-authenticate", "Bearer realm=\"readpulse-reports\"");
            }
        } catch (StoreUnavailableException storeDown) {
            Log.error("report not computed", storeDown, "site", site, "report", reportPath);
            Metrics.of("Reports").count("StoreUnavailable", 1).emit();
            response = HttpApiResponse.error(new ApiException(503, "store_unavailable", null,
                    "the report could not be read; try again shortly"), withNoStore(corsHeaders)).withHeader("retry-after", "2");
        }
        // The id of the key or link, never what was presented: a share token must not reach a log.
        Log.info("report request", "site", site, "report", reportPath, "status", response.statusCode(),
                "keyId", caller != null && caller.kind() == ReportCaller.Kind.API_KEY ? caller.id() : null,
                "linkId", caller != null && caller.kind() == ReportCaller.Kind.SHARE_LINK ? caller.id() : null,
                "millis", (System.nanoTime() - started) / 1_000_000);
        return response;
    }

    /** {@code format=csv} or {@code format=json} decides; without it, an Accept header that names text/csv before JSON. */
    private static boolean wantsCsv(HttpApiRequest request) {
        String format = request.query("format");
        if (format != null) {
            return switch (format) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ApiException.badRequest("unknown_format", "format", "format must be csv or json, not '" + format + "'");
            };
        }
        String accept = request.header("accept");
        if (accept == null) {
            return false;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        int csvAt = lower.indexOf(CSV);
        int jsonAt = lower.indexOf("application/json");
        return csvAt >= 0 && (jsonAt < 0 || csvAt < jsonAt);
    }

    private static HttpApiResponse csvResponse(Report report, Map<String, String> corsHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", CSV + "; charset=utf-8");
        headers.put("content-disposition", "attachment; filename=\"" + report.fileName() + ".csv\"");
        headers.putAll(withNoStore(corsHeaders));
        return new HttpApiResponse(200, headers, report.toCsv().render());
    }

    /** Reports are per key and change by the minute: no shared cache may keep them. */
    private static Map<String, String> withNoStore(Map<String, String> headers) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put("cache-control", "private, no-store");
        return copy;
    }

    /** A path parameter, or the same part of the raw path where a proxy passed none. */
    private static String pathPart(HttpApiRequest request, String name) {
        String value = request.pathParameter(name);
        if (value != null) {
            return value;
        }
        String[] parts = request.path().split("/", 6);
        // "", "v1", "sites", site, "reports", report...
        if (parts.length == 6 && parts[2].equals("sites") && parts[4].equals("reports")) {
            return name.equals("site") ? parts[3] : parts[5];
        }
        return "";
    }
}
