package dev.incidentkit.notify.email;

import static dev.incidentkit.notify.email.TestNotifications.notification;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.incidentkit.notify.spi.DeliveryResult;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's notifier, as written, over STARTTLS and SMTP AUTH to GreenMail (behind {@link TlsFront}). */
class ReadmeExampleTest {

    private static final String PASSWORD = "readme-password";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("incidents@example.com", PASSWORD));

    @Test
    @DisplayName("sends a resolved SEV-2 of payments to both lists, and a SEV-3 acknowledgement to nobody")
    void asWritten() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.get();
        try (TlsFront front = new TlsFront(TlsFront.Mode.STARTTLS, cert.server(), MAIL.getSmtp().getPort());
                EmailNotifier email = ReadmeExample.email("localhost", PASSWORD)
                        .port(front.port()).sslContext(cert.client()).build()) {
            assertThat(email.deliver(notification().randomId().severity("SEV-3").service("payments").build()))
                    .isEqualTo(DeliveryResult.delivered());
            assertThat(email.deliver(notification().randomId().type("incident.resolved").severity("SEV-2")
                    .service("payments").build())).isEqualTo(DeliveryResult.delivered());
        }
        assertThat(MAIL.waitForIncomingEmail(30_000, 3)).isTrue();
        MimeMessage[] mail = MAIL.getReceivedMessages();
        assertThat(mail).hasSize(3);
        assertThat(mail[0].getSubject()).isEqualTo("[SEV-2] INC-2026-001 resolved: Checkout 500s");
        assertThat(Arrays.stream(mail[0].getAllRecipients()).map(Object::toString))
                .containsExactly("sre-leads@example.com", "support-leads@example.com", "payments-team@example.com");
        assertThat(EmailNotifierTest.part(mail[0], "text/plain"))
                .contains("Open incident: https://incidents.example.com/incidents/INC-2026-001");
    }
}
