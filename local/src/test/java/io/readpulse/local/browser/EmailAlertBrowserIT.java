package io.readpulse.local.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.alerts.Alert;
import io.readpulse.alerts.Delivery;
import io.readpulse.alerts.Destination;
import io.readpulse.alerts.Trigger;
import io.readpulse.alerts.delivery.DeliveryPolicy;
import io.readpulse.alerts.delivery.SmtpAlertSender;
import io.readpulse.alerts.delivery.SmtpSettings;
import io.readpulse.testkit.SmtpReceiver;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * An e-mail alert as a mail client shows it: sent over SMTP to a real server (python3-aiosmtpd),
 * its HTML part taken from the message as received and rendered in headless Chromium. A hostile
 * title and referring host show as text: no script runs, no image loads, the only link is the
 * article's. Saves target/screenshots/email-alert.png. Skipped, saying why, without Chromium or
 * python3-aiosmtpd.
 */
@EnabledIfChromium
class EmailAlertBrowserIT {
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    static final String TITLE = "Storm <script>window.__pwned = 1</script> closes <img src=x onerror=\"window.__pwned = 2\"> the bridge & ferries";
    static final String HOST = "evil.example\"><a href=\"https://evil.example\">click</a>";

    @Test
    void theHtmlPartRendersEveryHostileTextAsTextAndOneLink(@TempDir Path dir) throws Exception {
        String missing = SmtpReceiver.available();
        if (missing != null) {
            System.out.println("[readpulse] " + missing + ": EmailAlertBrowserIT is skipped");
        }
        Assumptions.assumeTrue(missing == null, missing);
        Instant at = Instant.parse("2026-11-24T10:42:00Z");
        Alert alert = new Alert("demo-news", Trigger.RISING, "rising#1h#storm", "5f1c0e7a9b2d4c11a0e3b6f8d2c4e9a1", at, "Rising: " + TITLE,
                "Rising on Demo News over the last hour, rank 1.", "https://news.example/local/storm-bridge",
                List.of(new Alert.Fact("Growth", "3.1× its usual 10:00–11:00 UTC (that hour on the 7 days before)"),
                        new Alert.Fact("Significance", "4.7 (3.0 or more counts as rising)"),
                        new Alert.Fact("Rank", "1 in the site's rising list (1h)"),
                        new Alert.Fact("Section", "Local"),
                        new Alert.Fact("By", "Ana Ribeiro, <b>Tom</b> Okafor"),
                        new Alert.Fact("Reads today", "1,204"),
                        new Alert.Fact("Readers from", "social 48%, search 31%, direct 21%"),
                        new Alert.Fact("Top referring hosts", "t.co, www.google.com, " + HOST)),
                Map.of());
        Destination desk = new Destination("demo-news", "0a1b2c3d", Destination.Kind.EMAIL, URI.create("mailto:desk@news.example"), null,
                Set.of(Trigger.RISING), 1, null, ZoneOffset.UTC, null, at, 0, 0, null, null);
        String html;
        try (SmtpReceiver smtp = SmtpReceiver.plain(dir, "readpulse", "local-password")) {
            SmtpSettings settings = new SmtpSettings("localhost", smtp.port(), "alerts@readpulse.example", false, "readpulse", "local-password");
            Delivery delivery = new SmtpAlertSender(settings, new DeliveryPolicy(true, Duration.ofSeconds(1), Duration.ofSeconds(3), List.of()),
                    (SSLSocketFactory) SSLSocketFactory.getDefault(), pause -> { }).send(desk, alert);
            assertTrue(delivery.delivered(), delivery.describe());
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(smtp.await(1, Duration.ofSeconds(5)).get(0).raw()));
            html = (String) ((MimeMultipart) message.getContent()).getBodyPart(1).getContent();
        }
        Path page = Files.writeString(dir.resolve("email-alert.html"), html);
        try (Chromium browser = Chromium.launch()) {
            browser.open(page.toUri().toString());
            assertEquals("Rising: " + TITLE, browser.script("return document.querySelector('h1').textContent"));
            assertNull(browser.script("return window.__pwned === undefined ? null : window.__pwned"), "no script of the title ran");
            assertEquals(0L, browser.script("return document.querySelectorAll('script, img, iframe, object, embed, form').length"));
            assertEquals(List.of("https://news.example/local/storm-bridge"),
                    browser.script("return Array.from(document.querySelectorAll('a')).map(a => a.href)"));
            assertTrue(((String) browser.script("return document.body.innerText")).contains(HOST), "the hostile host is shown as text");
            assertTrue(((String) browser.script("return document.body.innerText")).contains("Ana Ribeiro, <b>Tom</b> Okafor"));
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve("email-alert.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
