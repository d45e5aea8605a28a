package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.store.memory.InMemoryEventStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code im serve} mails incident events and pages through the email notifier that {@code
 * $IM_SMTP_URL}, {@code $IM_EMAIL_FROM} and {@code $IM_EMAIL_TO} set; the SMTP password never
 * reaches the output.
 */
class ImServeEmailTest {

    private static final String PASSWORD = "s3cretSmtpPass";
    private static final String SMTP_URL = "smtp://alerts:" + PASSWORD + "@smtp.example.com:587";

    @TempDir
    Path home;

    @Test
    void theEnvironmentSetsAnEmailNotifierThatPagesByEmail() {
        Environment env = new Environment(System.out, System.err, Map.of(
                NotifierSettings.SMTP, SMTP_URL,
                NotifierSettings.EMAIL_FROM, "incidents@example.com",
                NotifierSettings.EMAIL_TO, "sre@example.com, support@example.com"));
        NotifierSettings settings = NotifierSettings.from(env);
        assertThat(settings.isEmpty()).isFalse();

        IncidentKit.Builder kit = IncidentKit.builder().store(new InMemoryEventStore());
        settings.register(kit);
        try (IncidentManager incidents = kit.build()) {
            assertThat(incidents.notifications().notifiers()).containsExactly("email");
            assertThat(incidents.notifications().contactKinds()).containsExactly("email");
        }
    }

    @Test
    void withoutAListTheEmailNotifierOnlyPages() {
        Environment env = new Environment(System.out, System.err, Map.of(
                NotifierSettings.SMTP, "smtps://smtp.example.com", NotifierSettings.EMAIL_FROM, "incidents@example.com"));
        IncidentKit.Builder kit = IncidentKit.builder().store(new InMemoryEventStore());
        NotifierSettings.from(env).register(kit);
        try (IncidentManager incidents = kit.build()) {
            assertThat(incidents.notifications().notifiers()).containsExactly("email");
        }
    }

    @Test
    void aBadEmailVariableIsOneSentenceNamingItAndNeverThePassword() {
        String from = "incidents@example.com";
        for (List<String> bad : List.of(
                List.of(NotifierSettings.SMTP, "ftp://alerts:" + PASSWORD + "@smtp.example.com", from, ""),
                List.of(NotifierSettings.SMTP, "smtp.example.com:587", from, ""),
                List.of(NotifierSettings.SMTP, "smtp://alerts:" + PASSWORD + "@smtp.example.com/relay", from, ""),
                List.of(NotifierSettings.SMTP, "smtp://alerts@smtp.example.com", from, ""),
                List.of(NotifierSettings.SMTP, "smtp://alerts:" + PASSWORD + " x@smtp.example.com", from, ""),
                List.of(NotifierSettings.EMAIL_FROM, SMTP_URL, "", ""),
                List.of(NotifierSettings.EMAIL_FROM, SMTP_URL, "Incidents <incidents@example.com>", ""),
                List.of(NotifierSettings.EMAIL_TO, SMTP_URL, from, "sre@example.com, not an address"))) {
            Map<String, String> variables = new HashMap<>(Map.of("IM_HOME", home.toString(), NotifierSettings.SMTP, bad.get(1)));
            if (!bad.get(2).isEmpty()) {
                variables.put(NotifierSettings.EMAIL_FROM, bad.get(2));
            }
            if (!bad.get(3).isEmpty()) {
                variables.put(NotifierSettings.EMAIL_TO, bad.get(3));
            }
            ImProcess.Result result = new ImInProcess(variables).run("serve", "--port", "0");

            assertThat(result.exitCode()).as("%s; stderr: %s", bad, result.err()).isEqualTo(Im.INVALID_INPUT);
            assertThat(result.err()).as("%s", bad).startsWith("im: " + bad.get(0) + " must ").doesNotContain(PASSWORD);
            assertThat(result.err().lines()).hasSize(1);
            assertThat(result.out()).isEmpty();
        }
    }

    @Test
    void theSmtpPasswordIsMaskedInAnyMessage() {
        Environment env = new Environment(System.out, System.err, Map.of(NotifierSettings.SMTP, SMTP_URL,
                NotifierSettings.EMAIL_FROM, "incidents@example.com"));
        Secrets secrets = Secrets.of(env, List.of());

        assertThat(secrets.mask("connecting to " + SMTP_URL + " failed")).isEqualTo("connecting to *** failed");
        assertThat(secrets.mask("connecting to smtp://alerts:" + PASSWORD + "@other.example.com failed"))
                .doesNotContain(PASSWORD);
        assertThat(secrets.mask("login with " + PASSWORD + " refused")).isEqualTo("login with *** refused");
    }
}
