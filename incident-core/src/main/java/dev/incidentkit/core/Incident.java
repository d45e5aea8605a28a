package dev.incidentkit.core;

import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.internal.IncidentFold;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An incident as its events make it: an immutable snapshot, rebuilt by a pure fold over its
 * history ({@link #replay}).
 *
 * @param id such as {@code INC-2025-001}
 * @param title what is wrong
 * @param description more detail, possibly empty
 * @param severity how bad it is now
 * @param peakSeverity the most severe it has been: the declared severity or a later escalation,
 *     whatever downgrades followed (what an incident review calls its severity)
 * @param status where it is in its lifecycle
 * @param service the primary affected service
 * @param correlatedServices other affected services, in the order they were added
 * @param roles who holds which role (in no particular order; see {@link #role(Role)})
 * @param warRoom whether a war room was opened
 * @param declaredBy who declared it
 * @param milestones the instants the metrics measure between
 * @param acknowledgement the first acknowledgement, if any
 * @param lastUpdateAt the last time responders said something: the declaration, an
 *     acknowledgement, a status change or a note
 * @param notesCount how many notes were added
 * @param actionItems follow-up tasks, by id
 * @param postmortem the written postmortem
 * @param slaBreaches the SLA breaches recorded, in order
 * @param reopenCount how many times it was reopened
 * @param cancelReason why it was canceled, while it is
 * @param duplicateOf the surviving incident, while this one is a duplicate
 * @param version how many events it has
 * @since 0.1.0
 */
public record Incident(
        String id,
        String title,
        String description,
        Severity severity,
        Severity peakSeverity,
        Status status,
        String service,
        List<String> correlatedServices,
        Map<Role, Actor> roles,
        boolean warRoom,
        Actor declaredBy,
        Milestones milestones,
        Optional<Acknowledgement> acknowledgement,
        Instant lastUpdateAt,
        int notesCount,
        List<ActionItem> actionItems,
        Postmortem postmortem,
        List<SlaBreach> slaBreaches,
        int reopenCount,
        Optional<String> cancelReason,
        Optional<String> duplicateOf,
        long version) {

    /**
     * Checks that no component is null and copies the collections.
     *
     * @throws IllegalArgumentException if {@code severity} is more severe than {@code peakSeverity}
     */
    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(peakSeverity, "peakSeverity");
        if (severity.isMoreSevereThan(peakSeverity)) {
            throw new IllegalArgumentException("peakSeverity " + peakSeverity + " is less severe than severity " + severity);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(service, "service");
        correlatedServices = List.copyOf(correlatedServices);
        roles = Map.copyOf(roles);
        Objects.requireNonNull(declaredBy, "declaredBy");
        Objects.requireNonNull(milestones, "milestones");
        Objects.requireNonNull(acknowledgement, "acknowledgement");
        Objects.requireNonNull(lastUpdateAt, "lastUpdateAt");
        actionItems = List.copyOf(actionItems);
        Objects.requireNonNull(postmortem, "postmortem");
        slaBreaches = List.copyOf(slaBreaches);
        Objects.requireNonNull(cancelReason, "cancelReason");
        Objects.requireNonNull(duplicateOf, "duplicateOf");
    }

    /**
     * A snapshot whose severity never changed: its peak is its current severity. The constructor
     * of 0.1.0, kept for code that builds snapshots by hand.
     *
     * @see #Incident(String, String, String, Severity, Severity, Status, String, List, Map, boolean, Actor,
     *     Milestones, Optional, Instant, int, List, Postmortem, List, int, Optional, Optional, long)
     */
    public Incident(String id, String title, String description, Severity severity, Status status, String service,
            List<String> correlatedServices, Map<Role, Actor> roles, boolean warRoom, Actor declaredBy,
            Milestones milestones, Optional<Acknowledgement> acknowledgement, Instant lastUpdateAt, int notesCount,
            List<ActionItem> actionItems, Postmortem postmortem, List<SlaBreach> slaBreaches, int reopenCount,
            Optional<String> cancelReason, Optional<String> duplicateOf, long version) {
        this(id, title, description, severity, severity, status, service, correlatedServices, roles, warRoom,
                declaredBy, milestones, acknowledgement, lastUpdateAt, notesCount, actionItems, postmortem, slaBreaches,
                reopenCount, cancelReason, duplicateOf, version);
    }

    /**
     * Rebuilds an incident from its history: a pure function of the events.
     *
     * @param history the incident's events in version order, starting with its declaration
     * @return the incident after the last event
     * @throws IllegalArgumentException if the history is empty, does not start with a
     *     declaration, mixes incidents or skips a version
     */
    public static Incident replay(List<RecordedEvent> history) {
        return IncidentFold.replay(history);
    }

    /**
     * @param role a role
     * @return who holds it, if anyone
     */
    public Optional<Actor> role(Role role) {
        return Optional.ofNullable(roles.get(role));
    }

    /** @return the primary service followed by the correlated ones */
    public List<String> services() {
        if (correlatedServices.isEmpty()) {
            return List.of(service);
        }
        var all = new ArrayList<String>(1 + correlatedServices.size());
        all.add(service);
        all.addAll(correlatedServices);
        return List.copyOf(all);
    }

    /**
     * @param itemId an action item's id
     * @return the action item, if there is one with that id
     */
    public Optional<ActionItem> actionItem(int itemId) {
        return itemId >= 1 && itemId <= actionItems.size() ? Optional.of(actionItems.get(itemId - 1)) : Optional.empty();
    }
}
