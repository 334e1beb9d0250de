package io.readpulse.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.readpulse.config.Environment;
import io.readpulse.template.SamTemplate.SamFunction;
import io.readpulse.testkit.Fixtures;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every function's Handler names a class of this module (its CodeUri) that Lambda can load and
 * call, and that the local runner can build from the template's variables.
 */
class HandlersTest {

    @TestFactory
    Stream<DynamicTest> everyHandlerIsAStreamHandlerOnItsFunctionsClasspath() {
        return SamTemplate.repository().functions().values().stream()
                .map(function -> DynamicTest.dynamicTest(function.logicalId() + " -> " + function.handler(), () -> check(function)));
    }

    private static void check(SamFunction function) throws Exception {
        Path module = moduleDirectory();
        assertEquals(module, Fixtures.repositoryRoot().resolve(function.codeUri()).normalize(),
                function.logicalId() + "'s CodeUri is not this module, whose classes this test sees");
        Class<?> handler;
        try {
            handler = Class.forName(function.handlerClass(), false, HandlersTest.class.getClassLoader());
        } catch (ClassNotFoundException missing) {
            fail("template.yaml gives " + function.logicalId() + " the handler " + function.handlerClass()
                    + ", but " + function.codeUri() + " has no such class: write it, or correct the Handler");
            return;
        }
        assertTrue(Modifier.isPublic(handler.getModifiers()) && !Modifier.isAbstract(handler.getModifiers()),
                handler.getName() + " must be a public, concrete class for Lambda to instantiate it");
        assertTrue(RequestStreamHandler.class.isAssignableFrom(handler), handler.getName() + " must implement RequestStreamHandler");
        assertEquals("handleRequest", function.handlerMethod(), function.logicalId() + "'s Handler must name handleRequest");
        handler.getMethod("handleRequest", InputStream.class, OutputStream.class, Context.class);
        assertTrue(Modifier.isPublic(handler.getConstructor().getModifiers()), "Lambda needs a public no-argument constructor");
        assertTrue(Modifier.isPublic(handler.getConstructor(Environment.class).getModifiers()),
                "the local runner builds handlers from the template's variables: a public constructor taking Environment");
    }

    /** This module's folder: the parent of target/classes, where the handler classes come from. */
    static Path moduleDirectory() {
        try {
            Path classes = Path.of(Environment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent().getParent().normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
