package dev.incidentkit.core;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.export.MarkdownExport;
import dev.incidentkit.core.export.TextExport;
import dev.incidentkit.core.format.EventDataFormat;
import dev.incidentkit.core.sla.SlaStatus;
import dev.incidentkit.core.timeline.TimelineEntry;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A public update ({@code incident.public_update}) through the manager: on the timeline as the
 * status page words it, nothing of it in the snapshot, refused once the incident is closed,
 * canceled or a duplicate, and each field rule naming its field.
 */
class PublicUpdateTest {

    static final Instant T0 = Instant.parse("2026-12-03T11:00:00Z");
    static final CommandContext CAROL = as("carol");
    static final String MESSAGE = "A fix is in place and we are monitoring it.";

    final ManualClock clock = ManualClock.at(T0);
    final IncidentManager manager = IncidentKit.builder().store(new SimpleEventStore()).clock(clock).build();

    String declare() {
        return manager.declare(Declare.of("Card payments failing for EU customers", Severity.SEV2, "checkout"), CAROL).id();
    }

    static Command.PostPublicUpdate update(String title, String message) {
        return new Command.PostPublicUpdate(title, PublicStatus.MONITORING, ComponentStatus.PARTIAL_OUTAGE, message);
    }

    @Test
    void theTimelineShowsTheStatusAndPublicTitleThenTheMessage() {
        String id = declare();
        Incident declared = manager.get(id);
        clock.advance(Duration.ofMinutes(20));
        SlaStatus slaBefore = manager.slaStatus(id);

        Incident after = manager.execute(id, update("Checkout issues", MESSAGE), CAROL);

        List<RecordedEvent> history = manager.history(id);
        assertThat(history).extracting(RecordedEvent::type).containsExactly(EventTypes.DECLARED, EventTypes.PUBLIC_UPDATE);
        assertThat(history.get(1).event()).isEqualTo(new IncidentEvent.PublicUpdatePosted("Checkout issues",
                PublicStatus.MONITORING, ComponentStatus.PARTIAL_OUTAGE, MESSAGE));
        TimelineEntry entry = manager.timeline(id).get(1);
        assertThat(entry.headline()).isEqualTo("Public update: Monitoring \u00b7 Checkout issues");
        assertThat(entry.text()).isEqualTo(MESSAGE);
        assertThat(entry.at()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
        // The postmortem lists it under Public Updates, not in its timeline.
        assertThat(MarkdownExport.postmortem(history))
                .contains("## Public Updates\n\n- **11:20** - Monitoring: Checkout issues (partial outage): ")
                .doesNotContain("Public update: Monitoring");
        assertThat(TextExport.timeline(history)).contains("11:20 - Public update: Monitoring \u00b7 Checkout issues by carol\n");

        // Nothing of it in the snapshot, and no SLA clock moves: the same incident, one version on.
        assertThat(after.version()).isEqualTo(declared.version() + 1);
        assertThat(after.status()).isEqualTo(Status.OPEN);
        assertThat(after.lastUpdateAt()).isEqualTo(declared.lastUpdateAt());
        assertThat(after.notesCount()).isZero();
        assertThat(manager.slaStatus(id)).isEqualTo(slaBefore);
        assertThat(manager.verify(id).isIntact()).isTrue();
    }

    @Test
    void theTitleIsStrippedAndTheMessagesLineBreaksAreNewlines() {
        String id = declare();
        manager.execute(id, update("  Checkout issues ", "Line one\r\nline two\rline three"), CAROL);

        IncidentEvent.PublicUpdatePosted posted = (IncidentEvent.PublicUpdatePosted) manager.history(id).get(1).event();
        assertThat(posted.title()).isEqualTo("Checkout issues");
        assertThat(posted.message()).isEqualTo("Line one\nline two\nline three");
    }

    @ParameterizedTest
    @EnumSource(value = Status.class, names = {"CLOSED", "CANCELED", "DUPLICATE"})
    void aClosedCanceledOrDuplicateIncidentTakesNoPublicUpdate(Status terminal) {
        String survivor = declare();
        String id = declare();
        switch (terminal) {
            case CLOSED -> {
                manager.resolve(id, "stable", CAROL);
                manager.closeIncident(id, "", CAROL);
            }
            case CANCELED -> manager.cancel(id, "false alarm", CAROL);
            default -> manager.markDuplicate(id, survivor, "", CAROL);
        }
        int before = manager.history(id).size();

        assertThatThrownBy(() -> manager.execute(id, update("Checkout issues", MESSAGE), CAROL))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.status()).isEqualTo(terminal);
                    assertThat(e.command()).isEqualTo(CommandType.POST_PUBLIC_UPDATE);
                })
                .hasMessageStartingWith("Cannot post-public-update incident " + id + ": it is " + terminal + ";");
        assertThat(manager.history(id)).hasSize(before);
    }

    @Test
    void aResolvedIncidentTakesItsLastPublicUpdateAndAReopenedOneTakesMore() {
        String id = declare();
        manager.resolve(id, "stable", CAROL);
        Command.PostPublicUpdate resolved = new Command.PostPublicUpdate("Checkout issues", PublicStatus.RESOLVED,
                ComponentStatus.OPERATIONAL, "Card payments work normally again.");

        assertThat(manager.execute(id, resolved, CAROL).status()).isEqualTo(Status.RESOLVED);
        manager.closeIncident(id, "", CAROL);
        manager.reopen(id, "it is back", CAROL);
        assertThat(manager.execute(id, update("Checkout issues", MESSAGE), CAROL).status()).isEqualTo(Status.INVESTIGATING);
        assertThat(manager.history(id)).filteredOn(e -> e.type().equals(EventTypes.PUBLIC_UPDATE)).hasSize(2);
    }

    @Test
    void eachFieldRuleNamesItsFieldAndWritesNothing() {
        String id = declare();
        assertField(id, update("", MESSAGE), "title");
        assertField(id, update("   ", MESSAGE), "title");
        assertField(id, update("Checkout\nissues", MESSAGE), "title");
        assertField(id, update("Checkout\tissues", MESSAGE), "title");
        assertField(id, update("x".repeat(201), MESSAGE), "title");
        assertField(id, update("Checkout \uD83D issues", MESSAGE), "title");
        assertField(id, update("Checkout issues", ""), "message");
        assertField(id, update("Checkout issues", " \n\t "), "message");
        assertField(id, update("Checkout issues", "m".repeat(10_001)), "message");
        assertField(id, update("Checkout issues", "bell\u0007"), "message");
        assertThat(manager.history(id)).hasSize(1);
        // The limits themselves are taken.
        assertThat(manager.execute(id, update("\uD83D\uDCB3".repeat(200), "\u00e9".repeat(10_000)), CAROL).version()).isEqualTo(2);
    }

    private void assertField(String id, Command command, String field) {
        assertThatThrownBy(() -> manager.execute(id, command, CAROL))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void theDataIsWrittenAndReadBack() {
        IncidentEvent.PublicUpdatePosted posted = new IncidentEvent.PublicUpdatePosted("Checkout issues",
                PublicStatus.IDENTIFIED, ComponentStatus.DEGRADED_PERFORMANCE, "Cause found.\nFix under way.");
        String json = EventDataFormat.encode(posted);
        assertThat(json).isEqualTo("{\"title\":\"Checkout issues\",\"status\":\"identified\","
                + "\"impact\":\"degraded_performance\",\"message\":\"Cause found.\\nFix under way.\"}");
        assertThat(EventDataFormat.decode(EventTypes.PUBLIC_UPDATE, 1, json)).isEqualTo(posted);
        // The reader takes a status page's words as the parsers do.
        assertThat(EventDataFormat.decode(EventTypes.PUBLIC_UPDATE, 1, "{\"title\":\"Checkout issues\","
                + "\"status\":\"Identified\",\"impact\":\"Degraded performance\",\"message\":\"Cause found.\\nFix under way.\"}"))
                .isEqualTo(posted);
    }
}
