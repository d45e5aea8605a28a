package dev.incidentkit.notify.email;

import static dev.incidentkit.notify.email.TestNotifications.notification;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.incidentkit.core.notify.Route;
import dev.incidentkit.notify.spi.DeliveryResult;
import jakarta.mail.internet.MimeMessage;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SMTP AUTH against GreenMail, and STARTTLS and SMTPS through {@link TlsFront} (GreenMail has
 * neither), with a self-signed certificate made for the test and trusted through {@code sslContext}.
 */
class SmtpSecurityTest {

    private static final String PASSWORD = "correct-horse-battery";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("incidents@example.com", "incidents", PASSWORD));

    private static EmailNotifier.Builder builder(int port) {
        return EmailNotifier.builder("127.0.0.1", "incidents@example.com").port(port)
                .recipients(Route.all(), "sre@example.com");
    }

    private static MimeMessage received() {
        assertThat(MAIL.waitForIncomingEmail(30_000, 1)).isTrue();
        return MAIL.getReceivedMessages()[0];
    }

    @Test
    @DisplayName("SMTP AUTH with the right password delivers")
    void auth() throws Exception {
        try (EmailNotifier email = builder(MAIL.getSmtp().getPort()).security(EmailNotifier.Security.NONE)
                .credentials("incidents", PASSWORD).build()) {
            assertThat(email.deliver(notification().build())).isEqualTo(DeliveryResult.delivered());
        }
        assertThat(received().getSubject()).startsWith("[SEV-1] INC-2026-001");
    }

    @Test
    @DisplayName("SMTP AUTH with a wrong password fails for good, naming the server and the user, never a password")
    void wrongPassword() {
        String wrong = "wrong-horse-battery";
        try (EmailNotifier email = builder(MAIL.getSmtp().getPort()).security(EmailNotifier.Security.NONE)
                .credentials("incidents", wrong).build()) {
            DeliveryResult r = email.deliver(notification().build());
            assertThat(r).isInstanceOfSatisfying(DeliveryResult.Failed.class, f -> assertThat(f.reason())
                    .contains("127.0.0.1:" + MAIL.getSmtp().getPort(), "refused the login of incidents", "535")
                    .doesNotContain(wrong, base64("\0incidents\0" + wrong), PASSWORD));
        }
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    @DisplayName("STARTTLS: the session is upgraded before the login and the mail, and the mail arrives")
    void startTls() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.get();
        try (TlsFront front = new TlsFront(TlsFront.Mode.STARTTLS, cert.server(), MAIL.getSmtp().getPort());
                EmailNotifier email = builder(front.port()).credentials("incidents", PASSWORD)
                        .sslContext(cert.client()).build()) {
            assertThat(email.deliver(notification().build())).isEqualTo(DeliveryResult.delivered());
            assertThat(front.clearText).hasSize(2).allSatisfy(c -> assertThat(c).matches("EHLO .*|STARTTLS"));
        }
        assertThat(received().getSubject()).startsWith("[SEV-1] INC-2026-001");
    }

    @Test
    @DisplayName("STARTTLS with a certificate the client does not trust is retried later; nothing goes in clear text")
    void untrusted() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.get();
        try (TlsFront front = new TlsFront(TlsFront.Mode.STARTTLS, cert.server(), MAIL.getSmtp().getPort());
                EmailNotifier email = builder(front.port()).credentials("incidents", PASSWORD).build()) {
            DeliveryResult r = email.deliver(notification().build());
            assertThat(r).isInstanceOfSatisfying(DeliveryResult.RetryLater.class,
                    l -> assertThat(l.reason()).contains("127.0.0.1:" + front.port()).doesNotContain(PASSWORD));
            assertThat(front.clearText).allSatisfy(c -> assertThat(c).matches("EHLO .*|STARTTLS"));
        }
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    @DisplayName("STARTTLS with a trusted certificate for another host name is retried later: the name is checked")
    void otherHost() throws Exception {
        SelfSignedCertificate other = SelfSignedCertificate.get("dns:smtp.other.example");
        try (TlsFront front = new TlsFront(TlsFront.Mode.STARTTLS, other.server(), MAIL.getSmtp().getPort());
                EmailNotifier email = builder(front.port()).credentials("incidents", PASSWORD)
                        .sslContext(other.client()).build()) {
            DeliveryResult r = email.deliver(notification().build());
            assertThat(r).isInstanceOfSatisfying(DeliveryResult.RetryLater.class,
                    l -> assertThat(l.reason()).contains("127.0.0.1:" + front.port(), "No subject alternative names matching IP address 127.0.0.1").doesNotContain(PASSWORD));
            assertThat(front.clearText).allSatisfy(c -> assertThat(c).matches("EHLO .*|STARTTLS"));
        }
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    @DisplayName("STARTTLS required, and a server that does not offer it: failed for good, nothing sent")
    void startTlsMissing() {
        try (EmailNotifier email = builder(MAIL.getSmtp().getPort()).credentials("incidents", PASSWORD).build()) {
            DeliveryResult r = email.deliver(notification().build());
            assertThat(r).isInstanceOfSatisfying(DeliveryResult.Failed.class,
                    f -> assertThat(f.reason()).contains("does not offer STARTTLS").doesNotContain(PASSWORD));
        }
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    @DisplayName("SMTPS: TLS from the first byte, and the mail arrives")
    void smtps() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.get();
        try (TlsFront front = new TlsFront(TlsFront.Mode.IMPLICIT, cert.server(), MAIL.getSmtp().getPort());
                EmailNotifier email = builder(front.port()).security(EmailNotifier.Security.SMTPS)
                        .credentials("incidents", PASSWORD).sslContext(cert.client()).build()) {
            assertThat(email.deliver(notification().build())).isEqualTo(DeliveryResult.delivered());
        }
        assertThat(received().getSubject()).startsWith("[SEV-1] INC-2026-001");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
