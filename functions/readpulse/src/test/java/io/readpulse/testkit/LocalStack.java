package io.readpulse.testkit;

import java.net.URI;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/** LocalStack's DynamoDB (and Streams) in a container; only where a Docker engine runs. */
public final class LocalStack implements Engine {
    private static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:3.8");

    private final LocalStackContainer container;

    private LocalStack(LocalStackContainer container) {
        this.container = container;
    }

    public static LocalStack start() {
        LocalStackContainer container = new LocalStackContainer(IMAGE).withServices(LocalStackContainer.Service.DYNAMODB);
        container.start();
        return new LocalStack(container);
    }

    @Override
    public URI endpoint() {
        return container.getEndpoint();
    }

    @Override
    public String name() {
        return "LocalStack";
    }

    @Override
    public void close() {
        container.stop();
    }
}
