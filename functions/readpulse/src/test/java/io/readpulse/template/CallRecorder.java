package io.readpulse.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Records, through the SDK, the IAM action and the tables of every DynamoDB call a client makes. */
public final class CallRecorder implements ExecutionInterceptor {
    private final List<Call> calls = new ArrayList<>();

    /** One call: its IAM action ({@code dynamodb:PutItem}) and the tables it names. */
    public record Call(String action, Set<String> tables) {
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase();
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        synchronized (calls) {
            calls.add(new Call(service + ":" + operation, tables(context.request())));
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
}
