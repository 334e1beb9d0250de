package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.s;

import io.readpulse.aggregate.DecayWindow;
import io.readpulse.store.StoreUnavailableException;
import io.readpulse.trending.TrendingStore;
import io.readpulse.trending.Pin;
import io.readpulse.trending.TrendingList;
import io.readpulse.trending.TrendingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A site's lists live in one partition, {@code TR#site}, one item per scope, mode and window, so a
 * widget's request is one GetItem. Pins live in {@code TP#site}, read with one Query per run.
 */
public final class DynamoTrendingStore implements TrendingStore {
    /** A site that stops getting traffic keeps its last lists this long, then TTL removes them. */
    static final Duration LIST_RETENTION = Duration.ofDays(2);

    private final DynamoDbClient dynamo;
    private final String table;
    private final BatchWriter writer;

    public DynamoTrendingStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.writer = new BatchWriter(dynamo, table);
    }

    @Override
    public void saveLists(List<TrendingList> lists) {
        List<WriteRequest> writes = new ArrayList<>(lists.size());
        for (TrendingList list : lists) {
            long ttl = list.generatedAt().plus(LIST_RETENTION).getEpochSecond();
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(TrendingItemMapper.toItem(list, ttl)).build()).build());
        }
        writer.writeAll(writes, "trending lists");
    }

    @Override
    public Optional<TrendingList> findList(String site, String scope, TrendingMode mode, DecayWindow window) {
        try {
            Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                    .key(TrendingItemMapper.listKey(site, scope, mode, window))).item();
            return item == null || item.isEmpty() ? Optional.empty()
                    : Optional.of(TrendingItemMapper.fromItem(site, scope, mode, window, item));
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not read a trending list of " + site, e);
        }
    }

    @Override
    public List<Pin> pins(String site) {
        List<Pin> pins = new ArrayList<>();
        try {
            dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                            .keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", s(Keys.trendingPins(site)))).build())
                    .items().forEach(item -> pins.add(TrendingItemMapper.pinFromItem(site, item)));
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not read the pins of " + site, e);
        }
        return pins;
    }

    @Override
    public void savePin(Pin pin) {
        try {
            dynamo.putItem(request -> request.tableName(table).item(TrendingItemMapper.toItem(pin)));
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not save a pin of " + pin.site(), e);
        }
    }

    @Override
    public boolean removePin(String site, String scope, String articleId) {
        try {
            Map<String, AttributeValue> old = dynamo.deleteItem(request -> request.tableName(table)
                    .key(TrendingItemMapper.pinKey(site, scope, articleId)).returnValues(ReturnValue.ALL_OLD)).attributes();
            return old != null && !old.isEmpty();
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not remove a pin of " + site, e);
        }
    }
}
