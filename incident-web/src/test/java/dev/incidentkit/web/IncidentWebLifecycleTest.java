package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IncidentWeb's builder and lifecycle")
class IncidentWebLifecycleTest {

    @Test
    @DisplayName("each setter refuses a bad value at once, naming it")
    void settersValidate() {
        try (WebHarness h = new WebHarness()) {
            IncidentWeb.Builder b = IncidentWeb.builder(h.incidents);
            assertThatThrownBy(() -> b.port(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
            assertThatThrownBy(() -> b.port(70_000)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
            assertThatThrownBy(() -> b.maxBodyBytes(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
            assertThatThrownBy(() -> b.maxHeaderBytes(10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10");
            assertThatThrownBy(() -> b.idleTimeout(Duration.ofMillis(1))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PT0.001S");
            assertThatThrownBy(() -> b.maxThreads(2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2");
            assertThatThrownBy(() -> b.maxConnections(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.allowOrigin("evil.example/path")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("evil.example/path");
            assertThatThrownBy(() -> b.bind("no-such-host.invalid")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no-such-host.invalid");
            assertThatThrownBy(() -> b.tls(Path.of("/no/such/keystore.p12"), new char[0]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/no/such/keystore.p12");
        }
    }

    @Test
    @DisplayName("close stops the server, is idempotent, and leaves the manager open; status counts answers")
    void closeAndStatus() {
        try (WebHarness h = new WebHarness()) {
            String id = h.declare();
            h.get("/api/v1/incidents/" + id, "vera");
            h.get("/api/v1/incidents/INC-2025-404", "vera");
            h.get("/api/v1/incidents", null);

            WebStatus status = h.web.status();
            assertThat(status.requests()).isEqualTo(4);
            assertThat(status.clientErrors()).isEqualTo(2);
            assertThat(status.serverErrors()).isZero();
            assertThat(status.lastError()).isEmpty();
            assertThat(h.web.uri().toString()).isEqualTo("http://127.0.0.1:" + h.web.port() + "/");

            h.web.close();
            h.web.close();

            assertThat(h.incidents.get(id).id()).isEqualTo(id);
            assertThatThrownBy(() -> h.get("/api/v1/incidents/" + id, "vera")).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    @DisplayName("a slow client that stops sending its headers is disconnected after the idle timeout")
    void slowClientTimesOut() throws IOException {
        try (WebHarness h = new WebHarness(m -> m, b -> b.idleTimeout(Duration.ofMillis(300)));
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), h.web.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /api/v1/incidents HTTP/1.1\r\nHost: x\r\nAuthor".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long started = System.nanoTime();
            InputStream in = socket.getInputStream();
            try {
                in.readAllBytes();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server kept a stalled connection open for 10 s", e);
            } catch (IOException reset) {
                // A reset is a disconnection too.
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    @DisplayName("a port in use is an IllegalStateException from start")
    void portInUse() {
        try (WebHarness h = new WebHarness()) {
            assertThatThrownBy(() -> IncidentWeb.builder(h.incidents).port(h.web.port()).start())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(String.valueOf(h.web.port()));
        }
    }

}
