package io.readpulse.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.readpulse.config.Environment;
import io.readpulse.observe.Log;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One function of the template, as one warm Lambda instance: its handler class built once through
 * its public {@code (Environment)} constructor, invoked through
 * {@link RequestStreamHandler#handleRequest} one event at a time. A handler class that is not on
 * the class path (not written yet) leaves the function unavailable instead of stopping the runner.
 */
final class LocalFunction {
    private final LocalTemplate.Function definition;
    private final Environment environment;
    private final RequestStreamHandler handler;
    private final String unavailableReason;

    private LocalFunction(LocalTemplate.Function definition, Environment environment, RequestStreamHandler handler, String unavailableReason) {
        this.definition = definition;
        this.environment = environment;
        this.handler = handler;
        this.unavailableReason = unavailableReason;
    }

    static LocalFunction load(LocalTemplate.Function definition, Environment environment) {
        String className = definition.handlerClass();
        try {
            Class<?> type = Class.forName(className);
            Object instance = type.getConstructor(Environment.class).newInstance(environment);
            if (!(instance instanceof RequestStreamHandler streamHandler)) {
                return unavailable(definition, environment, className + " is not a RequestStreamHandler");
            }
            return new LocalFunction(definition, environment, streamHandler, null);
        } catch (ClassNotFoundException notBuilt) {
            return unavailable(definition, environment, "its handler class " + className + " is not built on this branch");
        } catch (NoSuchMethodException noConstructor) {
            return unavailable(definition, environment, className + " has no public constructor taking io.readpulse.config.Environment");
        } catch (InvocationTargetException failed) {
            return unavailable(definition, environment, className + " could not start: " + failed.getCause());
        } catch (ReflectiveOperationException | LinkageError broken) {
            return unavailable(definition, environment, className + " could not be loaded: " + broken);
        }
    }

    private static LocalFunction unavailable(LocalTemplate.Function definition, Environment environment, String reason) {
        Log.info("function not available locally", "function", definition.logicalId(), "reason", reason);
        return new LocalFunction(definition, environment, null, reason);
    }

    LocalTemplate.Function definition() {
        return definition;
    }

    /** The variables the function runs with: the template's, pointed at the local engine. */
    Environment environment() {
        return environment;
    }

    String name() {
        return definition.logicalId();
    }

    boolean available() {
        return handler != null;
    }

    /** Why the function cannot run, or null when it can. */
    String unavailableReason() {
        return unavailableReason;
    }

    /** Runs one event; a handler that throws makes this throw, as a failed invocation. */
    synchronized byte[] invoke(String eventJson) {
        if (handler == null) {
            throw new IllegalStateException(name() + " is not available: " + unavailableReason);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), output,
                    new LocalContext(definition, System.currentTimeMillis() + definition.timeout().toMillis()));
        } catch (IOException | RuntimeException e) {
            throw new FunctionError(name(), e);
        }
        return output.toByteArray();
    }

    /** A function invocation that ended in an error, as Lambda reports {@code Unhandled}. */
    static final class FunctionError extends RuntimeException {
        FunctionError(String function, Throwable cause) {
            super(function + " failed: " + cause, cause);
        }
    }

    private record LocalContext(LocalTemplate.Function definition, long deadlineMillis, String requestId) implements Context {
        LocalContext(LocalTemplate.Function definition, long deadlineMillis) {
            this(definition, deadlineMillis, UUID.randomUUID().toString());
        }

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + definition.logicalId();
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return definition.logicalId();
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":function:" + definition.logicalId();
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return StdoutLogger.INSTANCE;
        }
    }

    private enum StdoutLogger implements LambdaLogger {
        INSTANCE;

        @Override
        public void log(String message) {
            System.out.println(message);
        }

        @Override
        public void log(byte[] message) {
            System.out.println(new String(message, StandardCharsets.UTF_8));
        }
    }
}
