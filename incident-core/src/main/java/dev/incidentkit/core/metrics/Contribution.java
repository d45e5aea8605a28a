package dev.incidentkit.core.metrics;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one incident adds to a report of a fixed query: {@link MetricsProjection} adds it when the
 * incident appears and, on each of its events, takes the old one away and adds the new one.
 *
 * <p>The intervals here are taken from the public definition ({@link Metric#start}, {@link
 * Metric#end}), not from the shortcut {@link Metrics#compute} takes, so that the property tests
 * comparing the two check one against the other.
 */
final class Contribution {

    static final int COVERED = 0;
    static final int CANCELED = 1;
    static final int DUPLICATE = 2;

    final String incidentId;
    final int kind;
    final long[] intervals = new long[Metric.values().length];
    final int severity;
    final List<String> services;
    final long epochDay;
    final int[] sla = new int[SlaKind.values().length];
    final Optional<Actor> acknowledgedBy;
    final boolean reopened;
    final long[] actionItems = new long[4];
    final long impactStartedAt;
    final long resolvedAt;

    private Contribution(IncidentFacts incident, int kind, MetricQuery query, Rules.Days days) {
        this.incidentId = incident.id();
        this.kind = kind;
        for (Metric metric : Metric.values()) {
            Optional<Instant> start = metric.start(incident.milestones());
            Optional<Instant> end = metric.end(incident.milestones());
            intervals[metric.ordinal()] = start.isPresent() && end.isPresent()
                    ? Rules.micros(end.get()) - Rules.micros(start.get())
                    : Rules.MISSING;
        }
        this.severity = query.severityBasis().of(incident).ordinal();
        List<String> kept = new ArrayList<>();
        for (String service : incident.services()) {
            if (query.keepsService(service)) {
                kept.add(service);
            }
        }
        this.services = List.copyOf(kept);
        this.epochDay = days.epochDay(incident.milestones().declaredAt());
        int breached = Rules.breached(incident.slaBreached());
        for (SlaKind k : SlaKind.values()) {
            sla[k.ordinal()] = Rules.sla(k, breached, incident);
        }
        this.acknowledgedBy = incident.acknowledgedBy();
        this.reopened = incident.reopenCount() > 0;
        long asOf = Rules.micros(query.asOf());
        incident.actionItems().forEach(item -> actionItems[Rules.actionItem(item, asOf)]++);
        this.impactStartedAt = Rules.micros(incident.milestones().impactStartedAt());
        this.resolvedAt = incident.milestones().resolvedAt().map(Rules::micros).orElse(Rules.UNRESOLVED);
    }

    /** @return what the incident adds to the query's report; empty if the query does not match it */
    static Optional<Contribution> of(IncidentFacts incident, MetricQuery query, Rules.Days days) {
        if (!query.matches(incident)) {
            return Optional.empty();
        }
        int kind = incident.status() == Status.CANCELED ? CANCELED
                : incident.status() == Status.DUPLICATE ? DUPLICATE : COVERED;
        return Optional.of(new Contribution(incident, kind, query, days));
    }
}
