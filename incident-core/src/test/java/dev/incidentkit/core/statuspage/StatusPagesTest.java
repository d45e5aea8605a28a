package dev.incidentkit.core.statuspage;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.Severity;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("StatusPages")
class StatusPagesTest {

    @Test
    @DisplayName("of two public updates posted at the same instant, the later one is the latest")
    void sameInstant() {
        ManualClock clock = ManualClock.at(Instant.parse("2025-08-23T14:00:00Z"));
        try (IncidentManager m = IncidentKit.builder().store(new SimpleEventStore()).clock(clock).build()) {
            String id = m.declare(Declare.of("Checkout 502s", Severity.SEV2, "checkout"), as("carl")).id();
            m.postPublicUpdate(id, "Checkout issues", PublicStatus.INVESTIGATING, ComponentStatus.PARTIAL_OUTAGE,
                    "Looking into it.", as("carl"));
            m.postPublicUpdate(id, "Checkout issues", PublicStatus.RESOLVED, ComponentStatus.OPERATIONAL,
                    "Fixed.", as("carl"));

            StatusPage page = StatusPages.builder(m).build().read();

            assertThat(page.active()).isEmpty();
            assertThat(page.history()).hasSize(1);
            PublicIncident incident = page.history().get(0);
            assertThat(incident.latest().message()).isEqualTo("Fixed.");
            assertThat(incident.updates()).extracting(PublicUpdate::message).containsExactly("Fixed.", "Looking into it.");
            assertThat(incident.resolvedAt()).contains(clock.instant());
        }
    }
}
