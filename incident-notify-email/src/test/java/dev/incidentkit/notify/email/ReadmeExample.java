package dev.incidentkit.notify.email;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.notify.Route;
import java.net.URI;

/** The root README's email notifier: STARTTLS, SMTP AUTH and two stakeholder lists; run by {@link ReadmeExampleTest}. */
final class ReadmeExample {

    private ReadmeExample() {}

    static EmailNotifier.Builder email(String smtpHost, String password) {
        // tag::email[]
        EmailNotifier.Builder email = EmailNotifier.builder(smtpHost, "incidents@example.com")
                .security(EmailNotifier.Security.STARTTLS_REQUIRED)   // the default: nothing in clear text
                .port(587)
                .credentials("incidents@example.com", password)       // SMTP AUTH; never logged or shown
                .incidentLinks(URI.create("https://incidents.example.com/incidents/"))
                .recipients(Route.all().withMinimumSeverity(Severity.SEV2),          // every event of SEV-1 and SEV-2
                        "sre-leads@example.com", "support-leads@example.com")
                .recipients(Route.all().withTypes("incident.declared", "incident.resolved")
                        .withServices("payments"), "payments-team@example.com");
        // end::email[]
        return email;
    }
}
