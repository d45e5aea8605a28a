package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("TLS: with a keystore, the server speaks HTTPS only")
class TlsTest {

    static final String KEYSTORE_PASSWORD = "changeit";

    /** @return a new PKCS12 keystore in {@code dir} with a self-signed certificate for 127.0.0.1 */
    static Path keystore(Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD).redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        return keystore;
    }

    /** @return a TLS context that trusts the certificate of the keystore */
    static SSLContext trusting(Path keystore, char[] password) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trust.load(in, password);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }

    @Test
    @DisplayName("a client that trusts the server's certificate gets the API over HTTPS")
    void https(@TempDir Path dir) throws Exception {
        Path keystore = keystore(dir);
        char[] password = KEYSTORE_PASSWORD.toCharArray();
        SSLContext tls = trusting(keystore, password);

        try (WebHarness h = new WebHarness(m -> m, b -> b.tls(keystore, password))) {
            assertThat(h.web.uri().getScheme()).isEqualTo("https");
            HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(h.web.uri() + "api/v1/openapi.json"))
                    .header("Authorization", "Bearer token-vera").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
        }
    }
}
