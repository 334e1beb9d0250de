package io.readpulse.metadata;

import io.readpulse.observe.Log;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.ArticleRecord;
import io.readpulse.model.Site;
import io.readpulse.store.ArticleStore;
import io.readpulse.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps the articles that public lists show described by their own pages. The trending job asks it,
 * each run, to read the pages of the articles it would list but cannot yet (never read, or failed
 * and due for another try) and of the listed ones whose reading is older than {@link #REFRESH_AFTER}.
 *
 * <p>The work is bounded whatever browsers send: at most {@link #READS_PER_SITE_AND_RUN} pages per
 * site and run, read side by side and given up after {@link #DEADLINE}. A failed article is tried
 * again after {@link #RETRY_AFTER}, or after {@link #RETRY_NEW_HINT_AFTER} when a browser names
 * another URL for it. An article already read is refreshed from the URL its own page gave (its
 * canonical link), never from a browser's.
 */
public final class ArticleMetadataService {
    public static final Duration REFRESH_AFTER = Duration.ofMinutes(10);
    public static final Duration RETRY_AFTER = Duration.ofMinutes(10);
    public static final Duration RETRY_NEW_HINT_AFTER = Duration.ofMinutes(1);
    public static final int READS_PER_SITE_AND_RUN = 20;
    public static final Duration DEADLINE = Duration.ofSeconds(8);

    /** Reads one article's page: its metadata, or why not. */
    @FunctionalInterface
    public interface PageReader {
        Outcome read(Site site, String articleId, String url);
    }

    /** @param meta the page's description of the article, or null with {@code failure} */
    public record Outcome(ArticleMeta meta, String failure) {
        public static Outcome of(ArticleMeta meta) {
            return new Outcome(meta, null);
        }

        public static Outcome failed(String code) {
            return new Outcome(null, code);
        }
    }

    /** Reads pages with the verifier: the page must declare the article's id, and describes it as its publisher wrote it. */
    public static PageReader reading(ArticleVerifier verifier) {
        return (site, articleId, url) -> {
            Verification verification = verifier.verify(site, articleId, url);
            if (verification instanceof Verification.Verified verified) {
                return Outcome.of(verified.meta());
            }
            return Outcome.failed(((Verification.Failed) verification).code());
        };
    }

    /** An article the job would like described: its id, and the URL a browser named for it (or null). */
    public record Wanted(String articleId, String hint) {
    }

    private final ArticleStore store;
    private final PageReader reader;
    private final ExecutorService readers;

    public ArticleMetadataService(ArticleStore store, PageReader reader, ExecutorService readers) {
        this.store = store;
        this.reader = reader;
        this.readers = readers;
    }

    /** The stored records of these articles; an id without one maps to {@link ArticleRecord#unknown}. */
    public Map<String, ArticleRecord> lookUp(String site, List<String> articleIds) {
        Map<String, ArticleRecord> found = new HashMap<>(store.findAll(site, articleIds));
        articleIds.forEach(id -> found.computeIfAbsent(id, missing -> ArticleRecord.unknown(site, missing)));
        return found;
    }

    /**
     * Reads the pages of the wanted articles that are due, in the order given, within this run's
     * budget, and saves what each read found.
     *
     * @param known every wanted article's current record
     * @return the records that changed
     */
    public Map<String, ArticleRecord> refresh(Site site, List<Wanted> wanted, Map<String, ArticleRecord> known, Instant now) {
        if (site.metadataSource() == Site.MetadataSource.PUBLISHER) {
            return Map.of();
        }
        Map<String, Wanted> due = new LinkedHashMap<>();
        for (Wanted article : wanted) {
            ArticleRecord record = known.getOrDefault(article.articleId(), ArticleRecord.unknown(site.id(), article.articleId()));
            String url = urlToRead(record, article.hint(), now);
            if (url != null && due.size() < READS_PER_SITE_AND_RUN) {
                due.putIfAbsent(article.articleId(), new Wanted(article.articleId(), url));
            }
        }
        List<Future<ArticleRecord>> reads = new ArrayList<>();
        for (Wanted article : due.values()) {
            ArticleRecord before = known.getOrDefault(article.articleId(), ArticleRecord.unknown(site.id(), article.articleId()));
            reads.add(readers.submit(() -> readAndSave(site, before, article.hint(), now)));
        }
        Map<String, ArticleRecord> changed = new HashMap<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        for (Future<ArticleRecord> read : reads) {
            try {
                ArticleRecord record = read.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                changed.put(record.articleId(), record);
            } catch (TimeoutException late) {
                // Past the run's share of time: the page is read on a later run.
                read.cancel(true);
            } catch (ExecutionException e) {
                Log.error("article page not read", e.getCause(), "site", site.id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                read.cancel(true);
            }
        }
        return changed;
    }

    /** The URL to read now for this article, or null if it is not due. */
    static String urlToRead(ArticleRecord record, String hint, Instant now) {
        if (record.source() == ArticleRecord.Source.PUBLISHER) {
            return null;
        }
        if (record.failedAt() != null) {
            boolean retry = !now.isBefore(record.failedAt().plus(RETRY_AFTER))
                    || (hint != null && !hint.equals(record.lastHint()) && !now.isBefore(record.failedAt().plus(RETRY_NEW_HINT_AFTER)));
            if (!retry) {
                return null;
            }
        } else if (record.known() && now.isBefore(record.readAt().plus(REFRESH_AFTER))) {
            return null;
        }
        if (record.known()) {
            return record.meta().url();
        }
        return hint;
    }

    private ArticleRecord readAndSave(Site site, ArticleRecord before, String url, Instant now) {
        Outcome outcome = reader.read(site, before.articleId(), url);
        ArticleRecord after = outcome.meta() != null
                ? before.read(outcome.meta(), ArticleRecord.Source.PAGE, now, url)
                : before.failed(outcome.failure(), now, url);
        try {
            store.save(after);
        } catch (StoreUnavailableException e) {
            // Not saved: the page is read again on a later run; this run still uses what it found.
            Log.error("article record not saved", e, "site", site.id(), "article", before.articleId());
        }
        return after;
    }
}
