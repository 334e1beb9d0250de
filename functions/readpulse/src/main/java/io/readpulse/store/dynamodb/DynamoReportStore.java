package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.s;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.CounterState;
import io.readpulse.reports.ReportStore;
import io.readpulse.store.StoreUnavailableException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Site-day counters by Query on {@code SD#site#day}. */
public final class DynamoReportStore implements ReportStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoReportStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
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
}
