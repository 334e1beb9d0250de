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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * </pre>
 */
public final class ArticleAdminCommands {
    static final String USAGE = "usage: article show <site> <article-id> | article read <site> <article-id> --url URL"
            + " | article set <site> <article-id> --url URL --title TITLE --section NAME --published ISO-INSTANT [--image URL]";

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
        if (words.size() < 3) {
            return usage(USAGE);
        }
        String command = words.get(0);
        Optional<Site> site = Identifiers.isSiteId(words.get(1)) ? sites.find(words.get(1)) : Optional.empty();
        if (site.isEmpty()) {
            return usage("error: there is no site '" + words.get(1) + "' (see: site list)");
        }
        String articleId = words.get(2);
        if (!Identifiers.isArticleId(articleId)) {
            return usage("error: '" + articleId + "' is not an article id");
        }
        Map<String, String> options = new HashMap<>();
        List<String> rest = words.subList(3, words.size());
        for (int i = 0; i < rest.size(); i += 2) {
            if (!rest.get(i).startsWith("--") || i + 1 >= rest.size()) {
                return usage("error: " + rest.get(i) + " needs a value");
            }
            options.put(rest.get(i).substring(2), rest.get(i + 1));
        }
        ArticleRecord record = articles.find(site.get().id(), articleId).orElse(ArticleRecord.unknown(site.get().id(), articleId));
        return switch (command) {
            case "show" -> show(record);
            case "read" -> read(site.get(), record, options);
            case "set" -> set(site.get(), record, options);
            default -> usage(USAGE);
        };
    }

    private int show(ArticleRecord record) {
        if (!record.known()) {
            out.println(record.articleId() + ": not described yet" + (record.failure() == null ? ""
                    : "; the last read of its page failed (" + record.failure() + ") at " + record.failedAt()));
            return 0;
        }
        ArticleMeta meta = record.meta();
        out.println(record.articleId() + " (" + record.source().name().toLowerCase() + ", " + record.readAt() + ")");
        out.println("  title      " + meta.title());
        out.println("  url        " + meta.url());
        out.println("  section    " + meta.section());
        out.println("  published  " + meta.publishedAt());
        out.println("  image      " + (meta.image() == null ? "-" : meta.image()));
        return 0;
    }

    private int read(Site site, ArticleRecord record, Map<String, String> options) {
        String url = options.getOrDefault("url", record.known() ? record.meta().url() : record.lastHint());
        if (url == null) {
            return usage("error: say where its page is, with --url");
        }
        ArticleMetadataService.Outcome outcome = pages.read(site, record.articleId(), url);
        Instant now = clock.instant();
        if (outcome.meta() == null) {
            articles.save(record.failed(outcome.failure(), now, url));
            out.println("error: the page at " + url + " could not be read: " + outcome.failure());
            return 1;
        }
        articles.save(record.read(outcome.meta(), ArticleRecord.Source.PAGE, now, url));
        out.println("read " + record.articleId() + " from its page: \"" + outcome.meta().title() + "\"; lists show it within a few minutes");
        return 0;
    }

    private int set(Site site, ArticleRecord record, Map<String, String> options) {
        for (String required : List.of("url", "title", "section", "published")) {
            if (!options.containsKey(required) || options.get(required).isBlank()) {
                return usage("error: article set needs --" + required);
            }
        }
        String error = checkUrl(options.get("url"), site, "--url");
        if (error == null && options.containsKey("image")) {
            error = checkUrl(options.get("image"), site, "--image");
        }
        if (error != null) {
            return usage("error: " + error);
        }
        String title = options.get("title").strip();
        String section = options.get("section").strip();
        if (title.length() > Limits.MAX_TITLE_LENGTH || section.length() > Limits.MAX_SECTION_LENGTH
                || title.chars().anyMatch(Character::isISOControl) || section.chars().anyMatch(Character::isISOControl)) {
            return usage("error: the title is at most " + Limits.MAX_TITLE_LENGTH + " characters and the section "
                    + Limits.MAX_SECTION_LENGTH + ", without control characters");
        }
        Instant published;
        try {
            published = Instant.parse(options.get("published"));
        } catch (DateTimeParseException e) {
            return usage("error: --published takes an ISO instant such as 2026-11-30T07:30:00Z");
        }
        ArticleMeta meta = new ArticleMeta(record.articleId(), options.get("url"), title, section, published, options.get("image"));
        articles.save(record.read(meta, ArticleRecord.Source.PUBLISHER, clock.instant(), null));
        out.println("saved " + record.articleId() + " as submitted; its page will not be read for it");
        return 0;
    }

    private static String checkUrl(String value, Site site, String option) {
        try {
            URI uri = new URI(value);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!http || !site.ownsHost(uri.getHost()) || value.length() > Limits.MAX_URL_LENGTH) {
                return option + " must be an http(s) URL on one of the site's domains: " + String.join(", ", site.domains());
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
