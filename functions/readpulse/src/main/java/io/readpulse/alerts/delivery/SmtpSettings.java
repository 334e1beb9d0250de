package io.readpulse.alerts.delivery;

import io.readpulse.alerts.EmailAddresses;
import java.util.Locale;
import java.util.Set;

/**
 * Where e-mail goes out: an SMTP server (Amazon SES's SMTP interface in production), the sender's
 * address, and the credentials. TLS is required (STARTTLS, the server's certificate verified against
 * {@code host}) unless the server is on this machine: plain SMTP only to localhost, as webhooks
 * allow {@code http://localhost}.
 *
 * @param username null to send without AUTH (a local server)
 * @param password a secret: never logged, never printed; {@link #toString()} hides it
 */
public record SmtpSettings(String host, int port, String from, boolean requireTls, String username, String password) {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1");

    public SmtpSettings {
        host = host.toLowerCase(Locale.ROOT);
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("SMTP port " + port + " is not a port");
        }
        from = EmailAddresses.check(from, 1);
        if (!requireTls && !LOOPBACK.contains(host)) {
            throw new IllegalArgumentException("SMTP without TLS is allowed only to localhost, not to " + host);
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("SMTP credentials need both a user name and a password");
        }
    }

    public boolean authenticates() {
        return username != null;
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", from " + from + (requireTls ? ", STARTTLS required" : ", plain (loopback)")
                + (authenticates() ? ", AUTH as " + username + " with a password" : ", no AUTH") + "]";
    }
}
