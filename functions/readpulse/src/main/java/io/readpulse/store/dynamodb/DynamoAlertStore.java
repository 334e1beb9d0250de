package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.n;
import static io.readpulse.store.dynamodb.Attributes.s;

import io.readpulse.alerts.AlertStore;
import io.readpulse.alerts.Delivery;
import io.readpulse.alerts.Destination;
import io.readpulse.alerts.Digest;
import io.readpulse.alerts.DigestSchedule;
import io.readpulse.alerts.QuietHours;
import io.readpulse.alerts.Trigger;
import io.readpulse.store.StoreUnavailableException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A site's alerts live in one partition, {@code AL#site}: its destinations ({@code D#id}), read
 * with one Query a run, and the alerts sent ({@code S#key}), each claimed with one conditional
 * PutItem and kept a day past its cooldown by TTL.
 */
public final class DynamoAlertStore implements AlertStore {
    private static final String KIND = "kind";
    private static final String TARGET = "target";
    private static final String SECRET = "secret";
    private static final String TRIGGERS = "triggers";
    private static final String MILESTONE = "milestone";
    private static final String QUIET = "quiet";
    private static final String ZONE = "zone";
    private static final String CREATED = "created";
    private static final String DELIVERED = "delivered";
    private static final String FAILED = "failed";
    private static final String LAST_FAILURE = "lastFailure";
    private static final String LAST_FAILURE_AT = "lastFailureAt";
    private static final String UNTIL = "until";
    private static final String DIGEST = "digest";
    private static final String HOUR = "hour";
    /** The site's digest schedule, beside its destinations. */
    private static final String DIGEST_SCHEDULE_SK = "DIGEST";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAlertStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<Destination> destinations(String site) {
        List<Destination> destinations = new ArrayList<>();
        try {
            dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                            .keyConditionExpression("pk = :pk and begins_with(sk, :destinations)")
                            .expressionAttributeValues(Map.of(":pk", s(Keys.alerts(site)), ":destinations", s(Keys.ALERT_DESTINATION))).build())
                    .items().forEach(item -> destinations.add(toDestination(site, item)));
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not read the alert destinations of " + site, e);
        }
        destinations.sort(Comparator.comparing(Destination::createdAt).thenComparing(Destination::id));
        return destinations;
    }

    @Override
    public Optional<Destination> destination(String site, String id) {
        try {
            Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).key(destinationKey(site, id))).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toDestination(site, item));
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not read an alert destination of " + site, e);
        }
    }

    @Override
    public void save(Destination destination) {
        Map<String, AttributeValue> item = new HashMap<>(destinationKey(destination.site(), destination.id()));
        item.put(KIND, s(destination.kind().wireName()));
        item.put(TARGET, s(destination.target().toString()));
        if (destination.secret() != null) {
            item.put(SECRET, s(destination.secret()));
        }
        item.put(TRIGGERS, s(destination.triggers().stream().map(Trigger::wireName).sorted().collect(Collectors.joining(","))));
        item.put(MILESTONE, n(destination.milestoneReads()));
        if (destination.quietHours() != null) {
            item.put(QUIET, s(destination.quietHours().toString()));
        }
        item.put(ZONE, s(destination.zone().getId()));
        if (destination.digest() != null) {
            item.put(DIGEST, s(destination.digest().wireName()));
        }
        item.put(CREATED, n(destination.createdAt().getEpochSecond()));
        item.put(DELIVERED, n(destination.delivered()));
        item.put(FAILED, n(destination.failed()));
        try {
            dynamo.putItem(request -> request.tableName(table).item(item));
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not save an alert destination of " + destination.site(), e);
        }
    }

    @Override
    public boolean remove(String site, String id) {
        try {
            Map<String, AttributeValue> old = dynamo.deleteItem(request -> request.tableName(table).key(destinationKey(site, id))
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
            return old != null && !old.isEmpty();
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not remove an alert destination of " + site, e);
        }
    }

    @Override
    public boolean claim(String site, String key, Instant now, Instant cooldownUntil) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(Keys.alerts(site)));
        item.put(Keys.SK, s(Keys.ALERT_SENT + key));
        item.put(UNTIL, n(cooldownUntil.getEpochSecond()));
        item.put(Keys.TTL, n(cooldownUntil.plus(Duration.ofDays(1)).getEpochSecond()));
        try {
            dynamo.putItem(request -> request.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) or #until <= :now")
                    .expressionAttributeNames(Map.of("#until", UNTIL))
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException alreadySent) {
            return false;
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not claim an alert of " + site, e);
        }
    }

    @Override
    public DigestSchedule digestSchedule(String site) {
        try {
            Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                    .key(Map.of(Keys.PK, s(Keys.alerts(site)), Keys.SK, s(DIGEST_SCHEDULE_SK)))).item();
            return item == null || item.isEmpty() ? DigestSchedule.DEFAULT
                    : new DigestSchedule((int) Attributes.number(item, HOUR), ZoneId.of(Attributes.string(item, ZONE)));
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not read the digest schedule of " + site, e);
        }
    }

    @Override
    public void saveDigestSchedule(String site, DigestSchedule schedule) {
        try {
            dynamo.putItem(request -> request.tableName(table).item(Map.of(Keys.PK, s(Keys.alerts(site)), Keys.SK, s(DIGEST_SCHEDULE_SK),
                    HOUR, n(schedule.hour()), ZONE, s(schedule.zone().getId()))));
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not save the digest schedule of " + site, e);
        }
    }

    @Override
    public void recordDelivery(String site, String destinationId, Delivery delivery, Instant at) {
        try {
            if (delivery.delivered()) {
                dynamo.updateItem(request -> request.tableName(table).key(destinationKey(site, destinationId))
                        .conditionExpression("attribute_exists(pk)")
                        .updateExpression("ADD #delivered :one")
                        .expressionAttributeNames(Map.of("#delivered", DELIVERED))
                        .expressionAttributeValues(Map.of(":one", n(1))));
            } else {
                dynamo.updateItem(request -> request.tableName(table).key(destinationKey(site, destinationId))
                        .conditionExpression("attribute_exists(pk)")
                        .updateExpression("ADD #failed :one SET #last = :last, #lastAt = :at")
                        .expressionAttributeNames(Map.of("#failed", FAILED, "#last", LAST_FAILURE, "#lastAt", LAST_FAILURE_AT))
                        .expressionAttributeValues(Map.of(":one", n(1), ":last", s(delivery.failure() + ": " + delivery.detail()),
                                ":at", n(at.getEpochSecond()))));
            }
        } catch (ConditionalCheckFailedException removedMeanwhile) {
            // The destination was removed while its alert was on the way: nothing to count it on.
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not record a delivery of " + site, e);
        }
    }

    private static Map<String, AttributeValue> destinationKey(String site, String id) {
        return Map.of(Keys.PK, s(Keys.alerts(site)), Keys.SK, s(Keys.ALERT_DESTINATION + id));
    }

    private static Destination toDestination(String site, Map<String, AttributeValue> item) {
        String sk = item.get(Keys.SK).s();
        String quiet = Attributes.string(item, QUIET);
        String triggers = Attributes.string(item, TRIGGERS);
        String failedAt = item.containsKey(LAST_FAILURE_AT) ? item.get(LAST_FAILURE_AT).n() : null;
        return new Destination(site, sk.substring(Keys.ALERT_DESTINATION.length()),
                Destination.Kind.valueOf(Attributes.string(item, KIND).toUpperCase(java.util.Locale.ROOT)),
                URI.create(Attributes.string(item, TARGET)), Attributes.string(item, SECRET),
                triggers == null || triggers.isEmpty() ? java.util.Set.of()
                        : Arrays.stream(triggers.split(",")).map(name -> Trigger.fromWire(name).orElseThrow()).collect(Collectors.toSet()),
                Attributes.number(item, MILESTONE), quiet == null ? null : QuietHours.parse(quiet).orElseThrow(),
                ZoneId.of(Attributes.string(item, ZONE)),
                item.containsKey(DIGEST) ? Digest.fromWire(Attributes.string(item, DIGEST)).orElseThrow() : null, Instant.ofEpochSecond(Attributes.number(item, CREATED)),
                Attributes.number(item, DELIVERED), Attributes.number(item, FAILED), Attributes.string(item, LAST_FAILURE),
                failedAt == null ? null : Instant.ofEpochSecond(Long.parseLong(failedAt)));
    }
}
