package io.readpulse.local.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.auth.ShareLink;
import io.readpulse.auth.ShareLinkFormat;
import io.readpulse.entrypoints.CollectHandler;
import io.readpulse.store.dynamodb.DynamoShareLinkStore;
import io.readpulse.testkit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard as an editor sees it, in headless Chromium at a desktop width (1280 px) and a
 * phone's (390 px): nothing wider than the screen, chart labels inside their charts, section names
 * rather than slugs, titles that link to their articles, the drill-down scrolled into view, the
 * change against the previous period, share links (working, revoked, expired), and axe-core's
 * accessibility check. Screenshots of both widths go to {@code local/target/screenshots/}.
 *
 * <p>The traffic goes through the real Collect handler at two known times (its clock set to each),
 * on this test's own site, then through the stream and the aggregator:
 * <pre>
 * 7 days ago (the previous period of "Last 7 days")   budget-vote 4 readers, rail-strike 2
 * a minute ago (this period)                          budget-vote 6 readers, rail-strike 1
 * </pre>
 * so the site's views are 7 against 6 (▲ 16.7%), budget-vote's 6 against 4 (▲ 50.0%) and
 * rail-strike's 1 against 2 (▼ 50.0%).
 */
class DashboardLayoutBrowserIT extends BrowserTest {
    static final String COMPARE_SITE = "compare-news";
    static final String DASHBOARD = "/dashboard/index.html";
    static final String BUDGET = "budget-vote";
    static final String RAIL = "rail-strike";
    static final String LONG_TITLE = "Parliament votes on the budget after a night of talks in which every party, "
            + "every committee and every minister had something to say about the state of the roads, schools and hospitals";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    String key;

    @BeforeAll
    void siteKeyAndTrafficOnTwoPeriods() {
        local.admin("site", "create", COMPARE_SITE, "--name", "Compare News", "--domain", "news.example");
        key = lastLine(local.admin("key", "create", COMPARE_SITE, "--label", "layout test"));
        Instant now = Instant.now().minusSeconds(60);
        Instant weekAgo = now.minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(10));
        send(weekAgo, BUDGET, 0, 4);
        send(weekAgo, RAIL, 10, 2);
        send(now, BUDGET, 20, 6);
        send(now, RAIL, 30, 1);
        drainStream();
    }

    @Test
    void atDesktopWidthNothingOverflowsAndTheFiguresCompareWithThePreviousPeriod() {
        showReports(1280);
        assertNowChart();
        assertNoHorizontalOverflow();
        assertChartTextInsideItsSvg();

        assertEquals("7", text("#total-views"));
        assertChange("#site-totals dd:has(#total-views) .change", "up", "▲ 16.7%", "6");
        assertChange("#top-list tr[data-article-id='" + BUDGET + "'] .views .change", "up", "▲ 50.0%", "4");
        assertChange("#top-list tr[data-article-id='" + RAIL + "'] .views .change", "down", "▼ 50.0%", "2");

        WebElement badge = browser.driver().findElement(By.cssSelector("#top-list tr[data-article-id='" + RAIL + "'] .views .change"));
        browser.script("arguments[0].focus()", badge);
        assertEquals(badge, browser.driver().switchTo().activeElement(), "the change takes the keyboard's focus");
        assertEquals("\"Previous period: 2\"", browser.script("return getComputedStyle(arguments[0], '::after').content", badge),
                "and then shows the previous figure");

        assertEquals("Geopolitics & Foreign Policy",
                text("#top-list tr[data-article-id='" + BUDGET + "'] .title .section"), "the section's name, not its slug");
        assertEquals("Geopolitics & Foreign Policy", text("#sections-list tr[data-section='geopolitics-foreign-policy'] .name"));
        WebElement link = browser.driver().findElement(By.cssSelector("#top-list tr[data-article-id='" + BUDGET + "'] a.article-link"));
        assertEquals("https://news.example/politics/" + BUDGET, link.getAttribute("href"));
        assertEquals("search", browser.driver().findElement(By.cssSelector("#referrer-classes li")).getAttribute("data-name"));
        assertEquals("7", text("#referrer-hosts li[data-name='google.com'] .value"), "the site-wide referrers panel");
        assertNoAccessibilityViolations();
        screenshot("dashboard-1280.png");
        assertNoConsoleErrors();
    }

    @Test
    void atPhoneWidthTheTopListIsCardsAndNothingOverflows() {
        showReports(390);
        assertNowChart();
        assertNoHorizontalOverflow();
        assertChartTextInsideItsSvg();
        Number titleLines = (Number) browser.script("var b = document.querySelector(\"#top-list tr[data-article-id='" + BUDGET
                + "'] .title button\"); return b.getBoundingClientRect().height / parseFloat(getComputedStyle(b).lineHeight || 20);");
        assertTrue(titleLines.doubleValue() <= 3.2, "a long title is clamped to three lines: " + titleLines);
        Number sparkRight = (Number) browser.script("return Math.max.apply(null, Array.from(document.querySelectorAll('#top-list svg.spark'))"
                + ".map(function (s) { return s.getBoundingClientRect().right; }))");
        assertTrue(sparkRight.doubleValue() <= 390, "every sparkline fits: " + sparkRight);
        assertNoAccessibilityViolations();
        screenshot("dashboard-390.png");
        assertNoConsoleErrors();
    }

    @Test
    void theDrillDownIsScrolledIntoViewWithTheSiteChartsFontSizes() {
        showReports(1280);
        browser.driver().findElement(By.cssSelector("#top-list tr[data-article-id='" + BUDGET + "'] .title button")).click();
        browser.await(driver -> driver.findElement(By.id("article")).isDisplayed()
                && !driver.findElements(By.cssSelector("#article-chart svg")).isEmpty());
        Map<?, ?> place = (Map<?, ?>) browser.script("var r = document.getElementById('article').getBoundingClientRect();"
                + " return {top: r.top, scrolled: window.scrollY, end: document.documentElement.scrollHeight - window.innerHeight};");
        double top = ((Number) place.get("top")).doubleValue();
        boolean atTheEnd = Math.abs(((Number) place.get("scrolled")).doubleValue() - ((Number) place.get("end")).doubleValue()) <= 1;
        assertTrue(((Number) place.get("scrolled")).doubleValue() > 0, "the page scrolled: " + place);
        assertTrue(top >= -1 && (top < 100 || atTheEnd), "the drill-down's top is in view, at the top or as near as the page allows: " + place);
        assertEquals(Boolean.TRUE, browser.script("return document.activeElement === document.getElementById('article')"));
        assertEquals("https://news.example/politics/" + BUDGET,
                browser.driver().findElement(By.cssSelector("#article-title a")).getAttribute("href"), "the title links to the article");
        String fontSizes = "return Array.from(document.querySelectorAll(arguments[0] + ' svg text')).map(function (t) {"
                + " return Math.round(t.getBoundingClientRect().height); }).filter(function (v, i, a) { return a.indexOf(v) === i; }).join(',')";
        assertEquals(browser.script(fontSizes, "#reads-chart"), browser.script(fontSizes, "#article-chart"),
                "the same rendered text height in both charts");
        assertChartTextInsideItsSvg();
        assertNoHorizontalOverflow();
    }

    @Test
    void aCustomRangeIsKeptInTheAddressButNeverTheKey() {
        showReports(1280);
        String weekAgo = java.time.LocalDate.now(ZoneOffset.UTC).minusDays(7).toString();
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("range"))).selectByValue("custom");
        browser.script("document.getElementById('from').value = arguments[0]; document.getElementById('to').value = arguments[0];", weekAgo);
        browser.driver().findElement(By.id("load")).click();
        browser.await(driver -> "6".equals(driver.findElement(By.id("total-views")).getText()));
        String address = browser.driver().getCurrentUrl();
        assertTrue(address.contains("range=custom") && address.contains("from=" + weekAgo) && address.contains("to=" + weekAgo), address);
        assertFalse(address.contains(key.substring(key.lastIndexOf('.') + 1)), address);

        browser.open(address);
        browser.await(driver -> "6".equals(driver.findElement(By.id("total-views")).getText()));
        assertEquals("custom", browser.driver().findElement(By.id("range")).getAttribute("value"), "the bookmark opens the same view");
    }

    @Test
    void theKeyIsRememberedUntilForgotten() {
        showReports(1280);
        open(DASHBOARD + "?site=" + COMPARE_SITE);
        browser.await(driver -> "7".equals(driver.findElement(By.id("total-views")).getText()));
        assertTrue(browser.driver().findElement(By.id("forget-key")).isDisplayed());
        browser.driver().findElement(By.id("forget-key")).click();
        assertEquals(null, browser.script("return localStorage.getItem('readpulse.key')"));
        assertFalse(browser.driver().findElement(By.id("reports")).isDisplayed());
        open(DASHBOARD + "?site=" + COMPARE_SITE);
        sleep(500);
        assertFalse(browser.driver().findElement(By.id("reports")).isDisplayed(), "forgotten: the page asks for a key again");
    }

    @Test
    void aShareLinkOpensTheDashboardWithoutAKeyAndLeavesTheAddress() {
        String url = lastLine(local.admin("link", "create", COMPARE_SITE, "--expires", "30d", "--label", "board",
                "--dashboard", local.baseUrl() + "/dashboard/"));
        String token = url.substring(url.indexOf("#token=") + 7);
        freshBrowserState();
        browser.open(url);
        browser.await(driver -> "7".equals(driver.findElement(By.id("total-views")).getText()));
        assertFalse(browser.driver().getCurrentUrl().contains("token"), "the token is taken out of the address: " + browser.driver().getCurrentUrl());
        assertFalse(browser.driver().findElement(By.id("api-key")).isDisplayed(), "no key to type");
        assertTrue(text("#key-remembered-text").contains("share link"), text("#key-remembered-text"));
        assertEquals(null, browser.script("return localStorage.getItem('readpulse.key')"), "a link is not kept as a key");
        assertFalse(browser.driver().getPageSource().contains(token.substring(token.lastIndexOf('.') + 1)));
    }

    @Test
    void aRevokedOrExpiredLinkShowsAClearError() {
        String revoked = lastLine(local.admin("link", "create", COMPARE_SITE, "--expires", "30d", "--dashboard", local.baseUrl() + "/dashboard/"));
        String linkId = revoked.substring(revoked.indexOf("#token=") + 7).split("\\.")[2];
        local.admin("link", "revoke", COMPARE_SITE, linkId);
        freshBrowserState();
        browser.open(revoked);
        assertTrue(awaitError().contains("This share link was revoked"), text("#error"));
        assertFalse(browser.driver().findElement(By.id("reports")).isDisplayed());

        Instant past = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        String token = ShareLinkFormat.newToken(COMPARE_SITE, past, new SecureRandom());
        new DynamoShareLinkStore(local.dynamo(), local.table()).create(new ShareLink(COMPARE_SITE, token.split("\\.")[2], "expired",
                ShareLinkFormat.hash(token), past.minus(Duration.ofDays(30)), past, null));
        freshBrowserState();
        browser.open(local.baseUrl() + "/dashboard/?site=" + COMPARE_SITE + "#token=" + token);
        assertTrue(awaitError().contains("This share link has expired"), text("#error"));
        assertFalse(browser.driver().findElement(By.id("reports")).isDisplayed());
    }

    // --- helpers -------------------------------------------------------------------------------

    private void showReports(int width) {
        freshBrowserState();
        setWidth(width);
        open(DASHBOARD + "?site=" + COMPARE_SITE);
        browser.driver().findElement(By.id("api-key")).sendKeys(key);
        browser.driver().findElement(By.id("load")).click();
        browser.await(driver -> driver.findElements(By.cssSelector("#top-list tbody tr")).size() == 2
                && !driver.findElements(By.cssSelector("#referrer-classes li")).isEmpty());
    }

    private void freshBrowserState() {
        open(DASHBOARD);
        browser.script("localStorage.clear(); sessionStorage.clear();");
        browser.open("about:blank");
    }

    private void setWidth(int width) {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    private void assertNoHorizontalOverflow() {
        Map<?, ?> sizes = (Map<?, ?>) browser.script("return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth}");
        long scroll = ((Number) sizes.get("scroll")).longValue();
        long inner = ((Number) sizes.get("inner")).longValue();
        assertTrue(scroll <= inner, "the page is " + scroll + " px wide in a " + inner + " px window");
    }

    private void assertChartTextInsideItsSvg() {
        Object outside = browser.script("var out = [];"
                + "document.querySelectorAll('.chart svg').forEach(function (svg) {"
                + "  var box = svg.getBoundingClientRect();"
                + "  svg.querySelectorAll('text').forEach(function (t) {"
                + "    var r = t.getBoundingClientRect();"
                + "    if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {"
                + "      out.push(svg.parentNode.id + ': ' + t.textContent + ' ' + r.left + '-' + r.right + ' in ' + box.left + '-' + box.right);"
                + "    }"
                + "  });"
                + "});"
                + "return out.join('; ');");
        assertEquals("", outside, "chart text outside its SVG");
    }

    /**
     * The "reading now" count and the per-minute chart of the last 30 minutes, from the aggregator's
     * active-reader items: the seven readers of a minute ago, in one minute, and a table of the 30
     * minutes' readers and views for screen readers.
     */
    private void assertNowChart() {
        WebElement svg = browser.await(driver -> driver.findElements(By.cssSelector("#now-chart svg")).stream().findFirst().orElse(null));
        String[] values = svg.getAttribute("data-values").split(",");
        assertEquals(30, values.length, "a point per minute of the last 30");
        assertEquals(7, java.util.Arrays.stream(values).mapToLong(Long::parseLong).sum(), "the seven readers of a minute ago: " + String.join(",", values));
        assertEquals("7", text("#now-total"));
        assertTrue(svg.getAttribute("aria-label").startsWith("Readers per minute, last 30 minutes: "), svg.getAttribute("aria-label"));
        assertEquals(30, browser.driver().findElements(By.cssSelector("#now-chart table.chart-data tbody tr")).size());
        assertEquals(List.of("Time", "Readers", "Views"), browser.driver().findElements(By.cssSelector("#now-chart table.chart-data thead th"))
                .stream().map(th -> th.getAttribute("textContent")).toList());
        Number right = (Number) browser.script("return document.querySelector('#now-chart svg').getBoundingClientRect().right");
        assertTrue(right.doubleValue() <= ((Number) browser.script("return window.innerWidth")).doubleValue(), "the chart fits the screen: " + right);
    }

    private void assertChange(String selector, String kind, String arrow, String previous) {
        WebElement badge = browser.driver().findElement(By.cssSelector(selector));
        assertTrue(badge.getAttribute("class").contains(kind), badge.getAttribute("class"));
        assertEquals(arrow, badge.findElement(By.cssSelector(".arrow")).getText());
        assertEquals(previous, badge.getAttribute("data-previous"));
        assertEquals("Previous period: " + previous, badge.getAttribute("title"));
    }

    /** axe-core, from node_modules (npm ci), run in the page: no serious or critical violation. */
    private void assertNoAccessibilityViolations() {
        Path axe = Fixtures.repositoryRoot().resolve("node_modules/axe-core/axe.min.js");
        try {
            browser.script(Files.readString(axe));
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is installed by npm ci: " + axe, e);
        }
        Object found = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                + "axe.run(document, { resultTypes: ['violations'] }).then(function (results) {"
                + "  done(results.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
                + "    .map(function (v) { return v.id + ' (' + v.impact + '): ' + v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); })"
                + "    .join('\\n'));"
                + "}).catch(function (e) { done('axe failed: ' + e); });");
        assertEquals("", found, "axe-core's serious or critical violations");
    }

    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Number height = (Number) browser.script("return document.documentElement.scrollHeight");
            Number width = (Number) browser.script("return window.innerWidth");
            Map<String, Object> shot = ((ChromeDriver) browser.driver()).executeCdpCommand("Page.captureScreenshot", Map.of(
                    "format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            Files.write(SCREENSHOTS.resolve(name), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String awaitError() {
        return browser.await(driver -> {
            WebElement error = driver.findElement(By.id("error"));
            return error.isDisplayed() ? error.getText() : null;
        });
    }

    private String text(String selector) {
        return browser.driver().findElement(By.cssSelector(selector)).getText();
    }

    /** {@code readers} readers, numbered from {@code firstReader}, view the article at {@code at}, through Collect. */
    private void send(Instant at, String article, int firstReader, int readers) {
        CollectHandler collect = new CollectHandler(CollectHandler.wire(local.functionEnvironment(), local.dynamo()),
                Clock.fixed(at, ZoneId.of("UTC")));
        for (int reader = firstReader; reader < firstReader + readers; reader++) {
            String title = article.equals(BUDGET) ? LONG_TITLE : "Rail strike called off";
            String body = "{\"site\":\"" + COMPARE_SITE + "\",\"type\":\"view\",\"referrer\":\"https://www.google.com/\",\"article\":{\"id\":\""
                    + article + "\",\"url\":\"https://news.example/politics/" + article + "\",\"section\":\"Geopolitics & Foreign Policy\","
                    + "\"title\":\"" + title + "\",\"publishedAt\":\"2026-01-01T06:00:00Z\"}}";
            ObjectNode event = Fixtures.asVisitor(Fixtures.collectEvent(body), "198.51.100." + (10 + reader),
                    "Mozilla/5.0 (X11; Linux x86_64) layout-reader-" + reader);
            io.readpulse.http.HttpApiResponse response = collect.handle(event);
            assertEquals(202, response.statusCode(), response.body());
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.trim().split("\n");
        return lines[lines.length - 1].trim();
    }
}
