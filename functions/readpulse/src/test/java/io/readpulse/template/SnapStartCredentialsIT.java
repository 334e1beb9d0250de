package io.readpulse.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.readpulse.config.Environment;
import io.readpulse.entrypoints.CollectHandler;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.RealEngineTest;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * With SnapStart (template.yaml turns it on), Lambda gives a function no key variables, only a
 * credentials endpoint and its token. A handler built from such an environment must sign its
 * DynamoDB calls with what that endpoint hands out.
 */
class SnapStartCredentialsIT extends RealEngineTest {
    private static final String TOKEN = "snapstart-authorization-token";

    @Test
    void aHandlerBuiltWithoutKeyVariablesTakesItsCredentialsFromTheContainerEndpoint() throws Exception {
        createSite("demo-news", "news.example");
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/credentials", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = ("{\"AccessKeyId\":\"snapstart\",\"SecretAccessKey\":\"snapstart\",\"Token\":\"session\",\"Expiration\":\""
                    + Instant.now().plus(Duration.ofHours(1)) + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        endpoint.start();
        String uri = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/credentials";
        // The SDK reads the token from the process environment or, as here, the same-named system property.
        System.setProperty("aws.containerCredentialsFullUri", uri);
        System.setProperty("aws.containerAuthorizationToken", TOKEN);
        try {
            CollectHandler collect = new CollectHandler(new Environment(Map.of(
                    Environment.TABLE_NAME, table,
                    Environment.DYNAMODB_ENDPOINT, engine.endpoint().toString(),
                    "AWS_REGION", "us-east-1",
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI", uri,
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN)));
            assertEquals(202, collect.handle(Fixtures.event("collect-view.json")).statusCode());
        } finally {
            System.clearProperty("aws.containerCredentialsFullUri");
            System.clearProperty("aws.containerAuthorizationToken");
            endpoint.stop(0);
        }
        assertTrue(!authorizations.isEmpty() && authorizations.stream().allMatch(TOKEN::equals),
                "the credentials endpoint was not asked, or not with the runtime's token: " + authorizations);
    }
}
