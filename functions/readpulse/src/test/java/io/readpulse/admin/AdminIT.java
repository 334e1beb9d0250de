package io.readpulse.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.auth.ApiKey;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.ArticleRecord;
import io.readpulse.model.Site;
import io.readpulse.store.dynamodb.DynamoApiKeyStore;
import io.readpulse.store.dynamodb.DynamoArticleStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.store.dynamodb.DynamoTrendingStore;
import io.readpulse.testkit.ReadpulseTable;
import io.readpulse.testkit.RealEngineTest;
import io.readpulse.trending.Pin;
import io.readpulse.trending.PinAction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What operators type is checked before anything is saved, and what the table holds is printed safely. */
class AdminIT extends RealEngineTest {
    private static final String ESCAPE = "\u001b[31m";
    private static final String RIGHT_TO_LEFT_OVERRIDE = "\u202e";

    @ParameterizedTest
    @ValueSource(strings = {"", "com", "co.uk", "https://news.example", "*.news.example", "news.example/path", "news.example:8080",
            " news.example ", "news..example", "-bad.example"})
    void aBadDomainIsRefusedAndNothingIsSaved(String domain) {
        Map<String, Map<String, AttributeValue>> before = ReadpulseTable.snapshot(dynamo, table);

        Run run = admin("site", "create", "demo-news", "--name", "Demo News", "--domain", "news.example", "--domain", domain);

        assertEquals(2, run.exit(), run.output());
        assertTrue(run.output().startsWith("error: --domain"), "the error names the option: " + run.output());
        assertEquals(before, ReadpulseTable.snapshot(dynamo, table));
    }

    @Test
    void anInternationalDomainIsSavedAsPunycodeAndMatchesTheHostBrowsersSend() {
        Run run = admin("site", "create", "buecher", "--name", "Bücher", "--domain", "Bücher.example");

        assertEquals(0, run.exit(), run.output());
        Site site = new DynamoSiteStore(dynamo, table).find("buecher").orElseThrow();
        assertEquals(List.of("xn--bcher-kva.example"), site.domains());
        assertTrue(site.ownsHost("xn--bcher-kva.example"));
        assertTrue(site.ownsHost("www.xn--bcher-kva.example"));
    }

    @Test
    void theLocalDemoSitesLoopbackDomainsStillWork() {
        assertEquals(0, admin("site", "create", "demo-news", "--name", "Demo News", "--domain", "localhost", "--domain", "127.0.0.1").exit());
        assertEquals(List.of("localhost", "127.0.0.1"), new DynamoSiteStore(dynamo, table).find("demo-news").orElseThrow().domains());
    }

    @Test
    void namesAndLabelsWithControlOrBidirectionalCharactersAreRefused() {
        createSite("demo-news", "news.example");
        Map<String, Map<String, AttributeValue>> before = ReadpulseTable.snapshot(dynamo, table);

        for (String bad : List.of("Demo " + ESCAPE + "News", "Demo " + RIGHT_TO_LEFT_OVERRIDE + "swen")) {
            List<Run> runs = List.of(
                    admin("site", "create", "other-news", "--name", bad, "--domain", "other.example"),
                    admin("key", "create", "demo-news", "--label", bad),
                    admin("article", "set", "demo-news", "story-1", "--url", "https://news.example/story-1", "--title", bad,
                            "--section", "World", "--published", "2026-11-29T06:30:00Z"),
                    admin("article", "set", "demo-news", "story-1", "--url", "https://news.example/story-1", "--title", "Story",
                            "--section", bad, "--published", "2026-11-29T06:30:00Z"));
            for (Run run : runs) {
                assertEquals(2, run.exit(), run.output());
                assertTrue(run.output().contains("control or bidirectional formatting characters"), run.output());
                assertPrintable(run.output());
            }
        }
        assertEquals(before, ReadpulseTable.snapshot(dynamo, table));
    }

    @Test
    void storedTextIsPrintedEscapedWhereverItCameFrom() {
        Instant now = Instant.now();
        new DynamoSiteStore(dynamo, table).save(new Site("demo-news", "Demo " + ESCAPE + "News", List.of("news.example", RIGHT_TO_LEFT_OVERRIDE + "moc.example"), new byte[32]));
        new DynamoApiKeyStore(dynamo, table).create(new ApiKey("demo-news", "k3j5n2a7", "dash" + ESCAPE + "board", new byte[32], now, null));
        new DynamoTrendingStore(dynamo, table).savePin(new Pin("demo-news", CounterKey.SITE_TOTAL, "story" + ESCAPE, PinAction.PIN, now, now.plus(Duration.ofHours(1))));
        new DynamoArticleStore(dynamo, table, Duration.ofDays(400)).save(ArticleRecord.unknown("demo-news", "story-1").read(
                new ArticleMeta("story-1", "https://news.example/" + RIGHT_TO_LEFT_OVERRIDE + "gpj.exe", "Title " + ESCAPE + "red",
                        "World" + RIGHT_TO_LEFT_OVERRIDE, now, "https://news.example/i" + ESCAPE + ".jpg"), ArticleRecord.Source.PAGE, now, null));

        Run sites = admin("site", "list");
        Run keys = admin("key", "list", "demo-news");
        Run pins = admin("trending", "list", "demo-news");
        Run article = admin("article", "show", "demo-news", "story-1");

        for (Run run : List.of(sites, keys, pins, article)) {
            assertEquals(0, run.exit(), run.output());
            assertPrintable(run.output());
        }
        assertTrue(sites.output().contains("Demo \\u001b[31mNews") && sites.output().contains("\\u202emoc.example"), sites.output());
        assertTrue(keys.output().contains("dash\\u001b[31mboard"), keys.output());
        assertTrue(pins.output().contains("story\\u001b[31m"), pins.output());
        assertTrue(article.output().contains("Title \\u001b[31mred") && article.output().contains("\\u202egpj.exe")
                && article.output().contains("World\\u202e") && article.output().contains("i\\u001b[31m.jpg"), article.output());
    }

    @Test
    void creatingASiteThatExistsNeedsReplaceWhichKeepsTheSketchSecret() {
        DynamoSiteStore sites = new DynamoSiteStore(dynamo, table);
        assertEquals(0, admin("site", "create", "demo-news", "--name", "Demo News", "--domain", "news.example").exit());
        Site first = sites.find("demo-news").orElseThrow();

        Run again = admin("site", "create", "demo-news", "--name", "Other", "--domain", "other.example");

        assertEquals(2, again.exit(), again.output());
        assertTrue(again.output().contains("--replace") && again.output().contains("news.example"), again.output());
        assertEquals(first.domains(), sites.find("demo-news").orElseThrow().domains(), "the domains are unchanged");
        assertEquals(first.name(), sites.find("demo-news").orElseThrow().name());

        Run replaced = admin("site", "create", "demo-news", "--name", "Other", "--domain", "other.example", "--replace");

        assertEquals(0, replaced.exit(), replaced.output());
        Site second = sites.find("demo-news").orElseThrow();
        assertEquals(List.of("other.example"), second.domains());
        assertEquals("Other", second.name());
        assertArrayEquals(first.sketchSalt(), second.sketchSalt(), "visitors keep their sketch slots, so uniques across the change stay true");
    }

    @Test
    void aMissingOptionValueIsAnErrorInEverySubcommand() {
        createSite("demo-news", "news.example");
        Map<String, Map<String, AttributeValue>> before = ReadpulseTable.snapshot(dynamo, table);
        Map<String, List<String>> missing = Map.of(
                "--name", List.of("site", "create", "other-news", "--domain", "other.example", "--name"),
                "--domain", List.of("site", "create", "other-news", "--domain", "--name", "Other"),
                "--label", List.of("key", "create", "demo-news", "--label"),
                "--for", List.of("trending", "pin", "demo-news", "story-1", "--for"),
                "--section", List.of("trending", "exclude", "demo-news", "story-1", "--section", "--for", "6h"),
                "--title", List.of("article", "set", "demo-news", "story-1", "--url", "https://news.example/story-1", "--section", "World",
                        "--published", "2026-11-29T06:30:00Z", "--title"),
                "--url", List.of("article", "read", "demo-news", "story-1", "--url"),
                "--to", List.of("replay", "demo-news", "--from", "2026-11-28", "--to"));

        missing.forEach((option, args) -> {
            Run run = admin(args.toArray(String[]::new));
            assertEquals(2, run.exit(), String.join(" ", args) + ": " + run.output());
            assertTrue(run.output().contains(option + " needs a value"), String.join(" ", args) + ": " + run.output());
        });
        assertEquals(before, ReadpulseTable.snapshot(dynamo, table));
    }

    @Test
    void articleSetTakesAuthorsAndTagsWhichTheStoreKeepsAndShowPrints() {
        createSite("demo-news", "news.example");
        Run set = admin("article", "set", "demo-news", "story-1", "--url", "https://news.example/story-1", "--title", "Story",
                "--section", "World", "--published", "2026-11-29T06:30:00Z", "--authors", "Ana Lima, Bo Chen,, Ana Lima",
                "--tags", "Elections,Europe");

        assertEquals(0, set.exit(), set.output());
        ArticleMeta meta = new DynamoArticleStore(dynamo, table, Duration.ofDays(400)).findAll("demo-news", List.of("story-1"))
                .get("story-1").meta();
        assertEquals(List.of("Ana Lima", "Bo Chen"), meta.authors());
        assertEquals(List.of("Elections", "Europe"), meta.tags());
        Run show = admin("article", "show", "demo-news", "story-1");
        assertTrue(show.output().contains("authors    Ana Lima, Bo Chen") && show.output().contains("tags       Elections, Europe"), show.output());
    }

    @Test
    void tooManyOrTooLongAuthorsAndTagsOrControlCharactersAreRefusedAndNothingIsSaved() {
        createSite("demo-news", "news.example");
        Map<String, Map<String, AttributeValue>> before = ReadpulseTable.snapshot(dynamo, table);
        String eleven = String.join(",", java.util.stream.IntStream.range(0, 11).mapToObj(i -> "author" + i).toList());
        String twentyOne = String.join(",", java.util.stream.IntStream.range(0, 21).mapToObj(i -> "tag" + i).toList());
        for (List<String> option : List.of(List.of("--authors", eleven), List.of("--authors", "A".repeat(101)),
                List.of("--tags", twentyOne), List.of("--tags", "T".repeat(101)), List.of("--authors", "Ana" + ESCAPE),
                List.of("--tags", "gat" + RIGHT_TO_LEFT_OVERRIDE))) {
            Run run = admin("article", "set", "demo-news", "story-1", "--url", "https://news.example/story-1", "--title", "Story",
                    "--section", "World", "--published", "2026-11-29T06:30:00Z", option.get(0), option.get(1));
            assertEquals(2, run.exit(), run.output());
            assertTrue(run.output().contains(option.get(0)), "the error names the option: " + run.output());
            assertPrintable(run.output());
        }
        assertEquals(before, ReadpulseTable.snapshot(dynamo, table));
    }

    private static void assertPrintable(String output) {
        assertFalse(ControlCharacters.containsAny(output.replace("\n", "").replace("\t", "")),
                "no control or bidirectional formatting character reaches the terminal: " + ControlCharacters.escape(output));
    }

    private record Run(int exit, String output) {
    }

    private Run admin(String... args) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = Admin.forEnvironment(environment(), new PrintStream(output, true, StandardCharsets.UTF_8)).run(args);
        return new Run(exit, output.toString(StandardCharsets.UTF_8));
    }
}
