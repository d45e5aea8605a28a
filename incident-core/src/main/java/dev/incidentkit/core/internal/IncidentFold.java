package dev.incidentkit.core.internal;

import dev.incidentkit.core.Acknowledgement;
import dev.incidentkit.core.ActionItem;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Milestones;
import dev.incidentkit.core.Postmortem;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaBreach;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.IncidentEvent.Acknowledged;
import dev.incidentkit.core.event.IncidentEvent.ActionItemAdded;
import dev.incidentkit.core.event.IncidentEvent.ActionItemCompleted;
import dev.incidentkit.core.event.IncidentEvent.Canceled;
import dev.incidentkit.core.event.IncidentEvent.Declared;
import dev.incidentkit.core.event.IncidentEvent.MarkedDuplicate;
import dev.incidentkit.core.event.IncidentEvent.NoteAdded;
import dev.incidentkit.core.event.IncidentEvent.PostmortemUpdated;
import dev.incidentkit.core.event.IncidentEvent.RoleAssigned;
import dev.incidentkit.core.event.IncidentEvent.ServiceCorrelated;
import dev.incidentkit.core.event.IncidentEvent.SeverityChanged;
import dev.incidentkit.core.event.IncidentEvent.SlaBreached;
import dev.incidentkit.core.event.IncidentEvent.StatusChanged;
import dev.incidentkit.core.event.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pure fold from events to the {@link Incident} snapshot. */
public final class IncidentFold {

    private IncidentFold() {}

    /** Rebuilds an incident from its whole history. */
    public static Incident replay(List<RecordedEvent> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("an incident's history starts with its declaration; got no events");
        }
        State state = State.declared(history.get(0));
        for (int i = 1; i < history.size(); i++) {
            state.apply(history.get(i));
        }
        return state.toIncident();
    }

    /** Applies events that follow {@code current}'s version. */
    public static Incident apply(Incident current, List<RecordedEvent> events) {
        if (events.isEmpty()) {
            return current;
        }
        State state = State.of(current);
        for (RecordedEvent e : events) {
            state.apply(e);
        }
        return state.toIncident();
    }

    /** The mutable working copy of one fold: built once, applied to, turned into a record once. */
    private static final class State {
        String id;
        String title;
        String description;
        Severity severity;
        Severity peakSeverity;
        Status status;
        String service;
        List<String> correlatedServices;
        Map<Role, Actor> roles;
        boolean warRoom;
        Actor declaredBy;
        Instant impactStartedAt;
        Instant detectedAt;
        Instant declaredAt;
        Optional<Instant> acknowledgedAt;
        Optional<Instant> identifiedAt;
        Optional<Instant> mitigatedAt;
        Optional<Instant> resolvedAt;
        Optional<Instant> closedAt;
        Optional<Acknowledgement> acknowledgement;
        Instant lastUpdateAt;
        int notesCount;
        List<ActionItem> actionItems;
        Postmortem postmortem;
        List<SlaBreach> slaBreaches;
        int reopenCount;
        Optional<String> cancelReason;
        Optional<String> duplicateOf;
        long version;

        static State declared(RecordedEvent first) {
            if (!(first.event() instanceof Declared)) {
                throw new IllegalArgumentException("incident " + first.incidentId()
                        + " must start with incident.declared, not " + first.type());
            }
            if (first.version() != 1) {
                throw new IllegalArgumentException("incident " + first.incidentId()
                        + " must start at version 1, not " + first.version());
            }
            Declared d = (Declared) first.event();
            State s = new State();
            s.id = first.incidentId();
            s.title = d.title();
            s.description = d.description();
            s.severity = d.severity();
            s.peakSeverity = d.severity();
            s.status = Status.OPEN;
            s.service = d.service();
            // Immutable and empty: the copy-on-write accessors below copy them on the first change.
            s.correlatedServices = List.of();
            s.roles = Map.of();
            s.warRoom = d.warRoom();
            s.declaredBy = first.actor();
            s.impactStartedAt = d.impactStartedAt();
            s.detectedAt = d.detectedAt();
            s.declaredAt = first.occurredAt();
            s.acknowledgedAt = Optional.empty();
            s.identifiedAt = Optional.empty();
            s.mitigatedAt = Optional.empty();
            s.resolvedAt = Optional.empty();
            s.closedAt = Optional.empty();
            s.acknowledgement = Optional.empty();
            s.lastUpdateAt = first.occurredAt();
            s.actionItems = List.of();
            s.postmortem = Postmortem.EMPTY;
            s.slaBreaches = List.of();
            s.cancelReason = Optional.empty();
            s.duplicateOf = Optional.empty();
            s.version = 1;
            return s;
        }

        static State of(Incident i) {
            State s = new State();
            s.id = i.id();
            s.title = i.title();
            s.description = i.description();
            s.severity = i.severity();
            s.peakSeverity = i.peakSeverity();
            s.status = i.status();
            s.service = i.service();
            s.correlatedServices = i.correlatedServices();
            s.roles = i.roles();
            s.warRoom = i.warRoom();
            s.declaredBy = i.declaredBy();
            Milestones m = i.milestones();
            s.impactStartedAt = m.impactStartedAt();
            s.detectedAt = m.detectedAt();
            s.declaredAt = m.declaredAt();
            s.acknowledgedAt = m.acknowledgedAt();
            s.identifiedAt = m.identifiedAt();
            s.mitigatedAt = m.mitigatedAt();
            s.resolvedAt = m.resolvedAt();
            s.closedAt = m.closedAt();
            s.acknowledgement = i.acknowledgement();
            s.lastUpdateAt = i.lastUpdateAt();
            s.notesCount = i.notesCount();
            s.actionItems = i.actionItems();
            s.postmortem = i.postmortem();
            s.slaBreaches = i.slaBreaches();
            s.reopenCount = i.reopenCount();
            s.cancelReason = i.cancelReason();
            s.duplicateOf = i.duplicateOf();
            s.version = i.version();
            return s;
        }

        // A snapshot's collections are immutable: a State starting from one copies a collection only
        // when an event changes it, so that the common command (a note, a status change) copies none.
        private List<String> correlatedServices() {
            if (!(correlatedServices instanceof ArrayList)) {
                correlatedServices = new ArrayList<>(correlatedServices);
            }
            return correlatedServices;
        }

        private Map<Role, Actor> roles() {
            if (!(roles instanceof EnumMap)) {
                Map<Role, Actor> copy = new EnumMap<>(Role.class);
                copy.putAll(roles);
                roles = copy;
            }
            return roles;
        }

        private List<ActionItem> actionItems() {
            if (!(actionItems instanceof ArrayList)) {
                actionItems = new ArrayList<>(actionItems);
            }
            return actionItems;
        }

        private List<SlaBreach> slaBreaches() {
            if (!(slaBreaches instanceof ArrayList)) {
                slaBreaches = new ArrayList<>(slaBreaches);
            }
            return slaBreaches;
        }

        void apply(RecordedEvent e) {
            if (!e.incidentId().equals(id)) {
                throw new IllegalArgumentException("event of " + e.incidentId() + " cannot apply to incident " + id);
            }
            if (e.version() != version + 1) {
                throw new IllegalArgumentException("incident " + id + " is at version " + version
                        + "; the next event must be version " + (version + 1) + ", not " + e.version());
            }
            version = e.version();
            Instant at = e.occurredAt();
            IncidentEvent event = e.event();
            if (event instanceof Acknowledged) {
                Acknowledged a = (Acknowledged) event;
                status = Status.ACKNOWLEDGED;
                if (acknowledgement.isEmpty()) {
                    acknowledgement = Optional.of(new Acknowledgement(e.actor(), at, a.note()));
                    acknowledgedAt = Optional.of(at);
                }
                a.role().ifPresent(role -> roles().put(role, e.actor()));
                touched(at);
            } else if (event instanceof StatusChanged) {
                StatusChanged c = (StatusChanged) event;
                if (c.isReopen()) {
                    reopenCount++;
                    resolvedAt = Optional.empty();
                    closedAt = Optional.empty();
                    cancelReason = Optional.empty();
                    duplicateOf = Optional.empty();
                }
                status = c.to();
                switch (c.to()) {
                    case IDENTIFIED:
                        identifiedAt = identifiedAt.or(() -> Optional.of(at));
                        break;
                    case MITIGATED:
                        mitigatedAt = mitigatedAt.or(() -> Optional.of(at));
                        break;
                    case RESOLVED:
                        resolvedAt = Optional.of(at);
                        break;
                    case CLOSED:
                        closedAt = Optional.of(at);
                        break;
                    default:
                        break;
                }
                touched(at);
            } else if (event instanceof NoteAdded) {
                notesCount++;
                touched(at);
            } else if (event instanceof SeverityChanged) {
                severity = ((SeverityChanged) event).to();
                if (severity.isMoreSevereThan(peakSeverity)) {
                    peakSeverity = severity;
                }
            } else if (event instanceof ServiceCorrelated) {
                correlatedServices().add(((ServiceCorrelated) event).service());
            } else if (event instanceof RoleAssigned) {
                RoleAssigned r = (RoleAssigned) event;
                roles().put(r.role(), r.assignee());
            } else if (event instanceof ActionItemAdded) {
                ActionItemAdded a = (ActionItemAdded) event;
                actionItems().add(new ActionItem(a.itemId(), a.text(), a.owner(), a.due(), at, Optional.empty()));
            } else if (event instanceof ActionItemCompleted) {
                int index = ((ActionItemCompleted) event).itemId() - 1;
                ActionItem item = actionItems().get(index);
                actionItems().set(index, new ActionItem(item.id(), item.text(), item.owner(), item.due(), item.addedAt(), Optional.of(at)));
            } else if (event instanceof PostmortemUpdated) {
                postmortem = postmortem.with(((PostmortemUpdated) event).changes());
            } else if (event instanceof SlaBreached) {
                SlaBreached b = (SlaBreached) event;
                slaBreaches().add(new SlaBreach(b.kind(), b.target(), b.deadline(), at));
            } else if (event instanceof Canceled) {
                status = Status.CANCELED;
                cancelReason = Optional.of(((Canceled) event).reason());
                touched(at);
            } else if (event instanceof MarkedDuplicate) {
                status = Status.DUPLICATE;
                duplicateOf = Optional.of(((MarkedDuplicate) event).duplicateOf());
                touched(at);
            } else if (event instanceof Declared) {
                throw new IllegalArgumentException("incident " + id + " is declared twice, at version " + e.version());
            }
        }

        private void touched(Instant at) {
            if (at.isAfter(lastUpdateAt)) {
                lastUpdateAt = at;
            }
        }

        Incident toIncident() {
            return new Incident(id, title, description, severity, peakSeverity, status, service, correlatedServices, roles, warRoom,
                    declaredBy,
                    new Milestones(impactStartedAt, detectedAt, declaredAt, acknowledgedAt, identifiedAt, mitigatedAt,
                            resolvedAt, closedAt),
                    acknowledgement, lastUpdateAt, notesCount, actionItems, postmortem, slaBreaches, reopenCount,
                    cancelReason, duplicateOf, version);
        }
    }
}
