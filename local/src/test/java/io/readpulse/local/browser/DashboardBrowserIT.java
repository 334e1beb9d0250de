package io.readpulse.local.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * web/dashboard/ in headless Chromium against the local runner: an editor types the site and a key
 * made with the admin command, and sees the reads chart, the top list with its figures, the "now"
 * panel and an article's drill-down; a wrong key or another site's key shows an error instead.
 *
 * <p>The traffic, sent to the runner's real {@code POST /v1/events} today, each reader from a loopback
 * address of its own (see {@link LoopbackClient}): first-class-result is
 * read by 5 readers, budget-vote by 3, rail-strike by 1 (nine reads in all), and one reader shares
 * first-class-result on WhatsApp.
 */
class DashboardBrowserIT extends BrowserTest {
    static final String DASHBOARD = "/dashboard/index.html";
    static final List<String> ARTICLES = List.of("first-class-result", "budget-vote", "rail-strike");
    static final List<Integer> READERS = List.of(5, 3, 1);

    String key;
    String otherSitesKey;

    @BeforeAll
    void keysAndTraffic() {
        key = lastLine(local.admin("key", "create", SITE, "--label", "browser test"));
        local.admin("site", "create", "other-news", "--name", "Other News", "--domain", "other.example");
        otherSitesKey = lastLine(local.admin("key", "create", "other-news"));
        for (int article = 0; article < ARTICLES.size(); article++) {
            for (int reader = 0; reader < READERS.get(article); reader++) {
                send(reader, "{\"site\":\"demo-news\",\"type\":\"view\",\"referrer\":\"https://www.google.com/\",\"article\":"
                        + article(ARTICLES.get(article), true) + "}");
            }
        }
        send(0, "{\"site\":\"demo-news\",\"type\":\"share\",\"network\":\"whatsapp\",\"article\":" + article(ARTICLES.get(0), false) + "}");
        drainStream();
    }

    @Test
    void anEditorSeesTheReadsChartAndTheTopListWithTheRightFigures() {
        signIn(SITE, key);
        WebDriver page = browser.driver();
        browser.await(driver -> driver.findElements(By.cssSelector("#top-list tbody tr")).size() == 3);

        List<WebElement> rows = page.findElements(By.cssSelector("#top-list tbody tr"));
        assertEquals(ARTICLES, rows.stream().map(row -> row.getAttribute("data-article-id")).toList());
        assertEquals(List.of("5", "3", "1"), rows.stream().map(row -> row.findElement(By.cssSelector(".views .value")).getText()).toList());
        assertEquals(List.of("5", "3", "1"), rows.stream().map(row -> row.findElement(By.cssSelector(".reads .value")).getText()).toList());
        assertEquals(List.of("1", "0", "0"), rows.stream().map(row -> row.findElement(By.cssSelector(".shares .value")).getText()).toList());
        assertEquals("Result of the first-class-result story", rows.get(0).findElement(By.cssSelector(".title button")).getText());
        for (WebElement row : rows) {
            String sparkline = row.findElement(By.cssSelector(".trend svg")).getAttribute("data-values");
            assertEquals(7, sparkline.split(",").length, "a point per day of the last 7: " + sparkline);
        }
        assertTrue(rows.get(0).findElement(By.cssSelector(".trend svg")).getAttribute("data-values").endsWith(",5"));

        String chart = page.findElement(By.cssSelector("#reads-chart svg")).getAttribute("data-values");
        assertTrue(chart.matches("(0,){6}9"), "six quiet days, then today's nine reads: " + chart);
        assertEquals(7, page.findElements(By.cssSelector("#reads-chart svg circle.point")).size());
        assertEquals("9", page.findElement(By.id("total-reads")).getText());
        assertEquals("5", page.findElement(By.id("now-total")).getText(), "five distinct readers in the last five minutes");
        assertTrue(page.findElement(By.id("error")).getAttribute("hidden") != null);
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void clickingAnArticleShowsItsChartSharesAndReferrers() {
        signIn(SITE, key);
        browser.await(driver -> driver.findElements(By.cssSelector("#top-list tbody tr")).size() == 3);
        browser.driver().findElement(By.cssSelector("#top-list tr[data-article-id='first-class-result'] .title button")).click();
        browser.await(driver -> driver.findElement(By.id("article")).isDisplayed());

        WebDriver page = browser.driver();
        assertEquals("Result of the first-class-result story", page.findElement(By.id("article-title")).getText());
        assertTrue(page.findElement(By.cssSelector("#article-chart svg")).getAttribute("data-values").endsWith(",5"));
        assertEquals("1", page.findElement(By.cssSelector("#article-shares li[data-name='whatsapp'] .value")).getText());
        assertEquals("5", page.findElement(By.cssSelector("#article-referrers li[data-name='search'] .value")).getText());
        assertEquals("5", page.findElement(By.cssSelector("#article-hosts li[data-name='google.com'] .value")).getText());
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void aWrongKeyShowsAnErrorNotAnEmptyPage() {
        signIn(SITE, key.substring(0, key.length() - 3) + "xyz");
        WebElement error = browser.await(driver -> {
            WebElement shown = driver.findElement(By.id("error"));
            return shown.isDisplayed() ? shown : null;
        });
        assertTrue(error.getText().contains("The API key was not accepted"), error.getText());
        assertFalse(browser.driver().findElement(By.id("reports")).isDisplayed(), "no empty report panels");
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void anotherSitesKeyShowsWhichSiteItIsFor() {
        signIn(SITE, otherSitesKey);
        WebElement error = browser.await(driver -> {
            WebElement shown = driver.findElement(By.id("error"));
            return shown.isDisplayed() ? shown : null;
        });
        assertTrue(error.getText().contains("another site") && error.getText().contains("other-news"), error.getText());
        assertFalse(browser.driver().findElement(By.id("reports")).isDisplayed());
    }

    private void signIn(String site, String apiKey) {
        open(DASHBOARD);
        WebDriver page = browser.driver();
        page.findElement(By.id("site")).clear();
        page.findElement(By.id("site")).sendKeys(site);
        page.findElement(By.id("api-key")).sendKeys(apiKey);
        page.findElement(By.id("load")).click();
    }

    /**
     * One reader's event, from an address of its own: a visitor is an address and a browser class,
     * so readers told apart by their user agents alone, from one address, could count as one.
     */
    private void send(int reader, String body) {
        LoopbackClient.Response response = LoopbackClient.post(local.baseUrl() + "/v1/events", LoopbackClient.readerAddress(reader),
                Map.of("content-type", "application/json", "user-agent", "Mozilla/5.0 (X11; Linux x86_64) dashboard-reader-" + reader),
                body);
        assertEquals(202, response.status(), response.body());
    }

    private String article(String id, boolean withTitle) {
        return "{\"id\":\"" + id + "\",\"url\":\"" + local.baseUrl() + "/demo/world/" + id + ".html\",\"section\":\"World\""
                + (withTitle ? ",\"title\":\"Result of the " + id + " story\",\"publishedAt\":\"2026-01-01T06:00:00Z\"" : "") + "}";
    }

    private static String lastLine(String output) {
        String[] lines = output.trim().split("\n");
        return lines[lines.length - 1].trim();
    }
}
