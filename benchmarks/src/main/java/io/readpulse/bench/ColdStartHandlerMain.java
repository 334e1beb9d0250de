package io.readpulse.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.readpulse.config.Environment;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.InputStream;

/**
 * One cold start, run in a fresh JVM by {@link ColdStartBenchmark}: build a handler as Lambda would
 * (through its Environment constructor, with the variables the parent passes), handle one event
 * file, print the response and exit.
 *
 * <p>Arguments: handler class name, event file.
 */
public final class ColdStartHandlerMain {
    private ColdStartHandlerMain() {
    }

    public static void main(String[] args) throws Exception {
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0])
                .getConstructor(Environment.class).newInstance(Environment.system());
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try (InputStream event = new FileInputStream(args[1])) {
            handler.handleRequest(event, response, null);
        }
        System.out.println(response);
        System.exit(0);
    }
}
