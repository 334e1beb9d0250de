package io.readpulse.metadata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import io.readpulse.collect.Identifiers;
import io.readpulse.collect.Limits;
import io.readpulse.json.JsonTrees;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.Site;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads what an article page says about itself, by the rules of the tracking script ({@code read}
 * in web/t.js) so that the id found here is the id browsers send for the same page: the
 * {@code data-} attributes of the element with {@code data-article-id} first, then the canonical
 * link, {@code og:} and {@code article:} tags, then the document title. Where the tags are missing,
 * schema.org JSON-LD (a NewsArticle or Article, also inside {@code @graph} or an array) supplies
 * the title, section, time, image and URL; never the id, which t.js derives without it. Authors and
 * tags come from {@code data-authors} and {@code data-tags} (on the article element, else on the
 * script tag), else {@code <meta name="author">} and {@code article:author} tags that are no links,
 * or {@code article:tag} tags, else the JSON-LD article's {@code author} (names, or objects with a
 * name) and {@code keywords} (an array, or a comma list).
 *
 * <p>The page is the publisher's, but anything in it may still be wrong or hostile, so text is
 * cleaned and cut to the sizes Collect accepts, the URL and image must be http(s) on the site's own
 * domains, and the published time must fall in 1990..2200. Pure: no I/O.
 */
public final class ArticlePageParser {
    private static final Set<String> ARTICLE_TYPES = Set.of("Article", "NewsArticle", "ReportageNewsArticle",
            "AnalysisNewsArticle", "BackgroundNewsArticle", "OpinionNewsArticle", "ReviewNewsArticle", "BlogPosting");
    private static final int MAX_LINKED_DATA_DEPTH = 8;
    private static final int MIN_YEAR = 1990;
    private static final int MAX_YEAR = 2200;
    /** ISO-8601 dates, date-times and offset date-times; {@code +0100} offsets too, as some CMSs write them. */
    private static final DateTimeFormatter PUBLISHED = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT)
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final String URI_CHARACTERS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final JsonFactory linkedDataFactory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
            .build();

    /** What a page came to: an article, or why it is not one. */
    public sealed interface Result permits Article, NotAnArticle {
    }

    public record Article(ArticleMeta meta) implements Result {
    }

    /** @param reason for logs */
    public record NotAnArticle(String reason) implements Result {
    }

    /** @param pageUrl the URL the page was served from: relative links resolve against it, and it is the fallback URL */
    public Result parse(String html, URI pageUrl, Site site) {
        if (!SiteUrls.isOnSite(pageUrl, site)) {
            return new NotAnArticle("the page URL is not on the site's domains");
        }
        String pageString = pageUrl.toString();
        String pageHref = href(pageString.split("[?#]", 2)[0], pageUrl);
        if (pageHref == null || pageHref.length() > Limits.MAX_URL_LENGTH) {
            return new NotAnArticle("the page URL is not usable as the article's URL");
        }
        Document page = Jsoup.parse(html, pageString);
        Element tagged = page.selectFirst("[data-article-id]");
        JsonNode linked = linkedArticle(page);

        String declaredUrl = firstNonEmpty(attribute(page, "link[rel=canonical]", "href"), attribute(page, "meta[property=\"og:url\"]", "content"));
        String declaredHref = declaredUrl == null ? null : withoutCampaign(href(declaredUrl, pageUrl));
        // The id comes from the declared URL even when that is off the site, as it does in the browser;
        // only the URL stored for the article falls back to the page's.
        String id = articleId(tagged == null ? "" : tagged.attr("data-article-id"), declaredHref == null ? pageHref : declaredHref);
        if (!Identifiers.isArticleId(id)) {
            return new NotAnArticle("the page names no article id");
        }

        String title = firstText(Limits.MAX_TITLE_LENGTH, data(tagged, "title"), attribute(page, "meta[property=\"og:title\"]", "content"),
                linkedText(linked, "headline"), page.title());
        if (title == null) {
            return new NotAnArticle("the page has no title");
        }
        String section = firstText(Limits.MAX_SECTION_LENGTH, data(tagged, "section"), attribute(page, "meta[property=\"article:section\"]", "content"),
                linkedText(linked, "articleSection"));
        if (section == null) {
            return new NotAnArticle("the page names no section");
        }
        String publishedText = firstNonBlank(data(tagged, "published"), attribute(page, "meta[property=\"article:published_time\"]", "content"),
                linkedText(linked, "datePublished"));
        Instant published = publishedText == null ? null : parsePublished(publishedText);
        if (published == null) {
            return new NotAnArticle(publishedText == null ? "the page has no published time"
                    : "the published time is not a date between " + MIN_YEAR + " and " + MAX_YEAR);
        }

        String linkedUrl = linkedUrl(linked);
        String urlCandidate = declaredUrl != null ? declaredHref : linkedUrl == null ? null : href(linkedUrl, pageUrl);
        String url = onSite(urlCandidate, site) ? urlCandidate : pageHref;
        String imageText = firstNonBlank(data(tagged, "image"), attribute(page, "meta[property=\"og:image\"]", "content"), linkedImage(linked));
        String image = imageText == null ? null : href(imageText, pageUrl);
        List<String> authors = names(Limits.MAX_AUTHORS, Limits.MAX_AUTHOR_LENGTH, dataList(page, tagged, "authors"),
                metaContents(page, "meta[name=author], [property=article:author]:not([content^=http])"), linked == null ? null : linked.get("author"));
        List<String> tags = names(Limits.MAX_TAGS, Limits.MAX_TAG_LENGTH, dataList(page, tagged, "tags"),
                metaContents(page, "[property=article:tag]"), linked == null ? null : linked.get("keywords"));
        return new Article(new ArticleMeta(id, url, title, section, published, onSite(image, site) ? image : null, authors, tags));
    }

    /** The first of a {@code data-} comma list, the metas and the linked data that gives any names, cleaned and cut as Collect's limits say. */
    private static List<String> names(int maxCount, int maxLength, List<String> data, List<String> metas, JsonNode linked) {
        for (List<String> candidates : List.of(data, metas, linkedNames(linked))) {
            Set<String> names = new LinkedHashSet<>();
            for (String candidate : candidates) {
                String cleaned = clean(candidate, maxLength);
                if (!cleaned.isEmpty() && names.size() < maxCount) {
                    names.add(cleaned);
                }
            }
            if (!names.isEmpty()) {
                return List.copyOf(names);
            }
        }
        return List.of();
    }

    /** {@code data-name} of the article element, else of the script tag that carries it, split at commas, as t.js reads it. */
    private static List<String> dataList(Document page, Element tagged, String name) {
        String value = firstNonEmpty(data(tagged, name), attribute(page, "script[data-" + name + "]", "data-" + name));
        return value == null ? List.of() : List.of(value.split(","));
    }

    private static List<String> metaContents(Document page, String query) {
        return page.select(query).eachAttr("content");
    }

    /** A comma list, or an array of names and of objects with a name. */
    private static List<String> linkedNames(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.textValue().split(","));
        }
        List<String> names = new ArrayList<>();
        for (JsonNode element : node.isArray() ? node : List.of(node)) {
            JsonNode name = element.isObject() ? element.get("name") : element;
            if (name != null && name.isTextual()) {
                names.add(name.textValue());
            }
        }
        return names;
    }

    /** The URL without its {@code utm_} parameters, as t.js strips them before it takes the id from it; null stays null. */
    static String withoutCampaign(String href) {
        return href == null ? null : href.replaceAll("([?&])(utm_[^&#]*&?)+", "$1").replaceFirst("[?&](#|$)", "$1");
    }

    /**
     * t.js's id: {@code data-article-id}, else the URL's last path segment without trailing slashes
     * and {@code .html}/{@code .htm}; then every character but {@code [A-Za-z0-9_.~-]} becomes '-',
     * leading non-alphanumerics go and at most 128 characters stay.
     *
     * @param url the canonical link, og:url or page URL, as the browser's {@code URL.href} writes it
     */
    static String articleId(String declared, String url) {
        String raw = declared;
        if (raw.isEmpty()) {
            int end = url.length();
            while (end > 0 && url.charAt(end - 1) == '/') {
                end--;
            }
            raw = url.substring(url.lastIndexOf('/', end - 1) + 1, end);
            if (raw.endsWith(".html")) {
                raw = raw.substring(0, raw.length() - 5);
            } else if (raw.endsWith(".htm")) {
                raw = raw.substring(0, raw.length() - 4);
            }
        }
        StringBuilder id = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean kept = isAsciiAlphanumeric(c) || c == '_' || c == '.' || c == '~' || c == '-';
            if (id.length() > 0 || isAsciiAlphanumeric(c)) {
                id.append(kept ? c : '-');
            }
        }
        return id.length() > 128 ? id.substring(0, 128) : id.toString();
    }

    /**
     * Whitespace runs become one space; control and bidirectional-control characters are dropped
     * (an override could make a title read backwards in the widget); over {@code maxLength} the text
     * is cut rather than refused, since the page, not a client, is the source.
     */
    static String clean(String value, int maxLength) {
        StringBuilder cleaned = new StringBuilder(Math.min(value.length(), maxLength + 1));
        boolean space = false;
        for (int i = 0; i < value.length() && cleaned.length() <= maxLength; i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = true;
            } else if (!Character.isISOControl(c) && !isBidiControl(c)) {
                if (space && cleaned.length() > 0) {
                    cleaned.append(' ');
                }
                cleaned.append(c);
                space = false;
            }
        }
        if (cleaned.length() > maxLength) {
            cleaned.setLength(Character.isHighSurrogate(cleaned.charAt(maxLength - 1)) ? maxLength - 1 : maxLength);
        }
        return cleaned.toString().strip();
    }

    /**
     * An ISO-8601 instant, offset date-time, local date-time (taken as UTC) or date (its midnight,
     * UTC); null for anything else or a year outside 1990..2200. The year is checked on the parsed
     * fields, before any conversion, so no year however large can overflow.
     */
    static Instant parsePublished(String text) {
        String trimmed = text.strip();
        if (trimmed.length() > 64) {
            return null;
        }
        if (trimmed.length() > 11 && trimmed.charAt(10) == ' ') {
            trimmed = trimmed.substring(0, 10) + 'T' + trimmed.substring(11);
        }
        try {
            TemporalAccessor parsed = PUBLISHED.parseBest(trimmed, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
            int year = parsed.get(ChronoField.YEAR);
            if (year < MIN_YEAR || year > MAX_YEAR) {
                return null;
            }
            if (parsed instanceof OffsetDateTime offsetDateTime) {
                return offsetDateTime.toInstant();
            }
            if (parsed instanceof LocalDateTime localDateTime) {
                return localDateTime.toInstant(ZoneOffset.UTC);
            }
            return ((LocalDate) parsed).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * A link as the browser's {@code new URL(link, page).href} writes it, near enough for the id:
     * resolved against the page, dot segments removed, scheme and host lower-cased, a default port
     * dropped, an empty path made "/", and characters a URI cannot hold percent-encoded as UTF-8.
     * Null unless the result is an absolute http(s) URL with a host.
     */
    static String href(String link, URI page) {
        URI resolved;
        try {
            URI base = page.getRawPath() == null || page.getRawPath().isEmpty() ? page.resolve("/") : page;
            resolved = base.resolve(new URI(escape(link.strip().replaceAll("[\t\n\r]", "")))).normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        if (!SiteUrls.isHttp(resolved) || resolved.getHost() == null) {
            return null;
        }
        String scheme = resolved.getScheme().toLowerCase(Locale.ROOT);
        int port = resolved.getPort();
        boolean defaultPort = port < 0 || port == (scheme.equals("https") ? 443 : 80);
        String path = resolved.getRawPath() == null || resolved.getRawPath().isEmpty() ? "/" : resolved.getRawPath();
        return scheme + "://"
                + (resolved.getRawUserInfo() == null ? "" : resolved.getRawUserInfo() + "@")
                + resolved.getHost().toLowerCase(Locale.ROOT)
                + (defaultPort ? "" : ":" + port)
                + path
                + (resolved.getRawQuery() == null ? "" : "?" + resolved.getRawQuery())
                + (resolved.getRawFragment() == null ? "" : "#" + resolved.getRawFragment());
    }

    private static String escape(String link) {
        StringBuilder escaped = new StringBuilder(link.length());
        for (int i = 0; i < link.length(); ) {
            int codePoint = link.codePointAt(i);
            boolean percentEscape = codePoint == '%' && i + 2 < link.length()
                    && Character.digit(link.charAt(i + 1), 16) >= 0 && Character.digit(link.charAt(i + 2), 16) >= 0;
            if (percentEscape || (codePoint < 0x80 && URI_CHARACTERS.indexOf(codePoint) >= 0)) {
                escaped.append((char) codePoint);
            } else {
                for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    escaped.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
                }
            }
            i += Character.charCount(codePoint);
        }
        return escaped.toString();
    }

    private static boolean onSite(String href, Site site) {
        if (href == null || href.length() > Limits.MAX_URL_LENGTH) {
            return false;
        }
        try {
            return SiteUrls.isOnSite(new URI(href), site);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The first schema.org article object in the page's JSON-LD blocks, or null. A block that is not JSON is skipped. */
    private JsonNode linkedArticle(Document page) {
        for (Element script : page.select("script[type]")) {
            String type = script.attr("type").split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!type.equals("application/ld+json")) {
                continue;
            }
            try {
                JsonNode article = findArticle(JsonTrees.read(linkedDataFactory, script.data().getBytes(StandardCharsets.UTF_8)), 0);
                if (article != null) {
                    return article;
                }
            } catch (IOException notJson) {
                // Broken JSON-LD is common; the other blocks and the tags may still describe the page.
            }
        }
        return null;
    }

    private static JsonNode findArticle(JsonNode node, int depth) {
        if (depth > MAX_LINKED_DATA_DEPTH) {
            return null;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                JsonNode found = findArticle(element, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            if (isArticleType(node.get("@type"))) {
                return node;
            }
            JsonNode graph = node.get("@graph");
            return graph == null ? null : findArticle(graph, depth + 1);
        }
        return null;
    }

    /** "NewsArticle", "schema:NewsArticle" or "https://schema.org/NewsArticle", alone or in an array. */
    private static boolean isArticleType(JsonNode type) {
        if (type == null) {
            return false;
        }
        if (type.isArray()) {
            for (JsonNode element : type) {
                if (isArticleType(element)) {
                    return true;
                }
            }
            return false;
        }
        String name = type.isTextual() ? type.textValue() : "";
        return ARTICLE_TYPES.contains(name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf(':')) + 1));
    }

    /** A string property, or the first string of an array property. */
    private static String linkedText(JsonNode article, String property) {
        return article == null ? null : text(article.get(property));
    }

    private static String text(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (element.isTextual()) {
                    return element.textValue();
                }
            }
            return null;
        }
        return node.isTextual() ? node.textValue() : null;
    }

    /** {@code image}: a URL, an ImageObject with a url, or an array of either. */
    private static String linkedImage(JsonNode article) {
        return article == null ? null : image(article.get("image"), 0);
    }

    private static String image(JsonNode node, int depth) {
        if (node == null || depth > 2) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isObject()) {
            return text(node.get("url"));
        }
        for (JsonNode element : node) {
            String found = image(element, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** {@code url}, else {@code mainEntityOfPage} as a URL or as a WebPage with an {@code @id} or url. */
    private static String linkedUrl(JsonNode article) {
        if (article == null) {
            return null;
        }
        String url = text(article.get("url"));
        if (url != null) {
            return url;
        }
        JsonNode page = article.get("mainEntityOfPage");
        if (page != null && page.isObject()) {
            return firstNonBlank(text(page.get("@id")), text(page.get("url")));
        }
        return text(page);
    }

    private static String attribute(Document page, String query, String name) {
        Element element = page.selectFirst(query);
        return element == null ? "" : element.attr(name);
    }

    /** The article element's {@code data-name}, as t.js reads {@code dataset.name}. */
    private static String data(Element tagged, String name) {
        return tagged == null ? null : tagged.attr("data-" + name);
    }

    /** The first non-empty value, as t.js's {@code ||} picks it. */
    private static String firstNonEmpty(String... values) {
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String firstText(int maxLength, String... values) {
        for (String value : values) {
            String cleaned = value == null ? "" : clean(value, maxLength);
            if (!cleaned.isEmpty()) {
                return cleaned;
            }
        }
        return null;
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** The Unicode bidirectional formatting characters: marks, embeddings, overrides and isolates. */
    private static boolean isBidiControl(char c) {
        return c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
