package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.s;

import io.readpulse.aggregate.BatchMarkers;
import io.readpulse.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * One marker item per end of a batch, {@code AGGB#streamEventId} / batch id, holding the batch's
 * ancestors; TTL removes it a day later. A batch's ends are queried (consistently) for the markers
 * of the batches that share them, then its own markers are put.
 */
public final class DynamoBatchMarkers implements BatchMarkers {
    static final Duration MARKER_RETENTION = Duration.ofDays(1);
    private static final String ANCESTORS = "anc";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoBatchMarkers(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Set<String> register(String batchId, String firstEventId, String lastEventId, Instant now) {
        Set<String> ancestors = new HashSet<>();
        Set<String> edges = new HashSet<>(List.of(firstEventId, lastEventId));
        try {
            for (String edge : edges) {
                dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                                .keyConditionExpression("pk = :pk")
                                .expressionAttributeValues(Map.of(":pk", s(Keys.batchMarker(edge)))).build())
                        .items().forEach(marker -> {
                            String other = marker.get(Keys.SK).s();
                            if (!other.equals(batchId)) {
                                ancestors.add(other);
                                AttributeValue inherited = marker.get(ANCESTORS);
                                if (inherited != null && inherited.hasL()) {
                                    inherited.l().forEach(value -> ancestors.add(value.s()));
                                }
                            }
                        });
            }
            long expiry = now.plus(MARKER_RETENTION).getEpochSecond();
            for (String edge : edges) {
                dynamo.putItem(request -> request.tableName(table).item(Map.of(
                        Keys.PK, s(Keys.batchMarker(edge)),
                        Keys.SK, s(batchId),
                        ANCESTORS, AttributeValue.fromL(ancestors.stream().map(Attributes::s).toList()),
                        Keys.TTL, Attributes.n(expiry))));
            }
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not record the stream batch", e);
        }
        return ancestors;
    }
}
