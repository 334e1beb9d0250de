package io.readpulse.bench;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The floor for a cold start: the smallest Java program that builds a DynamoDB client and makes
 * one call, the call the handler's request is about (a PutItem for Collect, a GetItem for the
 * trending query). Same HTTP client, region and credentials set-up as the handlers.
 *
 * <p>Arguments: put|get.
 */
public final class ColdStartFloorMain {
    private ColdStartFloorMain() {
    }

    public static void main(String[] args) {
        DynamoDbClient dynamo = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(System.getenv("AWS_ACCESS_KEY_ID"), System.getenv("AWS_SECRET_ACCESS_KEY"))))
                .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL_DYNAMODB")))
                .build();
        String table = System.getenv("TABLE_NAME");
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("FLOOR"), "sk", AttributeValue.fromS("1"));
        if ("get".equals(args[0])) {
            System.out.println(dynamo.getItem(request -> request.tableName(table).key(key)).hasItem());
        } else {
            dynamo.putItem(request -> request.tableName(table).item(key));
            System.out.println("put");
        }
        System.exit(0);
    }
}
