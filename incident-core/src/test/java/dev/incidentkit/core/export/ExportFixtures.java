package dev.incidentkit.core.export;

import static dev.incidentkit.core.CommandContext.as;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.testkit.Fixtures;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Incidents built through the real manager on the test kit's store, every command back-dated to a
 * fixed instant: the walkthrough ("Your First Incident", as {@link Fixtures} scripts it, declared by
 * someone else and given a postmortem and action items), one full of hostile text, and a long one.
 */
final class ExportFixtures {

    static final Instant DECLARED = Fixtures.WALKTHROUGH_DECLARED_AT;
    static final ManualClock CLOCK = ManualClock.at(Instant.parse("2025-08-24T12:00:00Z"));
    static final String ALICE = "alice@example.com";
    static final String BOB = Fixtures.WALKTHROUGH_ACTOR;
    static final String HOSTILE = Fixtures.HOSTILE_PAYLOAD;
    static final String HOSTILE_NOTE = HOSTILE + "\n# Injected heading\n## Root Cause\n- [x] fake item\n> quote\n"
            + "| a | b |\n|---|---|\n```\ncode\n```\n    indented\n1. one\n===\n<div onclick=x>\n[ref]: javascript:alert(2)\n"
            + "![img](http://evil/x.png) <javascript:alert(3)> &lt;b&gt; **bold** _em_ ~~s~~ `c` $x$ \\";

    private ExportFixtures() {}

    static IncidentManager manager(SimpleEventStore store) {
        return IncidentKit.builder().store(store).clock(CLOCK).application("cli").build();
    }

    static Instant at(int minutesAfterDeclaration) {
        return DECLARED.plus(Duration.ofMinutes(minutesAfterDeclaration));
    }

    /** The walkthrough, step by step, closed at 15:15; with its resolution and action items. */
    static String walkthrough(IncidentManager incidents) {
        String id = incidents.declare(
                Declare.of(Fixtures.WALKTHROUGH_TITLE, Fixtures.WALKTHROUGH_SEVERITY, Fixtures.WALKTHROUGH_SERVICE)
                        .description(Fixtures.WALKTHROUGH_DESCRIPTION),
                as(ALICE).at(DECLARED)).id();
        incidents.acknowledge(id, Fixtures.WALKTHROUGH_ACK_NOTE, as(BOB).at(Fixtures.WALKTHROUGH_ACKNOWLEDGED_AT));
        for (int i = 0; i < Fixtures.WALKTHROUGH_NOTES.size(); i++) {
            incidents.addNote(id, Fixtures.WALKTHROUGH_NOTES.get(i), as(BOB).at(Fixtures.WALKTHROUGH_NOTE_TIMES.get(i)));
        }
        incidents.mitigate(id, Fixtures.WALKTHROUGH_MITIGATE_NOTE, as(BOB).at(Fixtures.WALKTHROUGH_MITIGATED_AT));
        incidents.resolve(id, Fixtures.WALKTHROUGH_RESOLVE_NOTE, as(BOB).at(Fixtures.WALKTHROUGH_RESOLVED_AT));
        incidents.updatePostmortem(id, PostmortemUpdate.none().resolution("Applied database index to "
                + "orders.created_at column, reducing query time from 8.2s to <500ms."), as(ALICE).at(at(45)));
        incidents.addActionItem(id, "Review other queries on orders table", Optional.of(Actor.of("bob")),
                Optional.of(LocalDate.parse("2025-09-01")), as(ALICE).at(at(45)));
        incidents.addActionItem(id, "Set up monitoring for query performance", Optional.empty(), Optional.empty(),
                as(ALICE).at(at(45)));
        incidents.addActionItem(id, "Add database performance to alerting", Optional.of(Actor.of("carol")),
                Optional.empty(), as(ALICE).at(at(45)));
        incidents.completeActionItem(id, 3, as(ALICE).at(at(45)));
        incidents.closeIncident(id, Fixtures.WALKTHROUGH_CLOSE_NOTE, as(ALICE).at(Fixtures.WALKTHROUGH_CLOSED_AT));
        return id;
    }

    /** Hostile text in every field a user can write, through every kind of event that carries text. */
    static String hostile(IncidentManager incidents) {
        String id = incidents.declare(Declare.of(HOSTILE, Severity.SEV1, "payments").description(HOSTILE_NOTE),
                as("mallory <script>").at(at(60))).id();
        incidents.acknowledge(id, HOSTILE_NOTE, Role.COMMANDER, as("mallory | [x](javascript:y)").at(at(61)));
        incidents.addNote(id, HOSTILE_NOTE, as("eve\u202Eevil").at(at(62)));
        incidents.correlateService(id, "checkout", HOSTILE_NOTE, as("eve").at(at(63)));
        incidents.assignRole(id, Role.TECH_LEAD, Actor.of("# not a heading"), as("eve").at(at(63)));
        incidents.downgrade(id, Severity.SEV2, HOSTILE_NOTE, as("eve").at(at(64)));
        incidents.mitigate(id, HOSTILE_NOTE, as("eve").at(at(65)));
        incidents.updatePostmortem(id, PostmortemUpdate.none().summary(HOSTILE_NOTE).rootCause(HOSTILE)
                .contributingFactors(HOSTILE_NOTE).impact(HOSTILE_NOTE).wentWell(HOSTILE).wentPoorly(HOSTILE_NOTE)
                .resolution(HOSTILE_NOTE), as("eve").at(at(66)));
        incidents.addActionItem(id, HOSTILE_NOTE, Optional.of(Actor.of("@here [x](javascript:z)")),
                Optional.of(LocalDate.parse("2025-09-02")), as("eve").at(at(66)));
        incidents.postPublicUpdate(id, HOSTILE, PublicStatus.MONITORING, ComponentStatus.PARTIAL_OUTAGE, HOSTILE_NOTE,
                as("eve").at(at(66)));
        return id;
    }

    /** An incident with {@code notes} notes, one a minute after the declaration, then mitigated. */
    static String longIncident(IncidentManager incidents, int notes, Instant declared) {
        String id = incidents.declare(Declare.of("Long-running investigation on search", Severity.SEV3, "search"),
                as(ALICE).at(declared)).id();
        incidents.acknowledge(id, "On it", as(BOB).at(declared.plusSeconds(30)));
        for (int i = 1; i <= notes; i++) {
            incidents.addNote(id, "Update " + i + ": checked shard " + (i % 17) + ", p99 at " + (400 + i % 250)
                    + " ms; next: look at *GC* logs_" + i, as(i % 2 == 0 ? ALICE : BOB).at(declared.plusSeconds(60L * i)));
        }
        return id;
    }
}
