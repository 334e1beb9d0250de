package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.s;

import io.readpulse.auth.ShareLink;
import io.readpulse.auth.ShareLinkStore;
import io.readpulse.store.StoreUnavailableException;
import java.time.Duration;
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
 * A site's share links, beside its API keys in {@code KEYS#site} with sort key {@code link#<id>}: a
 * GetItem checks one, a Query on the sort-key prefix lists them. Only the token's hash is stored.
 * An item is deleted by TTL {@link #KEPT_AFTER_EXPIRY} after its link expired, so {@code link list}
 * still shows a link that stopped working a moment ago.
 */
public final class DynamoShareLinkStore implements ShareLinkStore {
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(30);
    private static final String HASH = "hash";
    private static final String LABEL = "label";
    private static final String CREATED = "created";
    private static final String EXPIRES = "expires";
    private static final String REVOKED = "revoked";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoShareLinkStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean create(ShareLink link) {
        Map<String, AttributeValue> item = new HashMap<>(key(link.site(), link.linkId()));
        item.put(HASH, Attributes.b(link.hash()));
        item.put(LABEL, s(link.label()));
        item.put(CREATED, Attributes.n(link.createdAt().getEpochSecond()));
        item.put(EXPIRES, Attributes.n(link.expiresAt().getEpochSecond()));
        item.put(Keys.TTL, Attributes.n(link.expiresAt().plus(KEPT_AFTER_EXPIRY).getEpochSecond()));
        try {
            dynamo.putItem(request -> request.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException sameId) {
            return false;
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not store a share link of " + link.site(), e);
        }
    }

    @Override
    public Optional<ShareLink> find(String site, String linkId) {
        try {
            Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).key(key(site, linkId))).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toLink(site, item));
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not read a share link of " + site, e);
        }
    }

    @Override
    public List<ShareLink> list(String site) {
        List<ShareLink> links = new ArrayList<>();
        try {
            dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                            .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                            .expressionAttributeValues(Map.of(":pk", s(Keys.apiKeys(site)), ":prefix", s(Keys.SHARE_LINK_PREFIX))).build())
                    .items().forEach(item -> links.add(toLink(site, item)));
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not list the share links of " + site, e);
        }
        links.sort(Comparator.comparing(ShareLink::createdAt).thenComparing(ShareLink::linkId));
        return links;
    }

    @Override
    public boolean revoke(String site, String linkId, Instant at) {
        try {
            dynamo.updateItem(request -> request.tableName(table).key(key(site, linkId))
                    .updateExpression("SET #revoked = :at")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(#revoked)")
                    .expressionAttributeNames(Map.of("#revoked", REVOKED))
                    .expressionAttributeValues(Map.of(":at", Attributes.n(at.getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException absentOrRevoked) {
            return false;
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not revoke a share link of " + site, e);
        }
    }

    private static Map<String, AttributeValue> key(String site, String linkId) {
        return Map.of(Keys.PK, s(Keys.apiKeys(site)), Keys.SK, s(Keys.shareLink(linkId)));
    }

    private static ShareLink toLink(String site, Map<String, AttributeValue> item) {
        long revoked = Attributes.number(item, REVOKED);
        String sortKey = item.get(Keys.SK).s();
        return new ShareLink(site, sortKey.substring(Keys.SHARE_LINK_PREFIX.length()), Attributes.string(item, LABEL),
                Attributes.bytes(item, HASH), Instant.ofEpochSecond(Attributes.number(item, CREATED)),
                Instant.ofEpochSecond(Attributes.number(item, EXPIRES)), revoked == 0 ? null : Instant.ofEpochSecond(revoked));
    }
}
