package io.readpulse.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.readpulse.config.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The variables the code reads and the ones template.yaml sets are the same set. Reads are found
 * in the sources: {@code Environment.NAME} constants, and {@code required("NAME")},
 * {@code optional("NAME")}, {@code days("NAME", ...)} or {@code System.getenv("NAME")} calls.
 */
class EnvironmentVariablesTest {
    /** Set by Lambda itself in every function (the template may not set these: Lambda reserves them). */
    static final Set<String> SET_BY_LAMBDA = Set.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_EXECUTION_ENV", "_HANDLER", "LAMBDA_TASK_ROOT",
            // From the function's LoggingConfig ApplicationLogLevel, which Lambda passes to the code.
            "AWS_LAMBDA_LOG_LEVEL");
    /** Set only off AWS, to point the SDK at Dynoxide or LocalStack; in AWS the SDK finds DynamoDB itself. */
    static final Set<String> LOCAL_ONLY = Set.of(Environment.DYNAMODB_ENDPOINT);
    /** Read by the JVM rather than by our code. */
    static final Set<String> READ_BY_THE_JVM = Set.of("JAVA_TOOL_OPTIONS");

    private static final Pattern CONSTANT = Pattern.compile("\\bEnvironment\\.([A-Z][A-Z0-9_]*)\\b");
    private static final Pattern LITERAL = Pattern.compile("\\b(?:required|optional|days|getenv)\\(\\s*\"([A-Z][A-Z0-9_]*)\"");

    @Test
    void everyVariableTheCodeReadsIsSetByTheTemplate() {
        Set<String> missing = new TreeSet<>(readByTheCode());
        missing.removeAll(setByTheTemplate());
        missing.removeAll(SET_BY_LAMBDA);
        missing.removeAll(LOCAL_ONLY);
        assertEquals(Set.of(), missing, "the code reads these, but template.yaml sets them on no function");
    }

    @Test
    void everyVariableTheTemplateSetsIsReadByTheCode() {
        Set<String> unread = new TreeSet<>(setByTheTemplate());
        unread.removeAll(readByTheCode());
        unread.removeAll(READ_BY_THE_JVM);
        assertEquals(Set.of(), unread, "template.yaml sets these, but no code reads them");
    }

    @Test
    void theTemplateSetsNoVariableThatLambdaReservesOrThatPointsAwayFromAws() {
        Set<String> forbidden = new TreeSet<>(setByTheTemplate());
        forbidden.retainAll(union(SET_BY_LAMBDA, LOCAL_ONLY));
        assertEquals(Set.of(), forbidden);
    }

    static Set<String> setByTheTemplate() {
        Set<String> variables = new TreeSet<>();
        SamTemplate.repository().functions().values().forEach(function -> variables.addAll(function.environmentVariables()));
        return variables;
    }

    static Set<String> readByTheCode() {
        Set<String> variables = new TreeSet<>();
        Path sources = HandlersTest.moduleDirectory().resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : (Iterable<Path>) files.filter(path -> path.toString().endsWith(".java"))::iterator) {
                String code = Files.readString(file);
                Matcher constant = CONSTANT.matcher(code);
                while (constant.find()) {
                    constantValue(constant.group(1)).ifPresent(variables::add);
                }
                Matcher literal = LITERAL.matcher(code);
                while (literal.find()) {
                    variables.add(literal.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return variables;
    }

    private static Optional<String> constantValue(String name) {
        try {
            Field field = Environment.class.getField(name);
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                return Optional.of((String) field.get(null));
            }
        } catch (NoSuchFieldException | IllegalAccessException notAVariableName) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        return union;
    }
}
