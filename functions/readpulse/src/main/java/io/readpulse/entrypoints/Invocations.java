package io.readpulse.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import io.readpulse.observe.Invocation;

/** Starts the invocation every log and metric line of a handler carries: Lambda's request id, and API Gateway's for HTTP routes. */
final class Invocations {
    private Invocations() {
    }

    static Invocation begin(Context context, JsonNode event) {
        String apiRequestId = event == null ? null : event.path("requestContext").path("requestId").asText(null);
        return Invocation.begin(context == null ? null : context.getAwsRequestId(), apiRequestId);
    }
}
