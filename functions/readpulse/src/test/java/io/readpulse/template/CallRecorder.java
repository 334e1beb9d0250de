package io.readpulse.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Records, through the SDK, the IAM action, the tables and the partition key values of every
 * DynamoDB call a client makes: what IAM evaluates as {@code dynamodb:LeadingKeys}.
 */
public final class CallRecorder implements ExecutionInterceptor {
    private static final Pattern EQUALITY = Pattern.compile("(#?[A-Za-z0-9_]+)\\s*=\\s*(:[A-Za-z0-9_]+)|(:[A-Za-z0-9_]+)\\s*=\\s*(#?[A-Za-z0-9_]+)");

    private final String partitionKey;
    private final List<Call> calls = new ArrayList<>();

    /** @param partitionKey the table's HASH key attribute ({@code pk}) */
    public CallRecorder(String partitionKey) {
        this.partitionKey = partitionKey;
    }

    /**
     * One call: its IAM action ({@code dynamodb:PutItem}), the tables it names, and the partition
     * key values it touches (empty for a Scan, which names none).
     */
    public record Call(String action, Set<String> tables, Set<String> leadingKeys) {
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase();
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Call call = new Call(service + ":" + operation, tables(context.request()), leadingKeys(context.request()));
        synchronized (calls) {
            calls.add(call);
        }
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public Set<String> actions() {
        Set<String> actions = new TreeSet<>();
        calls().forEach(call -> actions.add(call.action()));
        return actions;
    }

    private static Set<String> tables(SdkRequest request) {
        Set<String> tables = new TreeSet<>();
        request.getValueForField("TableName", String.class).ifPresent(tables::add);
        request.getValueForField("RequestItems", Map.class).ifPresent(items -> items.keySet().forEach(table -> tables.add((String) table)));
        return tables;
    }

    /** The partition key values of a request, as IAM reads them for dynamodb:LeadingKeys. */
    Set<String> leadingKeys(SdkRequest request) {
        Set<String> keys = new TreeSet<>();
        if (request instanceof GetItemRequest get) {
            keys.add(value(get.key(), "GetItem key"));
        } else if (request instanceof PutItemRequest put) {
            keys.add(value(put.item(), "PutItem item"));
        } else if (request instanceof UpdateItemRequest update) {
            keys.add(value(update.key(), "UpdateItem key"));
        } else if (request instanceof DeleteItemRequest delete) {
            keys.add(value(delete.key(), "DeleteItem key"));
        } else if (request instanceof QueryRequest query) {
            keys.add(queriedPartition(query));
        } else if (request instanceof BatchGetItemRequest batchGet) {
            batchGet.requestItems().values().forEach(perTable -> perTable.keys().forEach(key -> keys.add(value(key, "BatchGetItem key"))));
        } else if (request instanceof BatchWriteItemRequest batchWrite) {
            batchWrite.requestItems().values().stream().flatMap(Collection::stream).forEach((WriteRequest write) -> keys.add(
                    write.putRequest() != null ? value(write.putRequest().item(), "BatchWriteItem put")
                            : value(write.deleteRequest().key(), "BatchWriteItem delete")));
        } else if (!(request instanceof ScanRequest)) {
            throw new IllegalArgumentException(request.getClass().getSimpleName()
                    + ": this recorder does not know where that call names its partition keys; teach it before a function uses it");
        }
        return keys;
    }

    private String value(Map<String, AttributeValue> item, String what) {
        AttributeValue value = item.get(partitionKey);
        if (value == null || value.s() == null) {
            throw new IllegalArgumentException(what + " has no string " + partitionKey + ": " + item);
        }
        return value.s();
    }

    /** The value a Query's key condition gives the partition key: {@code pk = :pk} (or {@code #n = :v} with #n naming it). */
    private String queriedPartition(QueryRequest query) {
        String condition = query.keyConditionExpression();
        if (condition == null) {
            throw new IllegalArgumentException("a Query without KeyConditionExpression (legacy KeyConditions) is not read by this recorder");
        }
        Matcher equality = EQUALITY.matcher(condition);
        while (equality.find()) {
            String name = equality.group(1) != null ? equality.group(1) : equality.group(4);
            String placeholder = equality.group(1) != null ? equality.group(2) : equality.group(3);
            String attribute = name.startsWith("#") ? query.expressionAttributeNames().get(name) : name;
            if (partitionKey.equals(attribute)) {
                return value(Map.of(partitionKey, query.expressionAttributeValues().get(placeholder)), "Query " + condition);
            }
        }
        throw new IllegalArgumentException("no equality on " + partitionKey + " in the key condition " + condition);
    }
}
