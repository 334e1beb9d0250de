package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.s;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.CounterState;
import io.readpulse.collect.Limits;
import io.readpulse.reports.ReaderActivity;
import io.readpulse.reports.ReportStore;
import io.readpulse.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Site-day counters by Query on {@code SD#site#day}, and recent activity by Query on the raw event
 * buckets of the hours involved, each on a sort-key range from the first millisecond wanted.
 */
public final class DynamoReportStore implements ReportStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final ExecutorService queries;

    /** @param queries runs the raw-event bucket Queries side by side */
    public DynamoReportStore(DynamoDbClient dynamo, String table, ExecutorService queries) {
        this.dynamo = dynamo;
        this.table = table;
        this.queries = queries;
    }

    @Override
    public Map<String, CounterState> siteCountersOfDay(String site, LocalDate day) {
        Map<String, CounterState> byScope = new HashMap<>();
        try {
            dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                            .keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", s(Keys.siteDay(site, day)))).build())
                    .items().forEach(item -> {
                        String scope = item.get(Keys.SK).s();
                        if (scope.equals(Keys.RECIRCULATION)) {
                            return;
                        }
                        byScope.put(scope, CounterItemMapper.fromItem(new CounterKey(CounterKey.Kind.SITE_DAY, site, day, scope), item));
                    });
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not read the site counters of " + site + " on " + day, e);
        }
        return byScope;
    }

    @Override
    public List<ReaderActivity> activity(String site, Instant from, Instant to) {
        List<CompletableFuture<List<ReaderActivity>>> bucketReads = new ArrayList<>();
        // Events with a client id are logged at the client's time, which may run a few minutes ahead.
        Instant lastLogged = to.plusMillis(Limits.MAX_CLOCK_SKEW_MILLIS);
        for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); hour.isBefore(lastLogged); hour = hour.plus(Duration.ofHours(1))) {
            for (int bucket = 0; bucket < Keys.RAW_EVENT_BUCKETS; bucket++) {
                String partition = Keys.rawEvents(site, hour, bucket);
                bucketReads.add(CompletableFuture.supplyAsync(() -> activityIn(partition, from, to), queries));
            }
        }
        List<ReaderActivity> all = new ArrayList<>();
        try {
            bucketReads.forEach(read -> all.addAll(read.join()));
        } catch (CompletionException e) {
            throw e.getCause() instanceof StoreUnavailableException unavailable ? unavailable
                    : new StoreUnavailableException("could not read recent events of " + site, e.getCause());
        }
        return all;
    }

    /** Only the four attributes the report needs travel back; the Query still reads (and costs) whole items. */
    private List<ReaderActivity> activityIn(String partition, Instant from, Instant to) {
        List<ReaderActivity> found = new ArrayList<>();
        try {
            dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                            .keyConditionExpression("pk = :pk AND sk >= :from")
                            .projectionExpression("#article, #visitor, #at, #bot")
                            .expressionAttributeNames(Map.of("#article", RawEventCodec.ARTICLE, "#visitor", RawEventCodec.VISITOR,
                                    "#at", RawEventCodec.AT_MILLIS, "#bot", RawEventCodec.BOT))
                            .expressionAttributeValues(Map.of(":pk", s(partition), ":from", s(Keys.rawEventsFrom(from)))).build())
                    .items().forEach(item -> {
                        Instant at = Instant.ofEpochMilli(Attributes.number(item, RawEventCodec.AT_MILLIS));
                        if (at.isBefore(to) && item.containsKey(RawEventCodec.ARTICLE)) { // the box's events name no article
                            AttributeValue bot = item.get(RawEventCodec.BOT);
                            found.add(new ReaderActivity(Attributes.string(item, RawEventCodec.ARTICLE),
                                    Attributes.string(item, RawEventCodec.VISITOR), at, bot != null && Boolean.TRUE.equals(bot.bool())));
                        }
                    });
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not read raw events of " + partition, e);
        }
        return found;
    }
}
