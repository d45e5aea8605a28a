package dev.incidentkit.notify.email;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1} (or other names), made once per test JVM by
 * the JDK's keytool (no network): the server side of the TLS tests, and a client context that
 * trusts it and nothing else.
 */
final class SelfSignedCertificate {

    private static final char[] PASSWORD = "test-only".toCharArray();
    private static final java.util.Map<String, SelfSignedCertificate> MADE = new java.util.HashMap<>();

    private final SSLContext server;
    private final SSLContext client;

    private SelfSignedCertificate(KeyStore keys) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);

        Certificate cert = keys.getCertificate("smtp");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try {
            trust.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        trust.setCertificateEntry("smtp", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
    }

    /** @return the certificate for {@code localhost} and {@code 127.0.0.1} */
    static SelfSignedCertificate get() throws Exception {
        return get("dns:localhost,ip:127.0.0.1");
    }

    /** @param names the subject alternative names, in keytool's form ({@code dns:x,ip:y}) */
    static synchronized SelfSignedCertificate get(String names) throws Exception {
        SelfSignedCertificate instance = MADE.get(names);
        if (instance == null) {
            Path dir = Files.createTempDirectory("incidentkit-email-tls");
            Path store = dir.resolve("smtp.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "smtp", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=" + names,
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD);
            }
            instance = new SelfSignedCertificate(keys);
            MADE.put(names, instance);
            Files.delete(store);
            Files.delete(dir);
        }
        return instance;
    }

    /** @return a server context that presents the certificate */
    SSLContext server() {
        return server;
    }

    /** @return a client context that trusts the certificate, and nothing else */
    SSLContext client() {
        return client;
    }
}
