package io.readpulse.testkit;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for one host name, made with the JDK's keytool: a test server presents
 * it ({@link #serverContext()}) and the client under test trusts it and nothing else
 * ({@link #trustingIt()}), so a test of TLS needs no CA and trusts nothing outside itself.
 */
public final class SelfSignedCertificate {
    private static final String PASSWORD = "test-only";
    private static final String ALIAS = "server";

    private final KeyStore keys;

    private SelfSignedCertificate(KeyStore keys) {
        this.keys = keys;
    }

    /** A certificate (EC, valid two days) for {@code host} only, its key store written to {@code dir}. */
    public static SelfSignedCertificate forHost(String host, Path dir) {
        try {
            Path store = dir.resolve(host + ".p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + host,
                    "-ext", "san=dns:" + host, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            return new SelfSignedCertificate(keys);
        } catch (Exception e) {
            throw new IllegalStateException("could not make a certificate for " + host, e);
        }
    }

    /** TLS for a server that presents this certificate. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trusts this certificate only. */
    public SSLSocketFactory trustingIt() {
        try {
            return trustingOnly(keys.getCertificate(ALIAS));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client's TLS that trusts this one certificate and nothing else: not the JDK's CAs either. */
    public static SSLSocketFactory trustingOnly(Certificate certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("trusted", certificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
