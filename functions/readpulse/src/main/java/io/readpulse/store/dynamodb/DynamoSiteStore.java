package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.s;

import io.readpulse.model.Site;
import io.readpulse.store.SiteStore;
import io.readpulse.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Sites live in one partition, {@code SITES}: a GetItem finds one, a Query lists them all. */
public final class DynamoSiteStore implements SiteStore {
    private static final String NAME = "name";
    private static final String DOMAINS = "domains";
    private static final String SKETCH_SALT = "sketchSalt";
    private static final String ALLOWS_NULL_ORIGIN = "nullOrigin";
    private static final String METADATA_SOURCE = "metadata";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSiteStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Site> find(String siteId) {
        try {
            Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                    .key(Map.of(Keys.PK, s(Keys.SITES), Keys.SK, s(siteId)))).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toSite(item));
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not read site " + siteId, e);
        }
    }

    @Override
    public void save(Site site) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(Keys.SITES));
        item.put(Keys.SK, s(site.id()));
        item.put(NAME, s(site.name()));
        item.put(DOMAINS, AttributeValue.fromL(site.domains().stream().map(Attributes::s).toList()));
        item.put(SKETCH_SALT, Attributes.b(site.sketchSalt()));
        if (site.allowsNullOrigin()) {
            item.put(ALLOWS_NULL_ORIGIN, AttributeValue.fromBool(true));
        }
        item.put(METADATA_SOURCE, s(site.metadataSource().wireName()));
        try {
            dynamo.putItem(request -> request.tableName(table).item(item));
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not save site " + site.id(), e);
        }
    }

    @Override
    public List<Site> listAll() {
        List<Site> sites = new ArrayList<>();
        try {
            dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                            .keyConditionExpression("pk = :sites")
                            .expressionAttributeValues(Map.of(":sites", s(Keys.SITES))).build())
                    .items().forEach(item -> sites.add(toSite(item)));
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not list sites", e);
        }
        return sites;
    }

    private static Site toSite(Map<String, AttributeValue> item) {
        List<String> domains = item.get(DOMAINS).l().stream().map(AttributeValue::s).toList();
        AttributeValue nullOrigin = item.get(ALLOWS_NULL_ORIGIN);
        return new Site(item.get(Keys.SK).s(), Attributes.string(item, NAME), domains, Attributes.bytes(item, SKETCH_SALT),
                nullOrigin != null && Boolean.TRUE.equals(nullOrigin.bool()),
                Site.MetadataSource.fromWire(Attributes.string(item, METADATA_SOURCE)));
    }
}
