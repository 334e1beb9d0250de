package io.readpulse.config;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads one secret from Secrets Manager, with the function's region and credentials as DynamoDB's
 * client takes them (no discovery chains). Used once, at SendAlerts' cold start; the client is closed
 * afterwards.
 */
public final class SecretsManagerSecrets implements SmtpConfig.SecretReader {
    private final Environment environment;

    public SecretsManagerSecrets(Environment environment) {
        this.environment = environment;
    }

    @Override
    public String read(String secretId) {
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(environment.variables().getOrDefault("AWS_REGION", "us-east-1")))
                .credentialsProvider(DynamoClients.credentials(environment))
                .build()) {
            return client.getSecretValue(request -> request.secretId(secretId)).secretString();
        }
    }
}
