package io.readpulse.metadata;

import io.readpulse.collect.Identifiers;
import io.readpulse.collect.Limits;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.Site;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;

/**
 * Confirms an article named by browser events against the article's own page, so that what public
 * lists show (title, link, section, time, image) comes from the publisher and not from whoever sent
 * the events. The page is the authority: it must declare exactly the article id the events used, and
 * its canonical URL, not the hint, becomes the article's URL.
 */
public final class ArticleVerifier {
    private final PageFetcher fetcher;
    private final ArticlePageParser parser = new ArticlePageParser();
    private final Clock clock;

    /** @param clock for refusing pages dated in the future, which would stay "fresh" forever */
    public ArticleVerifier(PageFetcher fetcher, Clock clock) {
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /**
     * @param hintUrl where a browser saw the article. Its query and fragment are dropped before the
     *                fetch: an anonymous client chooses them, and a page that echoes a query parameter
     *                into its title or tags (search pages, tracking parameters, careless templates)
     *                must not be steered into declaring what that client wants.
     */
    public Verification verify(Site site, String articleId, String hintUrl) {
        if (!Identifiers.isArticleId(articleId)) {
            return Verification.failed("invalid_article_id", "not an article id");
        }
        if (hintUrl == null || hintUrl.length() > Limits.MAX_URL_LENGTH) {
            return Verification.failed("invalid_url", "the hint URL is missing or longer than " + Limits.MAX_URL_LENGTH + " characters");
        }
        URI page;
        try {
            page = new URI(withoutQueryOrFragment(hintUrl));
        } catch (URISyntaxException e) {
            return Verification.failed("invalid_url", "the hint is not a URL");
        }
        if (!SiteUrls.isHttp(page)) {
            return Verification.failed("not_http", "the hint is not an http or https URL");
        }
        if (!SiteUrls.isOnSite(page, site)) {
            return Verification.failed("off_site", "the hint is not on the domains of site " + site.id());
        }
        FetchOutcome fetched = fetcher.fetch(page, site);
        if (fetched instanceof FetchOutcome.Failed failed) {
            return Verification.failed(failed.code(), failed.detail());
        }
        FetchOutcome.Page served = (FetchOutcome.Page) fetched;
        ArticlePageParser.Result parsed = parser.parse(served.html(), served.finalUrl(), site);
        if (parsed instanceof ArticlePageParser.NotAnArticle notAnArticle) {
            return Verification.failed("not_an_article", notAnArticle.reason());
        }
        ArticleMeta meta = ((ArticlePageParser.Article) parsed).meta();
        if (!meta.id().equals(articleId)) {
            return Verification.failed("id_mismatch", "the page at " + served.finalUrl() + " declares article '" + meta.id() + "'");
        }
        Instant latest = clock.instant().plusMillis(Limits.MAX_CLOCK_SKEW_MILLIS);
        if (meta.publishedAt().isAfter(latest)) {
            return Verification.failed("published_in_future", "the page says it was published at " + meta.publishedAt());
        }
        return Verification.verified(meta);
    }

    /** RFC 3986: the first '?' or '#' ends the path, whatever comes before it. */
    private static String withoutQueryOrFragment(String url) {
        int end = url.length();
        int query = url.indexOf('?');
        int fragment = url.indexOf('#');
        if (query >= 0) {
            end = query;
        }
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return url.substring(0, end);
    }
}
