package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.s;

import io.readpulse.auth.ApiKey;
import io.readpulse.auth.ApiKeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A site's keys share one partition, {@code KEYS#site}: a GetItem checks one, a Query lists them. The
 * site's share links live there too ({@link DynamoShareLinkStore}); listing keys leaves them out.
 */
public final class DynamoApiKeyStore implements ApiKeyStore {
    private final String table;
    private final CredentialItems items;

    public DynamoApiKeyStore(DynamoDbClient dynamo, String table) {
        this.table = table;
        this.items = new CredentialItems(dynamo, table, "key");
    }

    @Override
    public boolean create(ApiKey key) {
        return items.create(key.site(), CredentialItems.newItem(key(key.site(), key.keyId()), key.hash(), key.label(), key.createdAt()));
    }

    @Override
    public Optional<ApiKey> find(String site, String keyId) {
        return items.find(site, key(site, keyId)).map(item -> toKey(site, item));
    }

    @Override
    public List<ApiKey> list(String site) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(Keys.apiKeys(site)))).build();
        List<ApiKey> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : items.list(site, query)) {
            if (!Keys.isShareLink(item.get(Keys.SK).s())) {
                keys.add(toKey(site, item));
            }
        }
        keys.sort(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::keyId));
        return keys;
    }

    @Override
    public boolean revoke(String site, String keyId, Instant at) {
        return items.revoke(site, key(site, keyId), at);
    }

    private static Map<String, AttributeValue> key(String site, String keyId) {
        return Map.of(Keys.PK, s(Keys.apiKeys(site)), Keys.SK, s(keyId));
    }

    private static ApiKey toKey(String site, Map<String, AttributeValue> item) {
        return new ApiKey(site, item.get(Keys.SK).s(), CredentialItems.label(item), CredentialItems.hash(item),
                CredentialItems.createdAt(item), CredentialItems.revokedAt(item));
    }
}
