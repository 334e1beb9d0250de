package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.s;

import io.readpulse.store.SaltStore;
import io.readpulse.store.StoreUnavailableException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One random salt per UTC day, made by whichever collector needs it first (a conditional put
 * settles races) and expired by TTL two days later, after which yesterday's visitor keys can no
 * longer be linked to anyone.
 */
public final class DynamoSaltStore implements SaltStore {
    private static final String SALT = "salt";
    private static final long KEEP_SECONDS = 2 * 86_400;

    private final DynamoDbClient dynamo;
    private final String table;
    private final SecureRandom random = new SecureRandom();

    public DynamoSaltStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public byte[] saltFor(LocalDate day) {
        Map<String, AttributeValue> key = Map.of(Keys.PK, s(Keys.SALT), Keys.SK, s(day.toString()));
        try {
            byte[] existing = read(key);
            if (existing != null) {
                return existing;
            }
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            long expiry = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() + KEEP_SECONDS;
            try {
                dynamo.putItem(request -> request.tableName(table)
                        .item(Map.of(Keys.PK, key.get(Keys.PK), Keys.SK, key.get(Keys.SK),
                                SALT, Attributes.b(fresh), Keys.TTL, Attributes.n(expiry)))
                        .conditionExpression("attribute_not_exists(pk)"));
                return fresh;
            } catch (ConditionalCheckFailedException anotherCollectorWon) {
                return read(key);
            }
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not read or create the daily salt", e);
        }
    }

    private byte[] read(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).key(key).consistentRead(true)).item();
        return item == null ? null : Attributes.bytes(item, SALT);
    }
}
