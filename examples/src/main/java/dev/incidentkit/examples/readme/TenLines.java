package dev.incidentkit.examples.readme;

// tag::imports[]
import static dev.incidentkit.core.CommandContext.as;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.export.MarkdownExport;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.core.metrics.MetricsReport;
import dev.incidentkit.store.memory.InMemoryEventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
// end::imports[]

/** The README's "Embedding in ten lines": an incident declared, acknowledged and mitigated, then reported on. */
public final class TenLines {

    /** What the example ends with. */
    public record Outcome(String postmortem, MetricsReport metrics) {}

    private TenLines() {}

    /**
     * Runs the example and prints the postmortem.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println(run().postmortem());
    }

    /** @return the postmortem and the metrics that the example computes */
    public static Outcome run() {
        // tag::embedding[]
        Clock clock = Clock.systemUTC();                     // every instant comes from it
        IncidentManager incidents = IncidentKit.builder()
                .store(new InMemoryEventStore())         // or JdbcEventStore.builder(dataSource).migrate(true).build()
                .clock(clock)
                .application("checkout-api")             // CloudEvents source
                .build();
        Instant began = clock.instant().minus(Duration.ofMinutes(30));   // back-dated: it began 30 minutes ago
        Incident inc = incidents.declare(Declare.of("Checkout latency", Severity.SEV2, "checkout"), as("alice").at(began));
        incidents.acknowledge(inc.id(), "Investigating DB metrics", as("bob").at(began.plus(Duration.ofMinutes(4))));
        incidents.mitigate(inc.id(), "Index added", as("bob").commandId("req-42"));   // now; a retry writes nothing
        String postmortem = MarkdownExport.postmortem(incidents.history(inc.id()));
        MetricsReport metrics = incidents.metrics(MetricQuery.all().severity(Severity.SEV1, Severity.SEV2));
        incidents.close();                                   // when the application stops
        // end::embedding[]
        return new Outcome(postmortem, metrics);
    }
}
