package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.s;

import io.readpulse.auth.ShareLink;
import io.readpulse.auth.ShareLinkStore;
import java.time.Duration;
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
 * A site's share links, beside its API keys in {@code KEYS#site} with sort key {@code link#<id>}: a
 * GetItem checks one, a Query on the sort-key prefix lists them. Only the token's hash is stored.
 * An item is deleted by TTL {@link #KEPT_AFTER_EXPIRY} after its link expired, so {@code link list}
 * still shows a link that stopped working a moment ago.
 */
public final class DynamoShareLinkStore implements ShareLinkStore {
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(30);
    private static final String EXPIRES = "expires";

    private final String table;
    private final CredentialItems items;

    public DynamoShareLinkStore(DynamoDbClient dynamo, String table) {
        this.table = table;
        this.items = new CredentialItems(dynamo, table, "share link");
    }

    @Override
    public boolean create(ShareLink link) {
        Map<String, AttributeValue> item = CredentialItems.newItem(key(link.site(), link.linkId()), link.hash(), link.label(), link.createdAt());
        item.put(EXPIRES, Attributes.n(link.expiresAt().getEpochSecond()));
        item.put(Keys.TTL, Attributes.n(link.expiresAt().plus(KEPT_AFTER_EXPIRY).getEpochSecond()));
        return items.create(link.site(), item);
    }

    @Override
    public Optional<ShareLink> find(String site, String linkId) {
        return items.find(site, key(site, linkId)).map(item -> toLink(site, item));
    }

    @Override
    public List<ShareLink> list(String site) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.apiKeys(site)), ":prefix", s(Keys.SHARE_LINK_PREFIX))).build();
        List<ShareLink> links = new ArrayList<>();
        for (Map<String, AttributeValue> item : items.list(site, query)) {
            links.add(toLink(site, item));
        }
        links.sort(Comparator.comparing(ShareLink::createdAt).thenComparing(ShareLink::linkId));
        return links;
    }

    @Override
    public boolean revoke(String site, String linkId, Instant at) {
        return items.revoke(site, key(site, linkId), at);
    }

    private static Map<String, AttributeValue> key(String site, String linkId) {
        return Map.of(Keys.PK, s(Keys.apiKeys(site)), Keys.SK, s(Keys.shareLink(linkId)));
    }

    private static ShareLink toLink(String site, Map<String, AttributeValue> item) {
        String sortKey = item.get(Keys.SK).s();
        return new ShareLink(site, sortKey.substring(Keys.SHARE_LINK_PREFIX.length()), CredentialItems.label(item),
                CredentialItems.hash(item), CredentialItems.createdAt(item),
                Instant.ofEpochSecond(Attributes.number(item, EXPIRES)), CredentialItems.revokedAt(item));
    }
}
