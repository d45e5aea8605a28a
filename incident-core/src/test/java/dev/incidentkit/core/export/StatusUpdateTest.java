package dev.incidentkit.core.export;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.sla.SlaPolicy;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusUpdateTest {

    static final Instant T0 = Instant.parse("2026-03-10T19:22:00Z");

    final ManualClock clock = ManualClock.at(T0);
    final IncidentManager incidents = IncidentKit.builder().store(new SimpleEventStore()).clock(clock).build();

    @AfterEach
    void close() {
        incidents.close();
    }

    Incident checkoutFailures() {
        String id = incidents.declare(Declare.of("Checkout failures", Severity.SEV1, "checkout"), as("alice")).id();
        incidents.acknowledge(id, "", Role.COMMANDER, as("alice"));
        incidents.assignRole(id, Role.TECH_LEAD, Actor.of("bob"), as("alice"));
        incidents.assignRole(id, Role.COMMS_LEAD, Actor.of("carol"), as("alice"));
        incidents.investigate(id, "", as("bob"));
        clock.advance(Duration.ofMinutes(23));
        return incidents.get(id);
    }

    @Test
    void theDraftIsTheGuidesTemplateFilledFromTheIncident() {
        StatusUpdate update = StatusUpdate.draft(checkoutFailures(), incidents.slaPolicy(), clock.instant())
                .withImpact("~30% of checkout attempts failing with 500 errors")
                .withCurrentTheory("Database connection pool exhaustion")
                .withNextAction("Restarting order-service pods");

        assertThat(update.text()).isEqualTo("""
                \uD83D\uDD34 SEV-1 Incident: Checkout failures

                Status: Investigating
                Impact: ~30% of checkout attempts failing with 500 errors
                Duration: 23 minutes so far
                Team: @alice (IC), @bob (Tech Lead), @carol (Comms)

                Current theory: Database connection pool exhaustion
                Next action: Restarting order-service pods
                ETA to next update: 15 minutes""");
    }

    @Test
    void whatTheIncidentDoesNotKnowSaysSoAndThePostmortemFillsWhatItCan() {
        String id = incidents.declare(Declare.of("Search is slow", Severity.SEV3, "search"), as("dana")).id();
        String empty = StatusUpdate.draft(incidents.get(id), incidents.slaPolicy(), clock.instant()).text();
        assertThat(empty).contains("Impact: not known yet", "Team: no roles assigned yet", "Current theory: not known yet",
                "Next action: not known yet", "Duration: under a minute so far");

        incidents.updatePostmortem(id, PostmortemUpdate.none().impact("p99 at 4s\nfor EU users").rootCause("A cold cache"),
                as("dana"));
        StatusUpdate drafted = StatusUpdate.draft(incidents.get(id), incidents.slaPolicy(), clock.instant());
        assertThat(drafted.text()).contains("Impact: p99 at 4s for EU users", "Current theory: A cold cache");
    }

    @Test
    void theNextUpdateFollowsTheCadenceOfTheSeverity() {
        SlaPolicy hourly = SlaPolicy.custom().updateEvery(Severity.SEV1, Duration.ofHours(1)).build();
        StatusUpdate update = StatusUpdate.draft(checkoutFailures(), hourly, clock.instant());
        assertThat(update.nextUpdateIn()).isEqualTo(Duration.ofHours(1));
        assertThat(update.withNextUpdateIn(Duration.ofMinutes(90)).text()).endsWith("ETA to next update: 1 hour 30 minutes");
        SlaPolicy none = SlaPolicy.custom().noUpdateTarget(Severity.SEV1).build();
        assertThat(StatusUpdate.draft(checkoutFailures(), none, clock.instant()).nextUpdateIn())
                .isEqualTo(StatusUpdate.DEFAULT_NEXT_UPDATE);
        assertThatThrownBy(() -> update.withNextUpdateIn(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aResolvedIncidentsDurationEndsAtItsResolution() {
        Incident incident = checkoutFailures();
        incidents.resolve(incident.id(), "Pool size raised", as("alice"));
        clock.advance(Duration.ofHours(5));
        String text = StatusUpdate.draft(incidents.get(incident.id()), incidents.slaPolicy(), clock.instant()).text();
        assertThat(text).contains("Status: Resolved", "Duration: 23 minutes\n");
    }

    @Test
    void postingItIsAProgressUpdateWithTheTextAsTyped() {
        Incident incident = checkoutFailures();
        StatusUpdate update = StatusUpdate.draft(incident, incidents.slaPolicy(), clock.instant())
                .withNextAction("Line one\nline two");
        Incident after = incidents.execute(incident.id(), update.command(), as("alice"));
        assertThat(after.notesCount()).isEqualTo(incident.notesCount() + 1);
        assertThat(incidents.history(incident.id()).get((int) after.version() - 1).type()).isEqualTo(EventTypes.NOTE_ADDED);
        assertThat(update.text()).contains("Next action: Line one line two");
    }
}
