package io.readpulse.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.readpulse.template.SamTemplate.SamFunction;
import io.readpulse.testkit.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Does for each CodeUri what `sam build` does with aws-lambda-builders' Maven workflow: copy the
 * folder alone to a scratch directory, run {@code mvn clean install} and
 * {@code mvn dependency:copy-dependencies -DincludeScope=runtime -Dmdep.prependGroupId=true}
 * there, and make target/classes the package root with target/dependency as its lib/. Then every
 * handler must load and be built from that package alone, and the package is zipped as
 * `sam deploy` would upload it, to report its size.
 */
class SamBuildIT {
    /** The project's aim for a function's deployment package (Lambda's own limit is 50 MB zipped). */
    static final long AIM_BYTES = 11L * 1024 * 1024;
    private static final long BUILD_MINUTES = 8;

    @TestFactory
    Stream<DynamicTest> eachCodeUriBuildsAloneIntoAPackageWithItsHandlersAndTheirDependencies(@TempDir Path work) throws Exception {
        SamTemplate template = SamTemplate.repository();
        Map<String, List<SamFunction>> byCodeUri = new LinkedHashMap<>();
        template.functions().values().forEach(function -> byCodeUri.computeIfAbsent(function.codeUri(), uri -> new ArrayList<>()).add(function));
        List<DynamicTest> checks = new ArrayList<>();
        for (Map.Entry<String, List<SamFunction>> codeUri : byCodeUri.entrySet()) {
            Path build = work.resolve(codeUri.getKey().replace('/', '_'));
            // Two levels down, so that the copy has no template.yaml at ../../ (the pom then only packages).
            Path scratch = build.resolve("scratch").resolve("source");
            Path artifacts = build.resolve("artifacts");
            copySource(Fixtures.repositoryRoot().resolve(codeUri.getKey()), scratch);
            maven(scratch, "clean", "install", "-Dmaven.install.skip=true");
            maven(scratch, "dependency:copy-dependencies", "-DincludeScope=runtime", "-Dmdep.prependGroupId=true");
            copyBuilt(scratch.resolve("target/classes"), artifacts);
            copyBuilt(scratch.resolve("target/dependency"), artifacts.resolve("lib"));

            long zipped = zip(artifacts, build.resolve("package.zip"));
            long unzipped = size(artifacts);
            for (SamFunction function : codeUri.getValue()) {
                System.out.printf("[readpulse] deployment package of %-24s (%s, as `sam build` makes it): %.2f MB zipped, %.2f MB unzipped%n",
                        function.logicalId(), codeUri.getKey(), zipped / 1048576.0, unzipped / 1048576.0);
                checks.add(DynamicTest.dynamicTest(function.logicalId() + " loads from its package alone",
                        () -> loadAndBuild(template, function, artifacts)));
            }
            checks.add(DynamicTest.dynamicTest(codeUri.getKey() + " packs under 11 MB", () -> assertTrue(zipped < AIM_BYTES,
                    codeUri.getKey() + " packs to " + zipped + " bytes, over the 11 MB aim (docs/operations.md)")));
        }
        return checks.stream();
    }

    /** The handler class is in the package, and the handler can be built from it alone, as the local runner builds it. */
    private static void loadAndBuild(SamTemplate template, SamFunction function, Path artifacts) throws Exception {
        Path classFile = artifacts.resolve(function.handlerClass().replace('.', '/') + ".class");
        assertTrue(Files.isRegularFile(classFile), function.logicalId() + "'s package has no " + function.handlerClass());
        List<URL> classpath = new ArrayList<>(List.of(artifacts.toUri().toURL()));
        try (Stream<Path> jars = Files.list(artifacts.resolve("lib"))) {
            for (Path jar : (Iterable<Path>) jars.sorted()::iterator) {
                classpath.add(jar.toUri().toURL());
            }
        }
        // Only the JDK below: nothing from this test's own classpath may fill a gap in the package.
        try (URLClassLoader lambda = new URLClassLoader(classpath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> environmentType = lambda.loadClass("io.readpulse.config.Environment");
            Object environment = environmentType.getConstructor(Map.class).newInstance(variables(template, function));
            Constructor<?> constructor = lambda.loadClass(function.handlerClass()).getConstructor(environmentType);
            assertEquals(function.handlerClass(), constructor.newInstance(environment).getClass().getName());
        }
    }

    /** The function's variables as the template gives them, with parameters at their defaults, in a made-up region. */
    private static Map<String, String> variables(SamTemplate template, SamFunction function) {
        Map<String, String> variables = new HashMap<>(Map.of("AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "package-check", "AWS_SECRET_ACCESS_KEY", "package-check"));
        function.properties().path("Environment").path("Variables").fields().forEachRemaining(variable -> {
            JsonNode value = variable.getValue();
            String ref = value.path("Ref").asText();
            variables.put(variable.getKey(), template.parameterIds().contains(ref)
                    ? template.root().path("Parameters").path(ref).path("Default").asText()
                    : value.isTextual() ? value.asText() : ref);
        });
        return variables;
    }

    private static void maven(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-q"));
        command.addAll(List.of(arguments));
        Path log = directory.resolveSibling("maven.log");
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " took over " + BUILD_MINUTES + " minutes");
        }
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed in a copy of the folder alone:\n" + Files.readString(log));
    }

    /**
     * aws-lambda-builders' CopySourceAction leaves out .aws-sam and .git; target/ is left out
     * too, since the build's `mvn clean` deletes it first.
     */
    private static void copySource(Path source, Path destination) throws IOException {
        copyTree(source, destination, Set.of(".aws-sam", ".git", "target"));
    }

    /** What JavaMavenCopyArtifactsAction does with target/classes and target/dependency. */
    private static void copyBuilt(Path source, Path destination) throws IOException {
        assertTrue(Files.isDirectory(source), source + " was not produced by the build");
        copyTree(source, destination, Set.of());
    }

    private static void copyTree(Path source, Path destination, Set<String> excludedAtTop) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = source.relativize(path);
                if (relative.getNameCount() > 0 && excludedAtTop.contains(relative.getName(0).toString())) {
                    continue;
                }
                Path target = destination.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static long zip(Path root, Path zipFile) throws IOException {
        try (OutputStream file = Files.newOutputStream(zipFile); ZipOutputStream zip = new ZipOutputStream(file);
             Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.filter(Files::isRegularFile).sorted()::iterator) {
                zip.putNextEntry(new ZipEntry(root.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, zip);
                zip.closeEntry();
            }
        }
        return Files.size(zipFile);
    }

    private static long size(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
    }
}
