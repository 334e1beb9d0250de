package io.readpulse.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.readpulse.admin.Admin;
import io.readpulse.testkit.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs say only what exists: a short README that links every page of {@code docs/}, and every
 * command, admin command, benchmark and route the docs name is one the project has.
 */
class DocsTest {
    static final Path ROOT = Fixtures.repositoryRoot();
    static final List<String> PAGES = List.of("api", "trending", "reports", "design", "performance", "operations", "testing");
    static final Pattern COMMAND = Pattern.compile("\\./readpulse (\\w[\\w-]*)(?: (\\w[\\w-]*))?(?: (\\w[\\w-]*))?");
    static final Pattern ROUTE = Pattern.compile("\\b(GET|POST) (/v1/[^\\s`|),]+)");
    static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(?:#[^)]*)?\\)");

    static Map<Path, String> documents() throws IOException {
        Map<Path, String> documents = new java.util.LinkedHashMap<>();
        documents.put(ROOT.resolve("README.md"), Files.readString(ROOT.resolve("README.md")));
        try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
            for (Path page : pages.filter(path -> path.toString().endsWith(".md")).sorted().toList()) {
                documents.put(page, Files.readString(page));
            }
        }
        return documents;
    }

    @Test
    void theReadmeIsShortAndLinksEveryPage() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertTrue(readme.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 10 * 1024, "README is " + readme.length() + " bytes");
        for (String page : PAGES) {
            assertTrue(Files.isRegularFile(ROOT.resolve("docs/" + page + ".md")), "docs/" + page + ".md");
            assertTrue(readme.contains("(docs/" + page + ".md"), "README links docs/" + page + ".md");
        }
    }

    @Test
    void everyRelativeLinkLeadsToAFile() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Map.Entry<Path, String> document : documents().entrySet()) {
            Matcher link = LINK.matcher(document.getValue());
            while (link.find()) {
                String target = link.group(1);
                if (!target.startsWith("http") && !Files.exists(document.getKey().getParent().resolve(target))) {
                    broken.add(ROOT.relativize(document.getKey()) + " -> " + target);
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void everyCommandNamedExists() throws IOException {
        String script = Files.readString(ROOT.resolve("readpulse"));
        String adminHelp = Admin.help();
        Set<String> unknown = new TreeSet<>();
        for (Map.Entry<Path, String> document : documents().entrySet()) {
            Matcher command = COMMAND.matcher(document.getValue());
            while (command.find()) {
                String name = command.group(1);
                if (!Pattern.compile("(?m)^\\s+(\\w+ \\| )*" + Pattern.quote(name) + "( \\| [-\\w]+)*\\)").matcher(script).find()) {
                    unknown.add("./readpulse " + name);
                } else if (name.equals("admin") && command.group(2) != null && !command.group(2).equals("help")) {
                    String sub = command.group(2) + (command.group(3) == null ? "" : " " + command.group(3));
                    boolean known = adminHelp.lines().anyMatch(line -> line.strip().startsWith(sub)
                            || line.strip().startsWith(command.group(2) + " ") && (command.group(3) == null
                                || line.contains(command.group(3)) || !Set.of("site", "key", "trending", "article").contains(command.group(2))));
                    if (!known) {
                        unknown.add("./readpulse admin " + sub);
                    }
                } else if (name.equals("bench") && command.group(2) != null && !command.group(2).equals("NAME")
                        && !Files.isRegularFile(ROOT.resolve("benchmarks/src/main/java/io/readpulse/bench/" + command.group(2) + ".java"))) {
                    unknown.add("./readpulse bench " + command.group(2));
                }
            }
        }
        assertEquals(Set.of(), unknown, "commands the docs name that do not exist");
    }

    @Test
    void everyRouteNamedIsATemplateRoute() throws IOException {
        List<String[]> routes = new ArrayList<>();
        for (SamTemplate.SamFunction function : SamTemplate.repository().functions().values()) {
            for (JsonNode event : function.events().values()) {
                if ("HttpApi".equals(event.path("Type").asText())) {
                    routes.add(new String[] {event.path("Properties").path("Method").asText().toUpperCase(),
                            event.path("Properties").path("Path").asText()});
                }
            }
        }
        assertTrue(routes.size() >= 3, "the template's routes were found");
        Set<String> unknown = new TreeSet<>();
        for (String text : documents().values()) {
            Matcher route = ROUTE.matcher(text);
            while (route.find()) {
                String method = route.group(1);
                String path = route.group(2).replaceAll("\\{[^}]+}", "x").replace("*", "x").replace("...", "x").replaceAll("\\?.*$", "");
                boolean known = routes.stream().anyMatch(defined -> (defined[0].equals(method) || defined[0].equals("ANY"))
                        && path.matches(defined[1].replaceAll("\\{[^}]+\\+}", ".+").replaceAll("\\{[^}]+}", "[^/]+")));
                if (!known) {
                    unknown.add(method + " " + route.group(2));
                }
            }
        }
        assertEquals(Set.of(), unknown, "routes the docs name that template.yaml does not have");
    }
}
