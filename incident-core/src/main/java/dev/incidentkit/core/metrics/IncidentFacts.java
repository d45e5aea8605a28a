package dev.incidentkit.core.metrics;

import dev.incidentkit.core.Acknowledgement;
import dev.incidentkit.core.ActionItem;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Milestones;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaBreach;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the metrics read of an incident: the few fields {@link Metrics}, {@link MetricQuery#matches}
 * and {@link MetricsProjection} use, and nothing else. {@link #of(Incident)} takes them from a
 * snapshot; a store may keep them apart from its snapshots, so that a report over many incidents
 * reads a few columns of each instead of decoding every snapshot ({@link
 * dev.incidentkit.core.spi.EventStore#findFacts}). A report over facts equals the report over the
 * incidents they were taken from ({@link Metrics#computeFacts}).
 *
 * @param id the incident's id
 * @param status where it is in its lifecycle
 * @param severity its severity now
 * @param peakSeverity the most severe it has been
 * @param service its primary service
 * @param correlatedServices its other services, in the order they were added
 * @param roleHolders everyone holding a role now (the responder filter's "holds a role")
 * @param milestones its milestones
 * @param acknowledgedBy who gave the first acknowledgement, if there was one
 * @param slaBreached the SLA clocks with at least one recorded breach
 * @param reopenCount how many times it was reopened
 * @param actionItems when each action item was added and completed, in item order
 * @since 0.2.0
 */
public record IncidentFacts(
        String id,
        Status status,
        Severity severity,
        Severity peakSeverity,
        String service,
        List<String> correlatedServices,
        Set<Actor> roleHolders,
        Milestones milestones,
        Optional<Actor> acknowledgedBy,
        Set<SlaKind> slaBreached,
        int reopenCount,
        List<ActionItemTimes> actionItems) {

    /**
     * Checks the components and copies the collections; the sets become sorted ones.
     *
     * @throws IllegalArgumentException if {@code severity} is more severe than {@code peakSeverity},
     *     or {@code reopenCount} is negative
     */
    public IncidentFacts {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(peakSeverity, "peakSeverity");
        if (severity.isMoreSevereThan(peakSeverity)) {
            throw new IllegalArgumentException("peakSeverity " + peakSeverity + " is less severe than severity " + severity);
        }
        Objects.requireNonNull(service, "service");
        correlatedServices = List.copyOf(correlatedServices);
        roleHolders = roleHolders.isEmpty() ? Collections.emptySortedSet()
                : Collections.unmodifiableSortedSet(new TreeSet<>(roleHolders));
        Objects.requireNonNull(milestones, "milestones");
        Objects.requireNonNull(acknowledgedBy, "acknowledgedBy");
        slaBreached = slaBreached.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(slaBreached));
        if (reopenCount < 0) {
            throw new IllegalArgumentException("reopenCount must not be negative, got " + reopenCount);
        }
        actionItems = List.copyOf(actionItems);
    }

    /**
     * @param incident an incident
     * @return what the metrics read of it
     */
    public static IncidentFacts of(Incident incident) {
        List<ActionItem> items = incident.actionItems();
        List<ActionItemTimes> times = new ArrayList<>(items.size());
        for (ActionItem item : items) {
            times.add(new ActionItemTimes(item.addedAt(), item.completedAt()));
        }
        return new IncidentFacts(incident.id(), incident.status(), incident.severity(), incident.peakSeverity(),
                incident.service(), incident.correlatedServices(), Set.copyOf(incident.roles().values()), incident.milestones(),
                incident.acknowledgement().map(Acknowledgement::by), breachedKinds(incident.slaBreaches()),
                incident.reopenCount(), times);
    }

    private static Set<SlaKind> breachedKinds(List<SlaBreach> breaches) {
        if (breaches.isEmpty()) {
            return Set.of();
        }
        Set<SlaKind> kinds = EnumSet.noneOf(SlaKind.class);
        breaches.forEach(b -> kinds.add(b.kind()));
        return kinds;
    }

    /**
     * @return the primary service followed by the correlated ones, as {@link Incident#services()}
     */
    public List<String> services() {
        if (correlatedServices.isEmpty()) {
            return List.of(service);
        }
        List<String> all = new ArrayList<>(1 + correlatedServices.size());
        all.add(service);
        all.addAll(correlatedServices);
        return List.copyOf(all);
    }

    /**
     * What the metrics read of one action item: when it was added and when it was completed.
     *
     * @param addedAt when it was added
     * @param completedAt when it was completed, if it was
     * @since 0.2.0
     */
    public record ActionItemTimes(Instant addedAt, Optional<Instant> completedAt) {

        /** Checks that no component is null. */
        public ActionItemTimes {
            Objects.requireNonNull(addedAt, "addedAt");
            Objects.requireNonNull(completedAt, "completedAt");
        }
    }
}
