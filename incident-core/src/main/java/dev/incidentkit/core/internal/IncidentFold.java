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

    /**
     * The mutable working copy of one fold: built once, applied to, turned into a record once.
     * Each event changes it through the visitor, which sees the event being applied in {@link
     * #applying}.
     */
    private static final class State implements IncidentEvent.Visitor<Void> {
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
        /** The event being applied. */
        RecordedEvent applying;

        static State declared(RecordedEvent first) {
            if (!(first.event() instanceof Declared d)) {
                throw new IllegalArgumentException("incident " + first.incidentId()
                        + " must start with incident.declared, not " + first.type());
            }
            if (first.version() != 1) {
                throw new IllegalArgumentException("incident " + first.incidentId()
                        + " must start at version 1, not " + first.version());
            }
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
            applying = e;
            e.event().accept(this);
        }

        @Override
        public Void declared(Declared d) {
            throw new IllegalArgumentException("incident " + id + " is declared twice, at version " + applying.version());
        }

        @Override
        public Void acknowledged(Acknowledged a) {
            Instant at = applying.occurredAt();
            status = Status.ACKNOWLEDGED;
            if (acknowledgement.isEmpty()) {
                acknowledgement = Optional.of(new Acknowledgement(applying.actor(), at, a.note()));
                acknowledgedAt = Optional.of(at);
            }
            if (a.role().isPresent()) {
                roles().put(a.role().get(), applying.actor());
            }
            touched(at);
            return null;
        }

        @Override
        public Void statusChanged(StatusChanged c) {
            Instant at = applying.occurredAt();
            if (c.isReopen()) {
                reopenCount++;
                resolvedAt = Optional.empty();
                closedAt = Optional.empty();
                cancelReason = Optional.empty();
                duplicateOf = Optional.empty();
            }
            status = c.to();
            switch (c.to()) {
                case IDENTIFIED -> identifiedAt = identifiedAt.isPresent() ? identifiedAt : Optional.of(at);
                case MITIGATED -> mitigatedAt = mitigatedAt.isPresent() ? mitigatedAt : Optional.of(at);
                case RESOLVED -> resolvedAt = Optional.of(at);
                case CLOSED -> closedAt = Optional.of(at);
                default -> { }
            }
            touched(at);
            return null;
        }

        @Override
        public Void noteAdded(NoteAdded n) {
            notesCount++;
            touched(applying.occurredAt());
            return null;
        }

        @Override
        public Void severityChanged(SeverityChanged c) {
            severity = c.to();
            if (severity.isMoreSevereThan(peakSeverity)) {
                peakSeverity = severity;
            }
            return null;
        }

        @Override
        public Void serviceCorrelated(ServiceCorrelated c) {
            correlatedServices().add(c.service());
            return null;
        }

        @Override
        public Void roleAssigned(RoleAssigned r) {
            roles().put(r.role(), r.assignee());
            return null;
        }

        @Override
        public Void actionItemAdded(ActionItemAdded a) {
            actionItems().add(new ActionItem(a.itemId(), a.text(), a.owner(), a.due(), applying.occurredAt(), Optional.empty()));
            return null;
        }

        @Override
        public Void actionItemCompleted(ActionItemCompleted c) {
            int index = c.itemId() - 1;
            ActionItem item = actionItems().get(index);
            actionItems().set(index, new ActionItem(item.id(), item.text(), item.owner(), item.due(), item.addedAt(),
                    Optional.of(applying.occurredAt())));
            return null;
        }

        @Override
        public Void postmortemUpdated(PostmortemUpdated p) {
            postmortem = postmortem.with(p.changes());
            return null;
        }

        @Override
        public Void alertAttached(IncidentEvent.AlertAttached a) {
            return null;   // the alert store keeps alerts; the snapshot does not
        }

        @Override
        public Void alertResolved(IncidentEvent.AlertResolved r) {
            return null;
        }

        @Override
        public Void paged(IncidentEvent.Paged p) {
            return null;   // a page is a fact of the timeline; the snapshot keeps nothing of it
        }

        @Override
        public Void publicUpdatePosted(IncidentEvent.PublicUpdatePosted p) {
            return null;   // the status page reads public updates from the timeline
        }

        @Override
        public Void updateDue(IncidentEvent.UpdateDue u) {
            return null;   // a reminder changes nothing; the update it asks for does
        }

        @Override
        public Void slaBreached(SlaBreached b) {
            slaBreaches().add(new SlaBreach(b.kind(), b.target(), b.deadline(), applying.occurredAt()));
            return null;
        }

        @Override
        public Void canceled(Canceled c) {
            status = Status.CANCELED;
            cancelReason = Optional.of(c.reason());
            touched(applying.occurredAt());
            return null;
        }

        @Override
        public Void markedDuplicate(MarkedDuplicate m) {
            status = Status.DUPLICATE;
            duplicateOf = Optional.of(m.duplicateOf());
            touched(applying.occurredAt());
            return null;
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
