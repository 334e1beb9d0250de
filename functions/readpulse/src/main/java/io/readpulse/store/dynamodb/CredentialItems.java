package io.readpulse.store.dynamodb;

import io.readpulse.store.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
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
 * What API keys and share links have in common in a site's {@code KEYS#site} partition: an item
 * with a secret's hash, a label and its creation time, created once under a fresh id, read by its
 * key, listed by Query and revoked once. Each store builds its own keys and adds its own attributes.
 */
final class CredentialItems {
    private static final String HASH = "hash";
    private static final String LABEL = "label";
    private static final String CREATED = "created";
    private static final String REVOKED = "revoked";

    private final DynamoDbClient dynamo;
    private final String table;
    /** What the items are, as errors name them: {@code key}, {@code share link}. */
    private final String noun;

    CredentialItems(DynamoDbClient dynamo, String table, String noun) {
        this.dynamo = dynamo;
        this.table = table;
        this.noun = noun;
    }

    /** A new item's common attributes under {@code key}; the store may add its own before {@link #create}. */
    static Map<String, AttributeValue> newItem(Map<String, AttributeValue> key, byte[] hash, String label, Instant createdAt) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put(HASH, Attributes.b(hash));
        item.put(LABEL, Attributes.s(label));
        item.put(CREATED, Attributes.n(createdAt.getEpochSecond()));
        return item;
    }

    /** Stores the item unless its id is taken: false then, and the caller tries another id. */
    boolean create(String site, Map<String, AttributeValue> item) {
        try {
            dynamo.putItem(request -> request.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException sameId) {
            return false;
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not store a " + noun + " of " + site, e);
        }
    }

    Optional<Map<String, AttributeValue>> find(String site, Map<String, AttributeValue> key) {
        try {
            Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).key(key)).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not read a " + noun + " of " + site, e);
        }
    }

    /** Every item the query finds, in the order it finds them. */
    List<Map<String, AttributeValue>> list(String site, QueryRequest query) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        try {
            dynamo.queryPaginator(query).items().forEach(items::add);
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not list the " + noun + "s of " + site, e);
        }
        return items;
    }

    /** Marks the item revoked; false if there is no such item or it was revoked already. */
    boolean revoke(String site, Map<String, AttributeValue> key, Instant at) {
        try {
            dynamo.updateItem(request -> request.tableName(table).key(key)
                    .updateExpression("SET #revoked = :at")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(#revoked)")
                    .expressionAttributeNames(Map.of("#revoked", REVOKED))
                    .expressionAttributeValues(Map.of(":at", Attributes.n(at.getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException absentOrRevoked) {
            return false;
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not revoke a " + noun + " of " + site, e);
        }
    }

    static byte[] hash(Map<String, AttributeValue> item) {
        return Attributes.bytes(item, HASH);
    }

    static String label(Map<String, AttributeValue> item) {
        return Attributes.string(item, LABEL);
    }

    static Instant createdAt(Map<String, AttributeValue> item) {
        return Instant.ofEpochSecond(Attributes.number(item, CREATED));
    }

    /** Null while the item is not revoked. */
    static Instant revokedAt(Map<String, AttributeValue> item) {
        long revoked = Attributes.number(item, REVOKED);
        return revoked == 0 ? null : Instant.ofEpochSecond(revoked);
    }
}
