package dev.incidentkit.core;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.core.access.Action;
import dev.incidentkit.core.access.Authorizer;
import dev.incidentkit.core.access.RoleBasedAuthorizer;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The manager asks its authorizer before every declaration and command, and a refusal writes nothing. */
class AuthorizationTest {

    final SimpleEventStore store = new SimpleEventStore();
    final List<String> asked = new ArrayList<>();
    final RoleBasedAuthorizer roles = RoleBasedAuthorizer.of(Map.of(
            "vera", AccessRole.VIEWER, "rita", AccessRole.RESPONDER, "carl", AccessRole.COMMANDER));
    final Authorizer recording = new Authorizer() {
        @Override
        public boolean permits(Actor actor, Action action) {
            return roles.permits(actor, action);
        }

        @Override
        public void authorize(Actor actor, Action action) {
            asked.add(actor + ": " + action.describe());
            roles.authorize(actor, action);
        }
    };
    final IncidentManager manager = IncidentKit.builder().store(store).authorizer(recording)
            .clock(ManualClock.at(Instant.parse("2025-08-23T14:30:00Z"))).build();

    @Test
    void theDefaultAllowsEveryone() {
        try (IncidentManager open = IncidentKit.builder().store(new SimpleEventStore()).build()) {
            assertThat(open.authorizer()).isSameAs(Authorizer.allowAll());
            assertThat(open.declare(Declare.of("x", Severity.SEV4, "search"), as("anyone")).status()).isEqualTo(Status.OPEN);
        }
    }

    @Test
    void aRefusedDeclarationWritesNothing() {
        assertThatThrownBy(() -> manager.declare(Declare.of("Checkout 502s", Severity.SEV2, "checkout"), as("vera")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("vera may not declare an incident: they are a viewer and it takes a responder.");
        assertThat(store.head()).isEqualTo(LogPosition.START);
        assertThat(manager.list()).isEmpty();
    }

    @Test
    void aRefusedCommandWritesNothing() {
        Incident incident = manager.declare(Declare.of("Checkout 502s", Severity.SEV2, "checkout"), as("rita"));
        LogPosition head = store.head();

        assertThatThrownBy(() -> manager.addNote(incident.id(), "hi", as("vera"))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> manager.resolve(incident.id(), "", as("rita"))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> manager.acknowledge(incident.id(), "", as("mallory")))
                .hasMessageEndingWith("they have no role.");

        assertThat(store.head()).isEqualTo(head);
        assertThat(manager.get(incident.id()).version()).isEqualTo(incident.version());
        assertThat(asked).containsExactly("rita: declare an incident", "vera: add-note " + incident.id(),
                "rita: resolve " + incident.id(), "mallory: acknowledge " + incident.id());
    }

    @Test
    void aRetryAnswersItsOwnActorOnlyAndAnotherLearnsNothingFromItsId() {
        Incident incident = manager.declare(Declare.of("Checkout 502s", Severity.SEV2, "checkout"), as("rita"));
        manager.execute(incident.id(), new Command.AddNote("first"), as("carl").commandId("req-1"));

        assertThatThrownBy(() -> manager.execute(incident.id(), new Command.AddNote("first"), as("vera").commandId("req-1")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("commandId"))
                .hasMessageNotContaining("first");
        assertThat(manager.execute(incident.id(), new Command.AddNote("first"), as("carl").commandId("req-1")).version())
                .isEqualTo(2);
    }

    @Test
    void aRetryOfACommandThatSucceededAnswersEvenIfTheRolesMovedSince() {
        String id = manager.declare(Declare.of("Checkout 502s", Severity.SEV2, "checkout"), as("rita")).id();
        manager.acknowledge(id, "", Role.COMMANDER, as("rita"));
        Command handOver = new Command.AssignRole(Role.COMMANDER, Actor.of("carl"));
        long version = manager.execute(id, handOver, as("rita").commandId("hand-over")).version();
        // Rita no longer commands; her lost answer, asked for again, is still hers.
        assertThat(manager.execute(id, handOver, as("rita").commandId("hand-over")).version()).isEqualTo(version);
        assertThatThrownBy(() -> manager.execute(id, handOver, as("rita"))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aResponderWhoTakesCommandMayResolve() {
        String id = manager.declare(Declare.of("Checkout 502s", Severity.SEV2, "checkout"), as("carl")).id();
        manager.acknowledge(id, "on it", Role.COMMANDER, as("rita"));
        manager.mitigate(id, "rolled back", as("rita"));
        assertThat(manager.resolve(id, "fixed", as("rita")).status()).isEqualTo(Status.RESOLVED);
    }

    @Test
    void anExpectedVersionThatMovedOnIsRefusedAndNothingIsWritten() {
        String id = manager.declare(Declare.of("Checkout 502s", Severity.SEV2, "checkout"), as("rita")).id();
        manager.addNote(id, "one", as("rita"));
        LogPosition head = store.head();

        assertThatThrownBy(() -> manager.addNote(id, "stale", as("rita").expectVersion(1)))
                .isInstanceOfSatisfying(ConcurrencyConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.actualVersion()).isEqualTo(2);
                });
        assertThat(store.head()).isEqualTo(head);
        assertThat(manager.addNote(id, "fresh", as("rita").expectVersion(2)).version()).isEqualTo(3);
        assertThatThrownBy(() -> as("rita").expectVersion(0)).isInstanceOf(ValidationException.class);
    }
}
