package dev.incidentkit.notify.email;

import static dev.incidentkit.notify.email.TestNotifications.notification;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.notify.Route;
import dev.incidentkit.notify.spi.DeliveryResult;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What each failure of a real socket or a real SMTP reply becomes: retried later or failed for good. */
class SmtpFailuresTest {

    private static final String PASSWORD = "s3cret-Pa55word";

    private static EmailNotifier notifier(int port) {
        return EmailNotifier.builder("127.0.0.1", "incidents@example.com").port(port)
                .security(EmailNotifier.Security.NONE)
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofMillis(300)).writeTimeout(Duration.ofSeconds(5))
                .recipients(Route.all(), "sre@example.com").build();
    }

    private static EmailNotifier withLogin(int port) {
        return EmailNotifier.builder("127.0.0.1", "incidents@example.com").port(port)
                .security(EmailNotifier.Security.NONE).readTimeout(Duration.ofSeconds(5))
                .credentials("incidents", PASSWORD).recipients(Route.all(), "sre@example.com").build();
    }

    private static DeliveryResult.RetryLater retried(DeliveryResult r) {
        assertThat(r).isInstanceOf(DeliveryResult.RetryLater.class);
        DeliveryResult.RetryLater later = (DeliveryResult.RetryLater) r;
        assertThat(later.reason()).doesNotContain(PASSWORD);
        return later;
    }

    private static DeliveryResult.Failed failed(DeliveryResult r) {
        assertThat(r).isInstanceOf(DeliveryResult.Failed.class);
        DeliveryResult.Failed f = (DeliveryResult.Failed) r;
        assertThat(f.reason()).doesNotContain(PASSWORD);
        return f;
    }

    @Test
    @DisplayName("a refused connection (a closed port) is retried later")
    void refused() throws IOException {
        try (RefusingPort refusing = new RefusingPort(); EmailNotifier email = notifier(refusing.port())) {
            assertThat(retried(email.deliver(notification().build())).reason())
                    .contains("could not connect to 127.0.0.1:" + refusing.port(), "ConnectException");
        }
    }

    @Test
    @DisplayName("a server that accepts and never answers is retried later, after the read timeout")
    void timeout() throws IOException {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ScriptedSmtpServer.Behaviour.SILENT, "");
                EmailNotifier email = notifier(server.port())) {
            assertThat(retried(email.deliver(notification().build())).reason())
                    .isEqualTo("no answer from 127.0.0.1:" + server.port() + " within PT0.3S");
        }
    }

    @Test
    @DisplayName("a server that greets and then drops the connection is retried later")
    void dropped() throws IOException {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ScriptedSmtpServer.Behaviour.DROP_AFTER_GREETING, "");
                EmailNotifier email = notifier(server.port())) {
            assertThat(retried(email.deliver(notification().build())).reason())
                    .isEqualTo("127.0.0.1:" + server.port() + " dropped the connection");
            assertThat(server.commands).isNotEmpty();
        }
    }

    @Test
    @DisplayName("a 4xx reply to a recipient is retried later, quoting the reply")
    void transientRecipient() throws IOException {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ScriptedSmtpServer.Behaviour.REPLY_TO_RCPT,
                "450 4.2.1 Mailbox busy, try again");
                EmailNotifier email = notifier(server.port())) {
            assertThat(retried(email.deliver(notification().build())).reason())
                    .contains("SMTP server 127.0.0.1:" + server.port() + " answered", "450 4.2.1 Mailbox busy");
            assertThat(server.commands).noneMatch(c -> c.equals("DATA"));
        }
    }

    @Test
    @DisplayName("a 5xx reply to a recipient (no such mailbox) fails for good, and nothing is sent to the others")
    void badMailbox() throws IOException {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ScriptedSmtpServer.Behaviour.REPLY_TO_RCPT,
                "550 5.1.1 <sre@example.com>: no such user");
                EmailNotifier email = notifier(server.port())) {
            assertThat(failed(email.deliver(notification().build())).reason())
                    .contains("127.0.0.1:" + server.port(), "550 5.1.1");
            assertThat(server.commands).noneMatch(c -> c.equals("DATA"));
        }
    }

    @Test
    @DisplayName("a 4xx reply to the data is retried later; a 5xx reply fails for good")
    void data() throws IOException {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ScriptedSmtpServer.Behaviour.REPLY_TO_DATA,
                "451 4.3.0 Local error, try later");
                EmailNotifier email = notifier(server.port())) {
            assertThat(retried(email.deliver(notification().build())).reason()).contains("451 4.3.0");
        }
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ScriptedSmtpServer.Behaviour.REPLY_TO_DATA,
                "554 5.7.1 Message rejected");
                EmailNotifier email = notifier(server.port())) {
            assertThat(failed(email.deliver(notification().build())).reason()).contains("554 5.7.1 Message rejected");
        }
    }

    @Test
    @DisplayName("a 4xx reply to the login is retried later; 535 fails for good; no password in either reason")
    void login() throws IOException {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ScriptedSmtpServer.Behaviour.REPLY_TO_AUTH,
                "454 4.7.0 Temporary authentication failure");
                EmailNotifier email = withLogin(server.port())) {
            assertThat(retried(email.deliver(notification().build())).reason()).contains("454");
        }
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(ScriptedSmtpServer.Behaviour.REPLY_TO_AUTH,
                "535 5.7.8 Authentication credentials invalid");
                EmailNotifier email = withLogin(server.port())) {
            assertThat(failed(email.deliver(notification().build())).reason())
                    .contains("refused the login of incidents", "535 5.7.8");
        }
    }
}
