package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.s;

import io.readpulse.auth.ApiKey;
import io.readpulse.auth.ApiKeyStore;
import io.readpulse.store.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A site's keys share one partition, {@code KEYS#site}: a GetItem checks one, a Query lists them. The
 * site's share links live there too ({@link DynamoShareLinkStore}); listing keys leaves them out.
 */
public final class DynamoApiKeyStore implements ApiKeyStore {
    private static final String HASH = "hash";
    private static final String LABEL = "label";
    private static final String CREATED = "created";
    private static final String REVOKED = "revoked";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoApiKeyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean create(ApiKey key) {
        Map<String, AttributeValue> item = new HashMap<>(key(key.site(), key.keyId()));
        item.put(HASH, Attributes.b(key.hash()));
        item.put(LABEL, s(key.label()));
        item.put(CREATED, Attributes.n(key.createdAt().getEpochSecond()));
        try {
            dynamo.putItem(request -> request.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException sameId) {
            return false;
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not store a key of " + key.site(), e);
        }
    }

    @Override
    public Optional<ApiKey> find(String site, String keyId) {
        try {
            Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).key(key(site, keyId))).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toKey(site, item));
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not read a key of " + site, e);
        }
    }

    @Override
    public List<ApiKey> list(String site) {
        List<ApiKey> keys = new ArrayList<>();
        try {
            dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                            .keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", s(Keys.apiKeys(site)))).build())
                    .items().stream().filter(item -> !Keys.isShareLink(item.get(Keys.SK).s())).forEach(item -> keys.add(toKey(site, item)));
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not list the keys of " + site, e);
        }
        keys.sort(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::keyId));
        return keys;
    }

    @Override
    public boolean revoke(String site, String keyId, Instant at) {
        try {
            dynamo.updateItem(request -> request.tableName(table).key(key(site, keyId))
                    .updateExpression("SET #revoked = :at")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(#revoked)")
                    .expressionAttributeNames(Map.of("#revoked", REVOKED))
                    .expressionAttributeValues(Map.of(":at", Attributes.n(at.getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException absentOrRevoked) {
            return false;
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not revoke a key of " + site, e);
        }
    }

    private static Map<String, AttributeValue> key(String site, String keyId) {
        return Map.of(Keys.PK, s(Keys.apiKeys(site)), Keys.SK, s(keyId));
    }

    private static ApiKey toKey(String site, Map<String, AttributeValue> item) {
        long revoked = Attributes.number(item, REVOKED);
        return new ApiKey(site, item.get(Keys.SK).s(), Attributes.string(item, LABEL), Attributes.bytes(item, HASH),
                Instant.ofEpochSecond(Attributes.number(item, CREATED)), revoked == 0 ? null : Instant.ofEpochSecond(revoked));
    }
}
