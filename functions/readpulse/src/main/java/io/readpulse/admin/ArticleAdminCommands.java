package io.readpulse.admin;

import io.readpulse.collect.Identifiers;
import io.readpulse.collect.Limits;
import io.readpulse.metadata.ArticleMetadataService;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.ArticleRecord;
import io.readpulse.model.Site;
import io.readpulse.store.ArticleStore;
import io.readpulse.store.SiteStore;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What public lists show of an article, from the publisher's side: see it, read the article's page
 * now (as the trending job does), or submit the description directly, for sites whose pages
 * Readpulse cannot read (a paywall or a bot wall in front of every page). A submitted description is
 * never replaced by a page read; {@code article read} replaces it on purpose.
 *
 * <pre>
 * article show &lt;site&gt; &lt;article-id&gt;
 * article read &lt;site&gt; &lt;article-id&gt; --url URL
 * article set  &lt;site&gt; &lt;article-id&gt; --url URL --title TITLE --section NAME --published ISO-INSTANT [--image URL]
 *              [--authors "NAME, NAME"] [--tags "TAG, TAG"]
 * </pre>
 */
public final class ArticleAdminCommands {
    static final String USAGE = "usage: article show <site> <article-id> | article read <site> <article-id> --url URL"
            + " | article set <site> <article-id> --url URL --title TITLE --section NAME --published ISO-INSTANT [--image URL]"
            + " [--authors \"NAME, NAME\"] [--tags \"TAG, TAG\"]";
    /** The options each command takes. */
    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "show", Set.of(),
            "read", Set.of("--url"),
            "set", Set.of("--url", "--title", "--section", "--published", "--image", "--authors", "--tags"));

    private final SiteStore sites;
    private final ArticleStore articles;
    private final ArticleMetadataService.PageReader pages;
    private final Clock clock;
    private final PrintStream out;

    public ArticleAdminCommands(SiteStore sites, ArticleStore articles, ArticleMetadataService.PageReader pages, Clock clock, PrintStream out) {
        this.sites = sites;
        this.articles = articles;
        this.pages = pages;
        this.clock = clock;
        this.out = out;
    }

    /** @param words what followed "article"; @return the exit code: 0 done, 1 the page could not be read, 2 usage error */
    public int run(List<String> words) {
        if (words.size() < 3 || !OPTIONS.containsKey(words.get(0))) {
            return usage(USAGE);
        }
        String command = words.get(0);
        Optional<Site> site = Identifiers.isSiteId(words.get(1)) ? sites.find(words.get(1)) : Optional.empty();
        if (site.isEmpty()) {
            return usage("error: there is no site '" + ControlCharacters.escape(words.get(1)) + "' (see: site list)");
        }
        String articleId = words.get(2);
        if (!Identifiers.isArticleId(articleId)) {
            return usage("error: '" + ControlCharacters.escape(articleId) + "' is not an article id");
        }
        try {
            Options options = Options.parse(words.subList(3, words.size()), OPTIONS.get(command), Set.of());
            ArticleRecord record = articles.find(site.get().id(), articleId).orElse(ArticleRecord.unknown(site.get().id(), articleId));
            return switch (command) {
                case "show" -> show(record);
                case "read" -> read(site.get(), record, options);
                default -> set(site.get(), record, options);
            };
        } catch (UsageError e) {
            return usage("error: " + e.getMessage());
        }
    }

    /** Everything printed here was stored, some of it read from a page: all of it is escaped. */
    private int show(ArticleRecord record) {
        String id = ControlCharacters.escape(record.articleId());
        if (!record.known()) {
            out.println(id + ": not described yet" + (record.failure() == null ? ""
                    : "; the last read of its page failed (" + ControlCharacters.escape(String.valueOf(record.failure())) + ") at " + record.failedAt()));
            return 0;
        }
        ArticleMeta meta = record.meta();
        out.println(id + " (" + record.source().name().toLowerCase() + ", " + record.readAt() + ")");
        out.println("  title      " + ControlCharacters.escape(meta.title()));
        out.println("  url        " + ControlCharacters.escape(meta.url()));
        out.println("  section    " + ControlCharacters.escape(meta.section()));
        out.println("  published  " + meta.publishedAt());
        out.println("  image      " + (meta.image() == null ? "-" : ControlCharacters.escape(meta.image())));
        out.println("  authors    " + (meta.authors().isEmpty() ? "-" : ControlCharacters.escape(String.join(", ", meta.authors()))));
        out.println("  tags       " + (meta.tags().isEmpty() ? "-" : ControlCharacters.escape(String.join(", ", meta.tags()))));
        return 0;
    }

    private int read(Site site, ArticleRecord record, Options options) {
        String url = options.value("--url");
        if (url != null) {
            ControlCharacters.refuse("--url", url);
        } else {
            url = record.known() ? record.meta().url() : record.lastHint();
        }
        if (url == null) {
            return usage("error: say where its page is, with --url");
        }
        ArticleMetadataService.Outcome outcome = pages.read(site, record.articleId(), url);
        Instant now = clock.instant();
        if (outcome.meta() == null) {
            articles.save(record.failed(outcome.failure(), now, url));
            out.println("error: the page at " + ControlCharacters.escape(url) + " could not be read: "
                    + ControlCharacters.escape(String.valueOf(outcome.failure())));
            return 1;
        }
        articles.save(record.read(outcome.meta(), ArticleRecord.Source.PAGE, now, url));
        out.println("read " + record.articleId() + " from its page: \"" + ControlCharacters.escape(outcome.meta().title())
                + "\"; lists show it within a few minutes");
        return 0;
    }

    private int set(Site site, ArticleRecord record, Options options) {
        for (String required : List.of("--url", "--title", "--section", "--published")) {
            if (options.value(required) == null || options.value(required).isBlank()) {
                return usage("error: article set needs " + required);
            }
        }
        for (String text : List.of("--url", "--title", "--section", "--image", "--authors", "--tags")) {
            if (options.value(text) != null) {
                ControlCharacters.refuse(text, options.value(text));
            }
        }
        String error = checkUrl(options.value("--url"), site, "--url");
        if (error == null && options.value("--image") != null) {
            error = checkUrl(options.value("--image"), site, "--image");
        }
        if (error != null) {
            return usage("error: " + error);
        }
        String title = options.value("--title").strip();
        String section = options.value("--section").strip();
        if (title.length() > Limits.MAX_TITLE_LENGTH || section.length() > Limits.MAX_SECTION_LENGTH) {
            return usage("error: the title is at most " + Limits.MAX_TITLE_LENGTH + " characters and the section "
                    + Limits.MAX_SECTION_LENGTH);
        }
        List<String> authors = commaList(options.value("--authors"));
        List<String> tags = commaList(options.value("--tags"));
        if (authors.size() > Limits.MAX_AUTHORS || authors.stream().anyMatch(name -> name.length() > Limits.MAX_AUTHOR_LENGTH)) {
            return usage("error: --authors names at most " + Limits.MAX_AUTHORS + " authors of at most " + Limits.MAX_AUTHOR_LENGTH + " characters");
        }
        if (tags.size() > Limits.MAX_TAGS || tags.stream().anyMatch(tag -> tag.length() > Limits.MAX_TAG_LENGTH)) {
            return usage("error: --tags names at most " + Limits.MAX_TAGS + " tags of at most " + Limits.MAX_TAG_LENGTH + " characters");
        }
        Instant published;
        try {
            published = Instant.parse(options.value("--published"));
        } catch (DateTimeParseException e) {
            return usage("error: --published takes an ISO instant such as 2026-11-30T07:30:00Z");
        }
        ArticleMeta meta = new ArticleMeta(record.articleId(), options.value("--url"), title, section, published, options.value("--image"),
                authors, tags);
        articles.save(record.read(meta, ArticleRecord.Source.PUBLISHER, clock.instant(), null));
        out.println("saved " + record.articleId() + " as submitted; its page will not be read for it");
        return 0;
    }

    /** A comma-separated option as names: each stripped, blanks and repeats left out, the order kept. */
    private static List<String> commaList(String value) {
        if (value == null) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : value.split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return List.copyOf(names);
    }

    private static String checkUrl(String value, Site site, String option) {
        try {
            URI uri = new URI(value);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!http || !site.ownsHost(uri.getHost()) || value.length() > Limits.MAX_URL_LENGTH) {
                return option + " must be an http(s) URL on one of the site's domains: " + ControlCharacters.escape(String.join(", ", site.domains()));
            }
            return null;
        } catch (URISyntaxException e) {
            return option + " is not a URL";
        }
    }

    private int usage(String message) {
        out.println(message);
        return 2;
    }
}
