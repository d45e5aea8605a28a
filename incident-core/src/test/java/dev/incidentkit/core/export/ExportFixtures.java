package dev.incidentkit.core.export;

import static dev.incidentkit.core.CommandContext.as;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Incidents built through the real manager on the in-memory store, every command back-dated to a
 * fixed instant: the walkthrough ("Your First Incident"), one full of hostile text, and a long one.
 */
final class ExportFixtures {

    static final Instant DECLARED = Instant.parse("2025-08-23T14:30:00Z");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-08-24T12:00:00Z"), ZoneOffset.UTC);
    static final String ALICE = "alice@example.com";
    static final String BOB = "user@example.com";
    static final String HOSTILE = "</script><img src=x onerror=alert(1)> | [x](javascript:alert(1))";
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
                Declare.of("Checkout service experiencing high database latency", Severity.SEV2, "checkout")
                        .description("Database response times increased to 5+ seconds. "
                                + "Multiple customer reports of failed checkouts."),
                as(ALICE).at(DECLARED)).id();
        incidents.acknowledge(id, "Investigating database performance metrics", as(BOB).at(at(2)));
        incidents.addNote(id, "Found slow query in orders table. Query execution time: 8.2s avg", as(BOB).at(at(5)));
        incidents.addNote(id, "Applied database index to orders.created_at. Testing performance", as(BOB).at(at(12)));
        incidents.addNote(id, "Database performance improved. Response time now <500ms. Monitoring", as(BOB).at(at(15)));
        incidents.mitigate(id, "Applied database optimization. Performance restored, monitoring for stability",
                as(BOB).at(at(17)));
        incidents.resolve(id, "Database performance stable for 30+ minutes. Customer reports ceased. Issue resolved.",
                as(BOB).at(at(45)));
        incidents.updatePostmortem(id, PostmortemUpdate.none().resolution("Applied database index to "
                + "orders.created_at column, reducing query time from 8.2s to <500ms."), as(ALICE).at(at(45)));
        incidents.addActionItem(id, "Review other queries on orders table", Optional.of(Actor.of("bob")),
                Optional.of(LocalDate.parse("2025-09-01")), as(ALICE).at(at(45)));
        incidents.addActionItem(id, "Set up monitoring for query performance", Optional.empty(), Optional.empty(),
                as(ALICE).at(at(45)));
        incidents.addActionItem(id, "Add database performance to alerting", Optional.of(Actor.of("carol")),
                Optional.empty(), as(ALICE).at(at(45)));
        incidents.completeActionItem(id, 3, as(ALICE).at(at(45)));
        incidents.close(id, "", as(ALICE).at(at(45)));
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
