package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.n;
import static io.readpulse.store.dynamodb.Attributes.number;
import static io.readpulse.store.dynamodb.Attributes.s;
import static io.readpulse.store.dynamodb.Attributes.string;

import io.readpulse.model.ArticleMeta;
import io.readpulse.model.ArticleRecord;
import io.readpulse.store.ArticleStore;
import io.readpulse.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One item per article in its site's partition {@code AM#site}. Only the trending job (a bounded
 * number of page reads per run) and the admin command write it; it lives as long as the counters
 * that name the article, counted from its last update.
 */
public final class DynamoArticleStore implements ArticleStore {
    private static final String SOURCE = "src";
    private static final String READ_AT = "at";
    private static final String HINT = "hint";
    private static final String FAILURE = "fc";
    private static final String FAILED_AT = "fat";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public DynamoArticleStore(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    @Override
    public Map<String, ArticleRecord> findAll(String site, Collection<String> articleIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(articleIds));
        Map<String, ArticleRecord> found = new HashMap<>();
        for (int start = 0; start < ids.size(); start += BatchReads.LIMIT) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (String id : ids.subList(start, Math.min(ids.size(), start + BatchReads.LIMIT))) {
                keys.add(Map.of(Keys.PK, s(Keys.articleMetadata(site)), Keys.SK, s(id)));
            }
            BatchReads.get(dynamo, table, keys, false, null, "could not read the articles of " + site).forEach(item -> {
                ArticleRecord record = toRecord(site, item);
                found.put(record.articleId(), record);
            });
        }
        return found;
    }

    @Override
    public void save(ArticleRecord record) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(Keys.articleMetadata(record.site())));
        item.put(Keys.SK, s(record.articleId()));
        Instant updated = record.failedAt() != null ? record.failedAt() : record.readAt();
        item.put(Keys.TTL, n((updated == null ? Instant.now() : updated).plus(retention).getEpochSecond()));
        ArticleMeta meta = record.meta();
        if (meta != null) {
            ArticleMetaCodec.putFields(item, meta);
            item.put(SOURCE, s(record.source().name()));
            item.put(READ_AT, n(record.readAt().getEpochSecond()));
        }
        if (record.lastHint() != null) {
            item.put(HINT, s(record.lastHint()));
        }
        if (record.failure() != null) {
            item.put(FAILURE, s(record.failure()));
            item.put(FAILED_AT, n(record.failedAt().getEpochSecond()));
        }
        try {
            dynamo.putItem(request -> request.tableName(table).item(item));
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not save article " + record.articleId() + " of " + record.site(), e);
        }
    }

    private static ArticleRecord toRecord(String site, Map<String, AttributeValue> item) {
        String id = string(item, Keys.SK);
        ArticleMeta meta = null;
        ArticleRecord.Source source = null;
        Instant readAt = null;
        if (item.containsKey(ArticleMetaCodec.TITLE)) {
            meta = ArticleMetaCodec.fromMap(id, item);
            source = ArticleRecord.Source.valueOf(string(item, SOURCE));
            readAt = Instant.ofEpochSecond(number(item, READ_AT));
        }
        String failure = string(item, FAILURE);
        return new ArticleRecord(site, id, meta, source, readAt, string(item, HINT), failure,
                failure == null ? null : Instant.ofEpochSecond(number(item, FAILED_AT)));
    }

    /** A list of strings; empty when the item has none (descriptions saved before authors and tags were read). */
}
