package io.readpulse.testkit;

import io.readpulse.admin.Admin;
import io.readpulse.config.Environment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Base of every *IT: one engine per test class (Dynoxide unless a subclass picks LocalStack) and a
 * fresh table per test, created as the template defines it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RealEngineTest {
    protected Engine engine;
    protected DynamoDbClient dynamo;
    protected String table;

    /** Subclasses that run the same tests elsewhere override this. */
    protected Engine startEngine() {
        return Dynoxide.start();
    }

    @BeforeAll
    void startTheEngine() {
        engine = startEngine();
        dynamo = engine.client();
    }

    @AfterAll
    void stopTheEngine() {
        if (dynamo != null) {
            dynamo.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @BeforeEach
    void freshTable() {
        table = "readpulse-" + UUID.randomUUID().toString().substring(0, 8);
        ReadpulseTable.create(dynamo, table);
    }

    /** Registers a site through the admin command, as an operator would. */
    protected void createSite(String site, String... domains) {
        List<String> args = new ArrayList<>(List.of("site", "create", site, "--name", site));
        for (String domain : domains) {
            args.add("--domain");
            args.add(domain);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = Admin.forEnvironment(environment(), new PrintStream(output)).run(args.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("admin refused: " + output);
        }
    }

    /** The variables template.yaml gives the functions, pointed at this engine and table. */
    protected Environment environment() {
        return new Environment(Map.of(
                Environment.TABLE_NAME, table,
                Environment.DYNAMODB_ENDPOINT, engine.endpoint().toString(),
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test"));
    }
}
