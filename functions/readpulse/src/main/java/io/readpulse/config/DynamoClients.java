package io.readpulse.config;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the one DynamoDB client a function instance uses. The URLConnection HTTP client and
 * explicit region and credentials skip the SDK's slower discovery chains at cold start; in Lambda
 * all three come from the variables the runtime sets.
 */
public final class DynamoClients {
    private DynamoClients() {
    }

    public static DynamoDbClient create(Environment environment) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(environment.variables().getOrDefault("AWS_REGION", "us-east-1")))
                .credentialsProvider(credentials(environment));
        String endpoint = environment.optional(Environment.DYNAMODB_ENDPOINT);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    static AwsCredentialsProvider credentials(Environment environment) {
        // Under SnapStart Lambda sets no key variables (keys in a snapshot would expire): a
        // restored instance fetches its credentials from the runtime's endpoint instead.
        if (environment.optional("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
            return ContainerCredentialsProvider.builder().build();
        }
        String accessKey = environment.optional("AWS_ACCESS_KEY_ID");
        String secretKey = environment.optional("AWS_SECRET_ACCESS_KEY");
        if (accessKey == null || secretKey == null) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        String sessionToken = environment.optional("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(sessionToken == null
                ? AwsBasicCredentials.create(accessKey, secretKey)
                : AwsSessionCredentials.create(accessKey, secretKey, sessionToken));
    }
}
