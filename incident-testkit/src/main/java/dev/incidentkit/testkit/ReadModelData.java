package dev.incidentkit.testkit;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.query.SortDirection;
import dev.incidentkit.core.query.SortKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The incidents the read-model concerns query, made by real commands so that their summaries are
 * real folds: every status, every severity, services primary and correlated, titles that differ
 * only in case, non-ASCII titles and titles holding SQL's {@code LIKE} metacharacters ({@code %},
 * {@code _}, {@code \}), every role, declarations that share an instant and last changes that
 * share one; a reopen, action items and recorded SLA breaches, which only the metrics read. The
 * instants are not whole seconds but whole microseconds (what a store keeps), so that a bound
 * between two microseconds tests how a store compares with one. With the filters that select
 * parts of it and the reference answer of a query.
 */
final class ReadModelData {

    private static final CommandContext ALICE = CommandContext.as("alice");

    /** The first declaration instant; the second group is declared {@link #STEP} later, the third 2 steps. */
    final Instant first;
    /** Where the second group of declarations starts. */
    final Instant second;
    /** Where the third group starts. */
    final Instant third;
    final List<String> ids = new ArrayList<>();

    static final Duration STEP = Duration.ofMinutes(10);

    private ReadModelData(Instant first) {
        this.first = first;
        this.second = first.plus(STEP);
        this.third = first.plus(STEP).plus(STEP);
    }

    /** Declares the incidents through {@code m}, whose clock is {@code clock}, and moves them along. */
    static ReadModelData declare(IncidentManager m, ManualClock clock) {
        clock.advance(Duration.ofNanos(123_456_000L));
        ReadModelData d = new ReadModelData(clock.instant());
        // Three declarations at one instant.
        String a = d.declare(m, "Checkout latency", Severity.SEV2, "checkout");
        String b = d.declare(m, "CHECKOUT errors after deploy", Severity.SEV1, "payments");
        String c = d.declare(m, "Überweisung fehlgeschlagen", Severity.SEV3, "payments");
        clock.advance(STEP);
        String e = d.declare(m, "ÜBERWEISUNG langsam", Severity.SEV4, "search");
        String f = d.declare(m, "100% CPU on db_1", Severity.SEV2, "search");
        String g = d.declare(m, "Path C:\\temp is full", Severity.SEV3, "checkout");
        String h = d.declare(m, "Cache_miss storm", Severity.SEV1, "checkout");
        clock.advance(STEP);
        String i = d.declare(m, "Cache miss storm (again)", Severity.SEV1, "checkout");
        String j = d.declare(m, "50%_off banner wrong", Severity.SEV4, "marketing");
        String k = d.declare(m, "Login fails for Straße users", Severity.SEV3, "auth");
        String l = d.declare(m, "日本語のタイトル", Severity.SEV3, "auth");
        String n = d.declare(m, "Plain outage", Severity.SEV2, "payments");

        clock.advance(Duration.ofMinutes(1));
        m.assignRole(a, Role.COMMANDER, Actor.of("carol"), ALICE);
        m.acknowledge(a, "", ALICE);
        m.correlateService(b, "checkout", "", ALICE);
        m.assignRole(b, Role.TECH_LEAD, Actor.of("dave"), ALICE);
        to(m, b, Status.INVESTIGATING);
        to(m, c, Status.IDENTIFIED);
        clock.advance(Duration.ofMinutes(1));
        to(m, e, Status.MITIGATED);
        m.assignRole(e, Role.COMMANDER, Actor.of("alice"), ALICE);
        to(m, f, Status.RESOLVED);
        // What only the metrics read: a reopen, action items (one done), recorded SLA breaches.
        m.reopen(f, "back again", ALICE);
        m.resolve(f, "", ALICE);
        m.addActionItem(f, "Add an alert", Optional.of(Actor.of("dave")), Optional.empty(), ALICE);
        m.addActionItem(f, "Write the runbook", Optional.empty(), Optional.empty(), ALICE);
        m.completeActionItem(f, 2, ALICE);
        m.execute(b, new Command.RecordSlaBreach(SlaKind.ACK, Duration.ofMinutes(15), clock.instant()), ALICE);
        m.execute(b, new Command.RecordSlaBreach(SlaKind.UPDATE, Duration.ofMinutes(15), clock.instant()), ALICE);
        to(m, g, Status.CLOSED);
        m.cancel(h, "declared by mistake", ALICE);
        m.markDuplicate(i, a, "", ALICE);
        clock.advance(Duration.ofMinutes(1));
        m.escalate(k, Severity.SEV1, "", ALICE);
        m.assignRole(k, Role.COMMANDER, Actor.of("carol"), ALICE);
        m.assignRole(l, Role.COMMS_LEAD, Actor.of("erin"), ALICE);
        m.correlateService(n, "search", "", ALICE);
        m.correlateService(n, "auth", "", ALICE);
        m.assignRole(n, Role.COMMANDER, Actor.of("alice"), ALICE);
        m.assignRole(n, Role.TECH_LEAD, Actor.of("carol"), ALICE);
        // The last changes of these two share an instant (the ones above at the same clock too).
        to(m, n, Status.RESOLVED);
        m.downgrade(k, Severity.SEV2, "", ALICE);
        m.addNote(j, "still open", ALICE);
        return d;
    }

    private String declare(IncidentManager m, String title, Severity severity, String service) {
        String id = m.declare(Declare.of(title, severity, service), ALICE).id();
        ids.add(id);
        return id;
    }

    /** Moves an open incident along the usual path up to {@code target}. */
    private static void to(IncidentManager m, String id, Status target) {
        List<Status> path = List.of(Status.ACKNOWLEDGED, Status.INVESTIGATING, Status.IDENTIFIED, Status.MITIGATED,
                Status.RESOLVED, Status.CLOSED);
        for (Status s : path.subList(0, path.indexOf(target) + 1)) {
            switch (s) {
                case ACKNOWLEDGED -> m.acknowledge(id, "", ALICE);
                case INVESTIGATING -> m.investigate(id, "", ALICE);
                case IDENTIFIED -> m.identify(id, "", ALICE);
                case MITIGATED -> m.mitigate(id, "", ALICE);
                case RESOLVED -> m.resolve(id, "", ALICE);
                case CLOSED -> m.closeIncident(id, "", ALICE);
                default -> throw new IllegalArgumentException(s.toString());
            }
        }
    }

    /** Every filter alone, several combined, and none: each selects a different part of the data. */
    List<IncidentQuery> filters() {
        IncidentQuery all = IncidentQuery.all();
        return List.of(
                all,
                IncidentQuery.active(),
                all.status(Status.RESOLVED, Status.CLOSED),
                all.status(Status.CANCELED, Status.DUPLICATE),
                all.status(Status.OPEN),
                // Active and not active together: neither side of the active flag alone.
                all.status(Status.OPEN, Status.RESOLVED),
                all.status(Status.INVESTIGATING, Status.CLOSED, Status.DUPLICATE),
                all.severity(Severity.SEV1),
                all.severity(Severity.SEV2, Severity.SEV3),
                all.service("checkout"),
                all.service("search"),
                all.service("auth"),
                all.service("nowhere"),
                all.declaredFrom(first).declaredBefore(second),
                all.declaredFrom(second),
                all.declaredBefore(third),
                all.declaredFrom(second).declaredBefore(second),
                // Bounds between two microseconds: a store that rounds them (down, or to the
                // nearest) to its timestamps' precision answers each of these wrongly.
                all.declaredFrom(first.plusNanos(1)).declaredBefore(third.minusNanos(1)),
                all.declaredFrom(second.minusNanos(999)).declaredBefore(second.plusNanos(1)),
                all.declaredFrom(first.minusNanos(500)).declaredBefore(first.plusNanos(500)),
                all.titleContains("checkout"),
                all.titleContains("überweisung"),
                all.titleContains("%"),
                all.titleContains("_"),
                all.titleContains("\\"),
                all.titleContains("STRASSE"),
                all.titleContains("straße"),
                all.titleContains("日本"),
                all.titleContains("cache miss"),
                all.commander("carol"),
                all.commander("alice"),
                all.commander("dave"),
                all.roleHolder("dave"),
                all.roleHolder("carol"),
                all.roleHolder("erin"),
                all.roleHolder("nobody"),
                IncidentQuery.active().service("checkout").severity(Severity.SEV1, Severity.SEV2),
                all.titleContains("c").roleHolder("carol").declaredFrom(first).declaredBefore(third),
                all.status(Status.RESOLVED).service("search").commander("alice"),
                IncidentQuery.active().titleContains("%").severity(Severity.SEV4));
    }

    /** @return {@code query} in each of the six orders */
    static List<IncidentQuery> orders(IncidentQuery query) {
        List<IncidentQuery> out = new ArrayList<>();
        for (SortKey key : SortKey.values()) {
            for (SortDirection direction : SortDirection.values()) {
                out.add(query.sortBy(key, direction));
            }
        }
        return out;
    }

    /** The reference answer: filter with {@code matches}, keep what is after the cursor, sort with the comparator. */
    static List<IncidentSummary> reference(Collection<IncidentSummary> summaries, IncidentQuery query) {
        return summaries.stream().filter(query::matches).filter(query::isAfterCursor).sorted(query.comparator())
                .collect(Collectors.toList());
    }
}
