package io.readpulse.local.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness itself: it reaches the runner and sees what a page logs, so "no console errors" means something. */
class ChromiumHarnessIT extends BrowserTest {

    @Test
    void theBrowserReachesTheRunnersApi() {
        open("/v1/no-such-route");
        assertTrue(browser.driver().getPageSource().contains("Not Found"), browser.driver().getPageSource());
    }

    @Test
    void uncaughtErrorsConsoleErrorsAndFailedLoadsAreAllCaptured() {
        browser.open("data:text/html,<script>console.error('logged on purpose');</script>"
                + "<script>throw new Error('thrown on purpose')</script>");
        List<String> errors = browser.consoleErrors();
        assertTrue(errors.stream().anyMatch(error -> error.contains("logged on purpose")), errors.toString());
        assertTrue(errors.stream().anyMatch(error -> error.contains("thrown on purpose")), errors.toString());

        browser.clearConsole();
        open("/no-such-file.js");
        assertTrue(browser.consoleErrors().stream().anyMatch(error -> error.contains("404")), browser.consoleErrors().toString());

        browser.clearConsole();
        browser.open("data:text/html,<p>quiet</p>");
        assertEquals(List.of(), browser.consoleErrors());
    }
}
