package io.readpulse.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A publisher's web server, for real: article pages served over HTTP on loopback, with the metadata
 * a news page carries (canonical link, og:title, article:section, article:published_time, og:image
 * and the article element's data-article-id). Tests publish, retitle and remove articles, and see
 * which paths were requested. The site's domain is made to resolve to this server by the fetcher's
 * injected resolver, so article URLs carry this server's port: {@code http://news.example:PORT/...}.
 */
public final class ArticlePages implements AutoCloseable {
    /** One article as its page describes it; authors as {@code article:author} and tags as {@code article:tag} meta tags. */
    public record Page(String id, String path, String title, String section, Instant publishedAt, List<String> authors, List<String> tags) {
        public Page(String id, String path, String title, String section, Instant publishedAt) {
            this(id, path, title, section, publishedAt, List.of(), List.of());
        }
    }

    private final HttpServer server;
    private final String host;
    private final Map<String, Page> byPath = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();

    /** A server for the site domain {@code host}, listening on 127.0.0.1 and a free port. */
    public ArticlePages(String host) {
        this.host = host;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            requested.add(query == null ? path : path + "?" + query);
            Page page = byPath.get(path);
            byte[] body = (page == null ? "<!doctype html><title>Not found</title>" : html(page)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The site's origin as pages and tests name it: {@code http://HOST:PORT}. */
    public String origin() {
        return "http://" + host + ":" + port();
    }

    /** The URL of a path on this site. */
    public String url(String path) {
        return origin() + path;
    }

    /** Publishes (or republishes, e.g. with a new headline) an article at its path. */
    public void publish(Page page) {
        byPath.put(page.path(), page);
    }

    public void remove(String path) {
        byPath.remove(path);
    }

    /** Every path requested so far (with its query string, if any), in order. */
    public List<String> requested() {
        return List.copyOf(requested);
    }

    private String html(Page page) {
        String canonical = url(page.path());
        StringBuilder names = new StringBuilder();
        page.authors().forEach(author -> names.append("<meta property=\"article:author\" content=\"").append(escape(author)).append("\">"));
        page.tags().forEach(tag -> names.append("<meta property=\"article:tag\" content=\"").append(escape(tag)).append("\">"));
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>" + escape(page.title()) + " | Demo News</title>"
                + "<link rel=\"canonical\" href=\"" + escape(canonical) + "\">"
                + "<meta property=\"og:title\" content=\"" + escape(page.title()) + "\">"
                + "<meta property=\"og:image\" content=\"" + escape(url("/img/" + page.id() + ".jpg")) + "\">"
                + "<meta property=\"article:section\" content=\"" + escape(page.section()) + "\">"
                + "<meta property=\"article:published_time\" content=\"" + page.publishedAt() + "\">" + names
                + "</head><body><article data-article-id=\"" + escape(page.id()) + "\"><h1>" + escape(page.title())
                + "</h1><p>Text.</p></article></body></html>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The URI of a path, for assertions. */
    public URI uri(String path) {
        return URI.create(url(path));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
