package io.readpulse.observe;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * The ids of the invocation being handled: Lambda's request id and, for HTTP routes, API Gateway's
 * ({@code requestContext.requestId}, the one in the access logs). Every log line and metric line
 * written meanwhile carries them.
 *
 * <p>A Lambda instance handles one invocation at a time, so the one begun last is also what worker
 * threads (the trending job's) log under. The local runner serves requests side by side in one JVM;
 * there the handler's own thread keeps its own invocation.
 *
 * @param function the function's name (AWS_LAMBDA_FUNCTION_NAME), or null outside Lambda
 */
public record Invocation(String awsRequestId, String apiRequestId, String function) implements AutoCloseable {
    private static final Invocation NONE = new Invocation(null, null, null);
    private static final ThreadLocal<Invocation> ON_THIS_THREAD = new ThreadLocal<>();
    private static volatile Invocation latest = NONE;

    /** Starts an invocation; close it when the handler returns. */
    public static Invocation begin(String awsRequestId, String apiRequestId) {
        Invocation invocation = new Invocation(awsRequestId, apiRequestId, System.getenv("AWS_LAMBDA_FUNCTION_NAME"));
        ON_THIS_THREAD.set(invocation);
        latest = invocation;
        return invocation;
    }

    public static Invocation current() {
        Invocation own = ON_THIS_THREAD.get();
        return own != null ? own : latest;
    }

    void writeIds(JsonGenerator line) throws IOException {
        if (awsRequestId != null) {
            line.writeStringField("awsRequestId", awsRequestId);
        }
        if (apiRequestId != null) {
            line.writeStringField("apiRequestId", apiRequestId);
        }
    }

    @Override
    public void close() {
        ON_THIS_THREAD.remove();
        if (latest == this) {
            latest = NONE;
        }
    }
}
