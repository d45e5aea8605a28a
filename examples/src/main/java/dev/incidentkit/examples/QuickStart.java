package dev.incidentkit.examples;

import static dev.incidentkit.core.CommandContext.as;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.VerificationResult;
import dev.incidentkit.core.timeline.TimelineEntry;
import dev.incidentkit.store.memory.InMemoryEventStore;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The walkthrough of the documentation ("Your First Incident"), run through the public API on the
 * in-memory store: a database latency incident on checkout, declared at 14:30 UTC on 23 August
 * 2025, acknowledged, updated, mitigated, resolved and closed. Every action is back-dated to the
 * walkthrough's time, then the timeline is printed.
 */
public final class QuickStart {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final Instant DECLARED = Instant.parse("2025-08-23T14:30:00Z");

    private QuickStart() {}

    /**
     * Runs the walkthrough and prints its timeline to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(Clock.systemUTC(), System.out);
    }

    /**
     * Runs the walkthrough on a fresh in-memory store.
     *
     * @param clock the manager's clock; the walkthrough's instants must not lie in its future
     * @param out where to print
     * @return the incident, closed
     */
    public static Incident run(Clock clock, PrintStream out) {
        try (IncidentManager incidents = IncidentKit.builder()
                .store(new InMemoryEventStore())
                .clock(clock)
                .application("quickstart")
                // The walkthrough keeps its 2025 dates whenever it runs: let its declaration be that old.
                .maxBackdating(Duration.ofDays(36_500))
                .build()) {
            String alice = "alice@example.com";
            String bob = "user@example.com";

            Incident incident = incidents.declare(
                    Declare.of("Checkout service experiencing high database latency", Severity.SEV2, "checkout")
                            .description("Database response times increased to 5+ seconds. "
                                    + "Multiple customer reports of failed checkouts."),
                    as(alice).at(DECLARED));
            String id = incident.id();
            out.println("Incident declared: " + id);

            incidents.acknowledge(id, "Investigating database performance metrics", as(bob).at(at(2)));
            incidents.addNote(id, "Found slow query in orders table. Query execution time: 8.2s avg", as(bob).at(at(5)));
            incidents.addNote(id, "Applied database index to orders.created_at. Testing performance", as(bob).at(at(12)));
            incidents.addNote(id, "Database performance improved. Response time now <500ms. Monitoring", as(bob).at(at(15)));
            incidents.mitigate(id, "Applied database optimization. Performance restored, monitoring for stability",
                    as(bob).at(at(17)));
            incidents.resolve(id, "Database performance stable for 30+ minutes. Customer reports ceased. Issue resolved.",
                    as(bob).at(at(45)));
            incident = incidents.closeIncident(id, "", as(alice).at(at(45)));

            out.println();
            print(incidents.timeline(id), out);
            VerificationResult verification = incidents.verify(id);
            out.println();
            out.printf("Status: %s. Mitigated %d minutes after it was declared. Hash chain: %s (%d events).%n",
                    incident.status(),
                    Duration.between(incident.milestones().declaredAt(), incident.milestones().mitigatedAt().orElseThrow()).toMinutes(),
                    verification.isIntact() ? "intact" : "BROKEN at version " + verification.firstBad().orElseThrow().version(),
                    verification.eventsChecked());
            return incident;
        }
    }

    private static Instant at(int minutesAfterDeclaration) {
        return DECLARED.plus(Duration.ofMinutes(minutesAfterDeclaration));
    }

    /** Prints a timeline the way the walkthrough shows it: the time and headline, then the text. */
    static void print(List<TimelineEntry> timeline, PrintStream out) {
        for (TimelineEntry entry : timeline) {
            out.println(HH_MM.format(entry.at()) + " - " + entry.headline());
            if (!entry.text().isEmpty()) {
                entry.text().lines().forEach(line -> out.println("        " + line));
            }
        }
    }
}
