package dev.incidentkit.core.access;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.AccessDeniedException;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.CommandType;
import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The table of the class's Javadoc, row by row. */
class RoleBasedAuthorizerTest {

    static final Actor VERA = Actor.of("vera");
    static final Actor RITA = Actor.of("rita");
    static final Actor CARL = Actor.of("carl");
    static final Actor ADA = Actor.of("ada");
    static final Actor NOBODY = Actor.of("nobody");

    final RoleBasedAuthorizer authorizer = RoleBasedAuthorizer.of(Map.of(
            "vera", AccessRole.VIEWER, "rita", AccessRole.RESPONDER, "carl", AccessRole.COMMANDER, "ada", AccessRole.ADMIN));

    final Incident incident;
    /** Another incident, whose commander is rita. */
    final Incident ritaCommands;
    /** And one whose commander is vera, although she only views. */
    final Incident veraCommands;

    RoleBasedAuthorizerTest() {
        try (IncidentManager manager = IncidentKit.builder().store(new SimpleEventStore())
                .clock(ManualClock.at(Instant.parse("2025-08-23T14:30:00Z"))).build()) {
            incident = manager.declare(Declare.of("Checkout 502s", Severity.SEV2, "checkout"), as("bob"));
            String other = manager.declare(Declare.of("Search slow", Severity.SEV3, "search"), as("bob")).id();
            ritaCommands = manager.acknowledge(other, "", Role.COMMANDER, as("rita"));
            String third = manager.declare(Declare.of("Login down", Severity.SEV1, "login"), as("bob")).id();
            veraCommands = manager.acknowledge(third, "", Role.COMMANDER, as("vera"));
        }
    }

    /** Who may run each command: the least role, as the Javadoc's table gives it. */
    static final Map<CommandType, AccessRole> LEAST = new EnumMap<>(CommandType.class);

    static {
        for (CommandType t : CommandType.values()) {
            LEAST.put(t, switch (t) {
                case RESOLVE, CLOSE, REOPEN, CANCEL, MARK_DUPLICATE, CHANGE_SEVERITY, ASSIGN_ROLE, POST_PUBLIC_UPDATE ->
                        AccessRole.COMMANDER;
                case RECORD_SLA_BREACH, REMIND_UPDATE -> AccessRole.ADMIN;
                case RECORD_PAGE -> AccessRole.RESPONDER;   // what runs the escalation needs no more than a responder
                default -> AccessRole.RESPONDER;
            });
        }
    }

    @ParameterizedTest
    @EnumSource(CommandType.class)
    void eachCommandNeedsItsLeastRole(CommandType type) {
        Action run = new Action.Run(incident, commandOf(type));
        Map<Actor, AccessRole> people = Map.of(VERA, AccessRole.VIEWER, RITA, AccessRole.RESPONDER,
                CARL, AccessRole.COMMANDER, ADA, AccessRole.ADMIN);
        people.forEach((actor, role) ->
                assertThat(authorizer.permits(actor, run)).as("%s (%s) %s", actor, role, type)
                        .isEqualTo(role.includes(LEAST.get(type))));
        assertThat(authorizer.permits(NOBODY, run)).isFalse();
    }

    @Test
    void readsNeedAnyRoleDeclaringAResponderAdministeringAnAdmin() {
        Action read = new Action.Read(Optional.of(incident.id()));
        Action declare = new Action.Declare(Declare.of("x", Severity.SEV4, "search"));
        Action administer = new Action.Administer(Action.Task.ACCESS);
        assertThat(authorizer.permits(VERA, read)).isTrue();
        assertThat(authorizer.permits(NOBODY, read)).isFalse();
        assertThat(authorizer.permits(VERA, declare)).isFalse();
        assertThat(authorizer.permits(RITA, declare)).isTrue();
        assertThat(authorizer.permits(CARL, administer)).isFalse();
        assertThat(authorizer.permits(ADA, administer)).isTrue();
    }

    @Test
    void silencingAlertsTakesACommander() {
        Action silences = new Action.Administer(Action.Task.SILENCES);
        assertThat(authorizer.permits(RITA, silences)).isFalse();
        assertThat(authorizer.permits(CARL, silences)).isTrue();
        assertThat(authorizer.permits(ADA, silences)).isTrue();
    }

    @Test
    void aResponderWhoCommandsTheIncidentRunsItToTheEnd() {
        Command resolve = new Command.ChangeStatus(Status.RESOLVED, "");
        assertThat(authorizer.permits(RITA, new Action.Run(ritaCommands, resolve))).isTrue();
        assertThat(authorizer.permits(RITA, new Action.Run(incident, resolve))).isFalse();
        // Taking command away by acknowledging with the role is assigning it: a commander's right.
        Command takeCommand = new Command.Acknowledge("mine now", Optional.of(Role.COMMANDER));
        assertThat(authorizer.permits(RITA, new Action.Run(veraCommands, takeCommand))).isFalse();
        assertThat(authorizer.permits(CARL, new Action.Run(veraCommands, takeCommand))).isTrue();
        assertThat(authorizer.permits(RITA, new Action.Run(ritaCommands, takeCommand))).as("her own role").isTrue();
        assertThat(authorizer.permits(RITA, new Action.Run(ritaCommands, new Command.Acknowledge("", Optional.of(Role.TECH_LEAD)))))
                .as("a role nobody holds").isTrue();
        // The incident's commander role gives a viewer nothing.
        assertThat(authorizer.permits(VERA, new Action.Run(veraCommands, new Command.Cancel("mistake")))).isFalse();
    }

    @Test
    void aRefusalSaysWhoWhatAndWhy() {
        assertThatThrownBy(() -> authorizer.authorize(VERA, new Action.Run(incident, new Command.AddNote("hi"))))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                    assertThat(e.actor()).isEqualTo(VERA);
                    assertThat(e).hasMessage("vera may not add-note " + incident.id()
                            + ": they are a viewer and it takes a responder.");
                });
        assertThatThrownBy(() -> authorizer.authorize(RITA, new Action.Run(incident, new Command.Cancel("x"))))
                .hasMessageEndingWith("they are a responder and it takes a commander, or the incident's commander.");
        assertThatThrownBy(() -> authorizer.authorize(NOBODY, new Action.Read(Optional.empty())))
                .hasMessage("nobody may not read incidents: they have no role.");
    }

    @Test
    void rolesAreLookedUpOnEveryDecision() {
        Map<String, AccessRole> roles = new java.util.concurrent.ConcurrentHashMap<>();
        RoleBasedAuthorizer live = RoleBasedAuthorizer.of(actor -> Optional.ofNullable(roles.get(actor.name())));
        Action read = new Action.Read(Optional.empty());
        assertThat(live.permits(VERA, read)).isFalse();
        roles.put("vera", AccessRole.VIEWER);
        assertThat(live.permits(VERA, read)).isTrue();
    }

    @Test
    void rolesParseFromTheirLabels() {
        assertThat(AccessRole.parse(" Commander ")).isEqualTo(AccessRole.COMMANDER);
        assertThatThrownBy(() -> AccessRole.parse("root"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("role"));
    }

    static Command commandOf(CommandType type) {
        return switch (type) {
            case ACKNOWLEDGE -> new Command.Acknowledge("", Optional.empty());
            case INVESTIGATE -> new Command.ChangeStatus(Status.INVESTIGATING, "");
            case IDENTIFY -> new Command.ChangeStatus(Status.IDENTIFIED, "");
            case MITIGATE -> new Command.ChangeStatus(Status.MITIGATED, "");
            case RESOLVE -> new Command.ChangeStatus(Status.RESOLVED, "");
            case CLOSE -> new Command.ChangeStatus(Status.CLOSED, "");
            case REOPEN -> new Command.Reopen("again");
            case CANCEL -> new Command.Cancel("mistake");
            case MARK_DUPLICATE -> new Command.MarkDuplicate("INC-2025-002", "");
            case ADD_NOTE -> new Command.AddNote("note");
            case CHANGE_SEVERITY -> new Command.ChangeSeverity(Severity.SEV1, Command.ChangeSeverity.Direction.ESCALATE, "");
            case CORRELATE_SERVICE -> new Command.CorrelateService("payments", "");
            case ASSIGN_ROLE -> new Command.AssignRole(Role.TECH_LEAD, RITA);
            case ADD_ACTION_ITEM -> new Command.AddActionItem("fix", Optional.empty(), Optional.empty());
            case COMPLETE_ACTION_ITEM -> new Command.CompleteActionItem(1, "");
            case UPDATE_POSTMORTEM -> new Command.UpdatePostmortem(PostmortemUpdate.none());
            case RECORD_SLA_BREACH -> new Command.RecordSlaBreach(SlaKind.ACK, Duration.ofMinutes(15),
                    Instant.parse("2025-08-23T14:45:00Z"));
            case ATTACH_ALERT -> Command.AttachAlerts.of("a-1", AlertDetails.of("alertmanager", "fp1", "High latency",
                    Instant.parse("2025-08-23T14:30:00Z")));
            case RESOLVE_ALERT -> new Command.ResolveAlert("a-1", "alertmanager", "fp1", "High latency", 1);
            case RECORD_PAGE -> new Command.RecordPage("alice", 2, 1, "payments",
                    "level 2 of policy Payments: level 1 (bob) did not acknowledge within 5 min", List.of("email", "slack"));
            case POST_PUBLIC_UPDATE -> new Command.PostPublicUpdate("Checkout issues", PublicStatus.INVESTIGATING,
                    ComponentStatus.PARTIAL_OUTAGE, "We are looking into it.");
            case REMIND_UPDATE -> new Command.RemindUpdate(Instant.parse("2025-08-23T14:45:00Z"), Duration.ofMinutes(30));
        };
    }
}
