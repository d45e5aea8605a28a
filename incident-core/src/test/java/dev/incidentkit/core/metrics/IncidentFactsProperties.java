package dev.incidentkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.ActionItem;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.EventArbitraries;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaBreach;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * What the metrics read of an incident ({@link IncidentFacts}) is enough for them: over random
 * incidents (folds of random histories of every event record, hostile text, the edges of time)
 * and queries made from those incidents' own values, the report over the facts equals the report
 * over the incidents, also when the facts are put together again from their parts as a store
 * reading columns does; and the figures the facts added for the read model (acknowledger, role
 * holders, breached SLA kinds, reopens, action items) agree with a reference written here from the
 * rules in the Javadoc, straight from the incidents, not through {@code Rules}.
 */
class IncidentFactsProperties {

    @Property(tries = 200)
    void theReportOverTheFactsIsTheReportOverTheIncidents(@ForAll("incidents") List<Incident> incidents,
            @ForAll @IntRange(min = 0, max = 1_000) int pick) {
        List<IncidentFacts> facts = incidents.stream().map(IncidentFacts::of).collect(Collectors.toList());
        List<IncidentFacts> rebuilt = facts.stream().map(IncidentFactsProperties::reassembled)
                .collect(Collectors.toList());
        assertThat(rebuilt).isEqualTo(facts);

        for (MetricQuery query : queries(incidents, pick)) {
            MetricsReport report = Metrics.compute(incidents, query);
            assertThat(Metrics.computeFacts(facts, query)).as("%s", query).isEqualTo(report);
            assertThat(Metrics.computeFacts(rebuilt, query)).as("%s, reassembled", query).isEqualTo(report);
            for (int i = 0; i < incidents.size(); i++) {
                assertThat(query.matches(facts.get(i))).isEqualTo(reference(query, incidents.get(i)));
            }
            checkAgainstTheRules(incidents, query, report);
        }
    }

    @Provide
    Arbitrary<List<Incident>> incidents() {
        return EventArbitraries.incident().list().ofMaxSize(12);
    }

    /** The facts put together from their parts in other shapes: sets from lists, in other orders. */
    private static IncidentFacts reassembled(IncidentFacts f) {
        List<Actor> holders = new ArrayList<>(f.roleHolders());
        Collections.reverse(holders);
        List<IncidentFacts.ActionItemTimes> items = new ArrayList<>();
        f.actionItems().forEach(t -> items.add(new IncidentFacts.ActionItemTimes(t.addedAt(), t.completedAt())));
        return new IncidentFacts(f.id(), f.status(), f.severity(), f.peakSeverity(), f.service(),
                new ArrayList<>(f.correlatedServices()), new LinkedHashSet<>(holders), f.milestones(),
                f.acknowledgedBy().map(a -> Actor.of(a.name())), new HashSet<>(f.slaBreached()), f.reopenCount(),
                items);
    }

    /** Queries that select some of the incidents: by their own services, severities, responders and instants. */
    private static List<MetricQuery> queries(List<Incident> incidents, int pick) {
        List<MetricQuery> out = new ArrayList<>(List.of(MetricQuery.all(),
                MetricQuery.all().severityBasis(SeverityBasis.CURRENT)));
        if (incidents.isEmpty()) {
            return out;
        }
        Incident some = incidents.get(pick % incidents.size());
        Instant declared = some.milestones().declaredAt();
        out.add(MetricQuery.all().since(declared));
        out.add(MetricQuery.all().until(declared.plusNanos(1)).asOf(declared.plus(Duration.ofDays(91))));
        out.add(MetricQuery.all().severity(some.peakSeverity()));
        out.add(MetricQuery.all().severity(some.severity()).severityBasis(SeverityBasis.CURRENT));
        out.add(MetricQuery.all().service(some.services().get(pick % some.services().size())));
        List<Actor> responders = new ArrayList<>(some.roles().values());
        some.acknowledgement().ifPresent(a -> responders.add(a.by()));
        responders.add(some.declaredBy());
        out.add(MetricQuery.all().responder(responders.get(pick % responders.size())));
        some.actionItems().stream().findFirst()
                .ifPresent(item -> out.add(MetricQuery.all().asOf(item.addedAt().plus(Duration.ofDays(90 + pick % 3)))));
        return out;
    }

    /** MetricQuery's filters, from its Javadoc, over the incident itself. */
    private static boolean reference(MetricQuery q, Incident incident) {
        Instant declared = incident.milestones().declaredAt();
        Severity severity = q.severityBasis() == SeverityBasis.PEAK ? incident.peakSeverity() : incident.severity();
        boolean responder = q.responder().isEmpty()
                || incident.acknowledgement().map(a -> a.by().equals(q.responder().get())).orElse(false)
                || incident.roles().containsValue(q.responder().get());
        return (q.since().isEmpty() || !declared.isBefore(q.since().get()))
                && (q.until().isEmpty() || declared.isBefore(q.until().get()))
                && (q.severities().isEmpty() || q.severities().contains(severity))
                && (q.services().isEmpty() || incident.services().stream().anyMatch(q.services()::contains))
                && responder;
    }

    /** The counts the facts added for the read model, as SlaCompliance, ActionItemClosure and MetricsReport define them. */
    private static void checkAgainstTheRules(List<Incident> incidents, MetricQuery query, MetricsReport report) {
        long covered = 0;
        long canceled = 0;
        long duplicates = 0;
        long reopened = 0;
        long[] items = new long[4];
        Map<SlaKind, Map<Severity, long[]>> sla = new EnumMap<>(SlaKind.class);
        Map<Actor, Long> acks = new TreeMap<>();
        for (Incident incident : incidents) {
            if (!reference(query, incident)) {
                continue;
            }
            if (incident.status() == Status.CANCELED) {
                canceled++;
                continue;
            }
            if (incident.status() == Status.DUPLICATE) {
                duplicates++;
                continue;
            }
            covered++;
            if (incident.reopenCount() > 0) {
                reopened++;
            }
            for (ActionItem item : incident.actionItems()) {
                Duration limit = Metrics.ACTION_ITEM_DEADLINE;
                if (item.completedAt().isPresent()) {
                    items[Duration.between(item.addedAt(), item.completedAt().get()).compareTo(limit) <= 0 ? 0 : 1]++;
                } else {
                    boolean overdue = query.asOf().isPresent()
                            && Duration.between(item.addedAt(), query.asOf().get()).compareTo(limit) > 0;
                    items[overdue ? 2 : 3]++;
                }
            }
            Severity severity = query.severityBasis() == SeverityBasis.PEAK ? incident.peakSeverity() : incident.severity();
            for (SlaKind kind : SlaKind.values()) {
                Optional<Boolean> met = slaMet(incident, kind);
                met.ifPresent(m -> sla.computeIfAbsent(kind, k -> new EnumMap<>(Severity.class))
                        .computeIfAbsent(severity, s -> new long[2])[m ? 0 : 1]++);
            }
            if (incident.milestones().acknowledgedAt().isPresent()) {
                acks.merge(incident.acknowledgement().orElseThrow().by(), 1L, Long::sum);
            }
        }
        assertThat(report.incidents()).isEqualTo(covered);
        assertThat(report.canceled()).isEqualTo(canceled);
        assertThat(report.duplicates()).isEqualTo(duplicates);
        assertThat(report.reopened()).isEqualTo(reopened);
        assertThat(report.actionItems()).isEqualTo(new ActionItemClosure(items[0], items[1], items[2], items[3]));
        for (SlaKind kind : SlaKind.values()) {
            for (Severity severity : Severity.values()) {
                long[] c = sla.getOrDefault(kind, Map.of()).getOrDefault(severity, new long[2]);
                assertThat(report.slaCompliance().get(kind).get(severity)).as("%s %s", kind, severity)
                        .isEqualTo(new SlaCompliance(c[0], c[1]));
            }
        }
        Map<Actor, Long> ackCounts = new TreeMap<>();
        report.acknowledgeTimes().forEach((actor, stats) -> ackCounts.put(actor, stats.count()));
        assertThat(ackCounts).isEqualTo(acks);
    }

    /** SlaCompliance's rules: met, missed, or empty while the clock runs. */
    private static Optional<Boolean> slaMet(Incident incident, SlaKind kind) {
        for (SlaBreach breach : incident.slaBreaches()) {
            if (breach.kind() == kind) {
                return Optional.of(false);
            }
        }
        if (kind == SlaKind.ACK) {
            if (incident.milestones().acknowledgedAt().isPresent()) {
                return Optional.of(true);
            }
            return incident.status() == Status.OPEN ? Optional.empty() : Optional.of(false);
        }
        return incident.milestones().resolvedAt().isPresent() ? Optional.of(true) : Optional.empty();
    }
}
