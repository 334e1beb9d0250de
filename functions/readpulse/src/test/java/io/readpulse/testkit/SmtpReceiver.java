package io.readpulse.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;

/**
 * A real SMTP server: Debian's python3-aiosmtpd running src/test/resources/smtp/receiver.py on
 * 127.0.0.1, with AUTH for one user and, when asked, STARTTLS (then required) with a self-signed
 * certificate for one host name, made with openssl. Each message it accepts is kept as it arrived.
 * Tests call {@link #available()} first and skip, with its message, where the package is missing.
 */
public final class SmtpReceiver implements AutoCloseable {
    public static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path dir;
    private final SSLSocketFactory trust;

    /** One message as the server received it. */
    public record Received(byte[] raw, String mailFrom, List<String> rcptTos, String authUser, boolean tls) {
    }

    private SmtpReceiver(Process process, int port, Path dir, SSLSocketFactory trust) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.trust = trust;
    }

    /** Null when the server can run here, or why it cannot. */
    public static String available() {
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import aiosmtpd").redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return probe.waitFor() == 0 ? null : "python3-aiosmtpd is not installed (apt-get install -y python3-aiosmtpd): " + output.strip();
        } catch (IOException | InterruptedException e) {
            return "no " + PYTHON + ": " + e.getMessage();
        }
    }

    /** Plain SMTP with AUTH, as a developer's local server is. */
    public static SmtpReceiver plain(Path dir, String user, String password) {
        return start(dir, user, password, null);
    }

    /** STARTTLS required before AUTH, with a certificate for {@code host} only, as SES is. */
    public static SmtpReceiver startTls(Path dir, String user, String password, String host) {
        return start(dir, user, password, host);
    }

    private static SmtpReceiver start(Path dir, String user, String password, String tlsHost) {
        try {
            Path out = Files.createDirectories(dir.resolve("smtp-received"));
            Path script = dir.resolve("receiver.py");
            try (InputStream in = SmtpReceiver.class.getResourceAsStream("/smtp/receiver.py")) {
                Files.write(script, in.readAllBytes());
            }
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), Integer.toString(port), out.toString()));
            SSLSocketFactory trust = null;
            if (tlsHost != null) {
                Path cert = dir.resolve("smtp-cert.pem");
                Path key = dir.resolve("smtp-key.pem");
                Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=" + tlsHost, "-addext", "subjectAltName=DNS:" + tlsHost,
                        "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
                String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (openssl.waitFor() != 0) {
                    throw new IllegalStateException("openssl failed: " + output);
                }
                command.add(cert.toString());
                command.add(key.toString());
                trust = trusting(cert);
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("SMTP_TEST_USER", user);
            builder.environment().put("SMTP_TEST_PASSWORD", password);
            Process process = builder.start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = lines.readLine();
            if (line == null || !line.equals("ready")) {
                process.destroyForcibly();
                throw new IllegalStateException("the SMTP server did not start: " + line);
            }
            Thread drain = new Thread(() -> lines.lines().forEach(l -> { }), "smtp-receiver-output");
            drain.setDaemon(true);
            drain.start();
            return new SmtpReceiver(process, port, out, trust);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the SMTP server", e);
        }
    }

    private static SSLSocketFactory trusting(Path certificate) throws Exception {
        try (InputStream in = Files.newInputStream(certificate)) {
            return SelfSignedCertificate.trustingOnly(CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
    }

    public int port() {
        return port;
    }

    /** Trusts this server's certificate only; null for a plain server. */
    public SSLSocketFactory trustingIt() {
        return trust;
    }

    /** Every message received so far, in order. */
    public List<Received> received() {
        List<Received> messages = new ArrayList<>();
        for (int n = 1; Files.exists(dir.resolve(n + ".json")); n++) {
            try {
                JsonNode meta = MAPPER.readTree(dir.resolve(n + ".json").toFile());
                List<String> to = new ArrayList<>();
                meta.get("rcptTos").forEach(address -> to.add(address.asText()));
                messages.add(new Received(Files.readAllBytes(dir.resolve(n + ".eml")), meta.get("mailFrom").asText(), to,
                        meta.get("authUser").isNull() ? null : meta.get("authUser").asText(), meta.get("tls").asBoolean()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return messages;
    }

    /** The AUTH attempts: each mechanism and whether the credentials were right. */
    public JsonNode authAttempts() throws IOException {
        Path auth = dir.resolve("auth.json");
        return Files.exists(auth) ? MAPPER.readTree(auth.toFile()) : MAPPER.createArrayNode();
    }

    /** Waits up to {@code timeout} for {@code count} messages. */
    public List<Received> await(int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (received().size() < count && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return received();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
