package io.readpulse.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.entrypoints.CollectHandler;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The demo site's articles, and {@code --demo}: each article replays the last seven days of one
 * real Wikipedia article's daily page views (2009; see the series file for its source), compressed
 * into the time since the demo article was published and scaled to about {@value #VIEWS} views in
 * all, through the deployed collect handler, then the stream and the schedule run once, so the
 * lists and the reports are full at once. Readers, referrers, engaged time and shares are drawn
 * with a fixed seed, so every replay is the same.
 */
final class DemoTraffic {
    /** The demo article modelled on the page Readpulse was conceived from. */
    static final String FRONT_PAGE_ARTICLE = "/demo/world/summit-in-the-capital.html";
    static final int VIEWS = 1500;
    private static final String SERIES = "demo/wikipedia-2009-daily-timelines.yml";
    private static final int DAYS = 7;
    private static final String REPLAYED_MARKER = "demo-replayed";
    private static final int PARALLEL_INSTANCES = 4;
    /** Which real series each demo article replays: a rising story, a spike, a slow decline... */
    private static final Map<String, String> SERIES_OF_ARTICLE = Map.of(
            "summit-in-the-capital", "daily_timelines_004",
            "late-winner-lifts-rovers", "daily_timelines_003",
            "port-strike-freight-rates", "daily_timelines_001",
            "glacier-survey-ice-loss", "daily_timelines_005",
            "clinics-extend-evening-hours", "daily_timelines_006",
            "council-opens-transport-data", "daily_timelines_002",
            "harbour-festival-returns", "daily_timelines_007");
    private static final List<String> USER_AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0");
    private static final List<String> NETWORKS = List.of("x", "facebook", "whatsapp", "linkedin", "email", "copy-link");
    private static final Pattern ARTICLE_ID = Pattern.compile("data-article-id=\"([^\"]+)\"");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DemoTraffic() {
    }

    /** An article of the demo site, as its page describes itself to t.js. */
    record DemoArticle(String id, String path, String title, String section, Instant publishedAt, String imagePath) {
    }

    /** What a replay sent. */
    record Replay(int views, int engagePings, int shares, Duration took) {
    }

    /** The demo articles, read from the pages under web/demo/ with their publication times filled in. */
    static List<DemoArticle> articles(StaticFiles files) {
        Path demo = files.root().resolve("demo");
        try (Stream<Path> pages = Files.walk(demo)) {
            List<DemoArticle> articles = new ArrayList<>();
            for (Path page : pages.filter(path -> path.toString().endsWith(".html")).sorted().toList()) {
                String html = files.render(page);
                Matcher id = ARTICLE_ID.matcher(html);
                if (id.find()) {
                    articles.add(new DemoArticle(id.group(1), "/" + files.root().relativize(page).toString().replace('\\', '/'),
                            unescape(meta(html, "og:title")), unescape(meta(html, "article:section")),
                            Instant.parse(meta(html, "article:published_time")), meta(html, "og:image")));
                }
            }
            return articles;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replays the series through the collect handler, once per data folder. */
    static void replay(LocalReadpulse local, PrintStream out) {
        Path marker = local.dataDir() == null ? null : local.dataDir().resolve(REPLAYED_MARKER);
        if (marker != null && Files.exists(marker)) {
            out.println("demo traffic was already replayed into " + local.dataDir() + "; delete that folder to start again");
            return;
        }
        out.println("Replaying real traffic onto the demo articles (--demo)...");
        Replay replay = replay(local, Instant.now());
        local.drainStream();
        if (local.hasHandler("io.readpulse.entrypoints.ComputeTrendingHandler")) {
            local.runSchedule();
        }
        out.printf("demo traffic: %,d views, %,d engagement pings and %,d shares over %d articles in %.1f s%n",
                replay.views(), replay.engagePings(), replay.shares(), SERIES_OF_ARTICLE.size(), replay.took().toMillis() / 1000.0);
        if (marker != null) {
            try {
                Files.writeString(marker, Instant.now().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Sends the replay's requests, each at its own time, up to {@code now}; the stream is not drained. */
    static Replay replay(LocalReadpulse local, Instant now) {
        long started = System.nanoTime();
        Map<String, long[]> series = lastDays(loadSeries());
        List<DemoArticle> articles = articles(local.files()).stream().filter(a -> SERIES_OF_ARTICLE.containsKey(a.id())).toList();
        double total = articles.stream().mapToLong(a -> Arrays.stream(series.get(SERIES_OF_ARTICLE.get(a.id()))).sum()).sum();
        double scale = VIEWS / total;
        Random random = new Random(2009);

        List<Visit> visits = new ArrayList<>();
        for (DemoArticle article : articles) {
            long[] daily = series.get(SERIES_OF_ARTICLE.get(article.id()));
            long lifetime = Duration.between(article.publishedAt(), now).toMillis();
            for (int day = 0; day < DAYS; day++) {
                long count = Math.round(daily[day] * scale);
                long start = article.publishedAt().toEpochMilli() + lifetime * day / DAYS;
                for (long i = 0; i < count; i++) {
                    long at = start + (long) ((i + random.nextDouble()) * lifetime / DAYS / count);
                    visits.add(new Visit(Instant.ofEpochMilli(at), article, random.nextInt(2000), random.nextDouble(), random.nextDouble(), random.nextDouble()));
                }
            }
        }
        visits.sort(Comparator.comparing(Visit::at));

        LocalFunction collectFunction = local.function("io.readpulse.entrypoints.CollectHandler")
                .orElseThrow(() -> new IllegalStateException("the template has no collect function"));
        // Like Lambda instances side by side: each reader's visits go to one instance, in time order.
        ExecutorService instances = Executors.newFixedThreadPool(PARALLEL_INSTANCES);
        try {
            List<Future<Sent>> sent = new ArrayList<>();
            for (int instance = 0; instance < PARALLEL_INSTANCES; instance++) {
                int own = instance;
                List<Visit> share = visits.stream().filter(visit -> visit.reader() % PARALLEL_INSTANCES == own).toList();
                sent.add(instances.submit(() -> send(local, collectFunction, share, now)));
            }
            int engagePings = 0;
            int shares = 0;
            for (Future<Sent> counts : sent) {
                engagePings += counts.get().engagePings();
                shares += counts.get().shares();
            }
            return new Replay(visits.size(), engagePings, shares, Duration.ofNanos(System.nanoTime() - started));
        } catch (ExecutionException failed) {
            throw new IllegalStateException("the demo replay failed", failed.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the demo replay was interrupted", e);
        } finally {
            instances.shutdownNow();
        }
    }

    private record Sent(int engagePings, int shares) {
    }

    /** One collect instance's share of the visits, as API Gateway events shaped like events/collect-view.json. */
    private static Sent send(LocalReadpulse local, LocalFunction collectFunction, List<Visit> visits, Instant now) {
        ObjectNode sample = (ObjectNode) Fixtures.read(local.repository().resolve("events/collect-view.json"));
        MutableClock clock = new MutableClock(now);
        CollectHandler collect = new CollectHandler(CollectHandler.wire(collectFunction.environment(), local.dynamo()), clock);
        int engagePings = 0;
        int shares = 0;
        for (Visit visit : visits) {
            clock.set(visit.at());
            ObjectNode body = MAPPER.createObjectNode();
            body.put("site", LocalReadpulse.DEMO_SITE);
            ArrayNode events = body.putArray("events");
            ObjectNode view = events.addObject();
            view.put("type", "view");
            view.set("article", fullArticle(local, visit.article()));
            String referrer = referrer(local, visit.referrerDraw());
            if (referrer != null) {
                view.put("referrer", referrer);
            }
            if (visit.engagementDraw() < 0.6) {
                ObjectNode engage = events.addObject();
                engage.put("type", "engage");
                engage.put("seconds", 15 + (int) (visit.engagementDraw() * 250));
                engage.set("article", shortArticle(local, visit.article()));
                engagePings++;
            }
            if (visit.shareDraw() < 0.03) {
                ObjectNode share = events.addObject();
                share.put("type", "share");
                share.put("network", NETWORKS.get((int) (visit.shareDraw() / 0.03 * NETWORKS.size())));
                share.set("article", shortArticle(local, visit.article()));
                shares++;
            }
            ObjectNode request = sample.deepCopy();
            request.put("body", body.toString());
            Fixtures.asVisitor(request,
                    "100.64." + visit.reader() / 250 + "." + visit.reader() % 250, USER_AGENTS.get(visit.reader() % USER_AGENTS.size()));
            Fixtures.withHeader(request, "origin", local.baseUrl());
            int status = collect.handle(request).statusCode();
            if (status != 202) {
                throw new IllegalStateException("the collect handler refused a demo request with " + status + ": " + body);
            }
        }
        return new Sent(engagePings, shares);
    }

    private record Visit(Instant at, DemoArticle article, int reader, double referrerDraw, double engagementDraw, double shareDraw) {
    }

    private static String referrer(LocalReadpulse local, double draw) {
        if (draw < 0.35) {
            return "https://www.google.com/";
        }
        if (draw < 0.40) {
            return "https://duckduckgo.com/";
        }
        if (draw < 0.50) {
            return "https://t.co/";
        }
        if (draw < 0.60) {
            return "https://www.facebook.com/";
        }
        if (draw < 0.75) {
            return local.baseUrl() + "/demo/";
        }
        return null;
    }

    private static ObjectNode fullArticle(LocalReadpulse local, DemoArticle article) {
        ObjectNode node = shortArticle(local, article);
        node.put("title", article.title());
        node.put("publishedAt", article.publishedAt().toString());
        node.put("image", local.baseUrl() + article.imagePath());
        return node;
    }

    private static ObjectNode shortArticle(LocalReadpulse local, DemoArticle article) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", article.id());
        node.put("url", local.baseUrl() + article.path());
        node.put("section", article.section());
        return node;
    }

    /** Each series' page views, by entry name. */
    @SuppressWarnings("unchecked")
    static Map<String, long[]> loadSeries() {
        try (InputStream input = DemoTraffic.class.getResourceAsStream(SERIES)) {
            Map<String, Object> entries = new Yaml(new SafeConstructor(new LoaderOptions())).load(input);
            Map<String, long[]> series = new LinkedHashMap<>();
            entries.forEach((name, entry) -> {
                String views = String.valueOf(((Map<String, Object>) entry).get("pageviews"));
                series.put(name, Arrays.stream(views.replaceAll("[\\[\\]\\s]", "").split(",")).mapToLong(Long::parseLong).toArray());
            });
            return series;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, long[]> lastDays(Map<String, long[]> series) {
        Map<String, long[]> last = new LinkedHashMap<>();
        series.forEach((name, views) -> last.put(name, Arrays.copyOfRange(views, views.length - DAYS, views.length)));
        return last;
    }

    private static String meta(String html, String property) {
        Matcher matcher = Pattern.compile("<meta property=\"" + Pattern.quote(property) + "\" content=\"([^\"]*)\"").matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("a demo article page has no " + property + " meta tag");
        }
        return matcher.group(1);
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#x27;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
