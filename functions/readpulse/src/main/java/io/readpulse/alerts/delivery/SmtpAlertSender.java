package io.readpulse.alerts.delivery;

import io.readpulse.alerts.Alert;
import io.readpulse.alerts.AlertSender;
import io.readpulse.alerts.Delivery;
import io.readpulse.alerts.Destination;
import io.readpulse.alerts.EmailMessage;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends alerts and digests as multipart/alternative e-mail (text and HTML) over SMTP with Eclipse
 * Angus Mail: EHLO, STARTTLS (required, the certificate checked against the host name) unless the
 * server is on loopback, AUTH with the settings' credentials, one message to the destination's
 * addresses. Tried as webhooks are ({@link DeliveryPolicy}): a 5xx answer or a failed AUTH is final,
 * a timeout, a broken connection or a 4xx is retried. Failures name the server, never the credentials.
 */
public final class SmtpAlertSender implements AlertSender {
    /** The header that carries the alert's id: the same on every retry, so a mailbox rule can drop repeats. */
    public static final String ALERT_ID_HEADER = "X-Readpulse-Alert-Id";

    private final SmtpSettings settings;
    private final DeliveryPolicy policy;
    private final SSLSocketFactory tls;
    private final HttpAlertSender.Sleeper sleeper;

    public SmtpAlertSender(SmtpSettings settings, DeliveryPolicy policy) {
        this(settings, policy, (SSLSocketFactory) SSLSocketFactory.getDefault(), pause -> Thread.sleep(pause.toMillis()));
    }

    /** @param tls whose trust managers judge the server's certificate; tests pass one that trusts their own */
    public SmtpAlertSender(SmtpSettings settings, DeliveryPolicy policy, SSLSocketFactory tls, HttpAlertSender.Sleeper sleeper) {
        this.settings = settings;
        this.policy = policy;
        this.tls = tls;
        this.sleeper = sleeper;
    }

    @Override
    public Delivery send(Destination destination, Alert alert) {
        int attempt = 0;
        while (true) {
            attempt++;
            Failure failure = attempt(destination, alert);
            if (failure == null) {
                return Delivery.delivered(attempt);
            }
            if (failure.isFinal() || attempt > policy.backoff().size()) {
                return Delivery.failed(attempt, failure.code(), failure.detail());
            }
            try {
                sleeper.sleep(policy.backoff().get(attempt - 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Delivery.failed(attempt, failure.code(), failure.detail());
            }
        }
    }

    private record Failure(String code, String detail, boolean isFinal) {
    }

    private Failure attempt(Destination destination, Alert alert) {
        Session session = Session.getInstance(properties());
        try {
            MimeMessage message = message(session, destination.emailAddresses(), alert);
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
                transport.sendMessage(message, message.getAllRecipients());
            }
            return null;
        } catch (AuthenticationFailedException e) {
            return new Failure("smtp_auth_failed", settings.host() + " refused the SMTP credentials", true);
        } catch (SMTPSendFailedException | SMTPAddressFailedException e) {
            int code = e instanceof SMTPSendFailedException sent ? sent.getReturnCode() : ((SMTPAddressFailedException) e).getReturnCode();
            return new Failure("smtp_refused", settings.host() + " answered " + code, code >= 500);
        } catch (SendFailedException e) {
            return new Failure("smtp_refused", settings.host() + " refused the message: " + oneLine(e.getMessage()), true);
        } catch (MessagingException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            if (cause instanceof SocketTimeoutException) {
                return new Failure("timeout", settings.host() + " did not answer within " + policy.deadline().toMillis() + " ms", false);
            }
            if (cause instanceof ConnectException) {
                return new Failure("connect_failed", "could not connect to " + settings.host() + ":" + settings.port(), false);
            }
            return new Failure("smtp_failed", "SMTP with " + settings.host() + " failed: " + oneLine(e.getMessage()), false);
        }
    }

    private Properties properties() {
        Properties properties = new Properties();
        String timeout = Long.toString(policy.deadline().toMillis());
        properties.put("mail.smtp.connectiontimeout", Long.toString(policy.connectTimeout().toMillis()));
        properties.put("mail.smtp.timeout", timeout);
        properties.put("mail.smtp.writetimeout", timeout);
        properties.put("mail.smtp.auth", Boolean.toString(settings.authenticates()));
        // Plain text AUTH only after STARTTLS, unless the server is on loopback (SmtpSettings allows nothing else).
        properties.put("mail.smtp.starttls.enable", Boolean.toString(settings.requireTls()));
        properties.put("mail.smtp.starttls.required", Boolean.toString(settings.requireTls()));
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        properties.put("mail.smtp.ssl.socketFactory", tls);
        properties.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
        // The EHLO name: Lambda's own host name is nobody's business, and looking it up costs time.
        properties.put("mail.smtp.localhost", "readpulse.invalid");
        properties.put("mail.smtp.from", settings.from());
        return properties;
    }

    private MimeMessage message(Session session, List<String> to, Alert alert) throws MessagingException {
        EmailMessage email = EmailMessage.render(alert);
        MimeMessage message = new MimeMessage(session);
        try {
            message.setFrom(new InternetAddress(settings.from(), "Readpulse", "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is part of every JDK", e);
        }
        InternetAddress[] recipients = new InternetAddress[to.size()];
        for (int i = 0; i < to.size(); i++) {
            recipients[i] = new InternetAddress(to.get(i), true);
        }
        message.setRecipients(Message.RecipientType.TO, recipients);
        message.setSubject(email.subject(), "UTF-8");
        message.setSentDate(Date.from(alert.at()));
        message.setHeader(ALERT_ID_HEADER, alert.idempotencyKey());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.html(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\p{Cntrl}]+", " ").strip();
    }
}
