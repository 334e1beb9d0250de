package io.readpulse.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Reads one secret's string from Secrets Manager: its {@code GetSecretValue} call (the JSON 1.1
 * protocol), signed with SigV4 by the SDK's own signer and sent with the URLConnection client that
 * DynamoDB's client uses, with the function's region and credentials as {@link DynamoClients} takes
 * them. One call, at SendAlerts' and SendDigests' cold start: the Secrets Manager SDK module would
 * add 0.7 MB to every function's package for it. The secret's value is never in an exception.
 */
public final class SecretsManagerSecrets implements SmtpConfig.SecretReader {
    /** Tests point it at a local server; the SDK reads the same variable for its own client. */
    public static final String ENDPOINT = "AWS_ENDPOINT_URL_SECRETS_MANAGER";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Environment environment;

    public SecretsManagerSecrets(Environment environment) {
        this.environment = environment;
    }

    @Override
    public String read(String secretId) {
        String region = environment.variables().getOrDefault("AWS_REGION", "us-east-1");
        String endpoint = environment.optional(ENDPOINT);
        URI uri = URI.create(endpoint != null ? endpoint : "https://secretsmanager." + region + ".amazonaws.com/");
        byte[] body;
        try {
            body = MAPPER.writeValueAsBytes(MAPPER.createObjectNode().put("SecretId", secretId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "secretsmanager.GetSecretValue").build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(sign -> sign
                .identity(DynamoClients.credentials(environment).resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "secretsmanager")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            int status = response.httpResponse().statusCode();
            JsonNode answer;
            try (InputStream in = response.responseBody().orElseThrow(() -> new IOException("no body"))) {
                answer = MAPPER.readTree(in);
            }
            if (status != 200 || !answer.path("SecretString").isTextual()) {
                // An error's __type and message name the problem (AccessDenied, ResourceNotFound), never a value.
                throw new IllegalStateException("could not read the secret " + secretId + ": HTTP " + status + " "
                        + answer.path("__type").asText("") + " " + answer.path("message").asText(answer.path("Message").asText("")));
            }
            return answer.get("SecretString").asText();
        } catch (IOException e) {
            throw new IllegalStateException("could not read the secret " + secretId + ": " + e.getMessage(), e);
        }
    }
}
