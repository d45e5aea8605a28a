package dev.incidentkit.core.spi;

import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertCounts;
import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.alert.AlertQuery;
import dev.incidentkit.core.alert.AlertStatus;
import dev.incidentkit.core.alert.Silence;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.internal.EventData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where alerts, their groups, the storm counters and the silences are kept: what decides, for
 * every process sharing the store, that an alert is new or a repeat, which incident a group has,
 * and who declares it. {@code AlertStoreContract} in {@code incident-testkit} checks every rule.
 *
 * <p>Each method is atomic on its own: for a shared database, one transaction (or one statement)
 * whose row locks and unique keys decide races between processes; a store that locks alert rows
 * locks several in the order of source, then dedup key, here and in {@link EventStore#append}.
 * Nothing here writes events; {@link dev.incidentkit.core.alert.AlertIntake} appends them after
 * the store decided, with command ids that make a retry by another process safe, and claims with
 * an expiry so that an alert or group whose process died is taken over. An alert's incident is
 * recorded by the append of its {@code incident.alert_attached} event ({@link EventStore#append}).
 *
 * <p>Instants are kept to the microsecond, as {@link EventStore}'s are.
 *
 * @since 0.3.0
 */
public interface AlertStore {

    /**
     * Receives firing alerts, in one transaction where the store has them, each atomically per
     * source and dedup key, by the rule of {@link Incoming#receive}: a new episode when none is
     * stored or the stored one resolved, else a repeat (which may claim it again). The same source
     * and dedup key twice in the list: the second is a repeat of the first. A store that locks
     * rows locks them in the order of source, then dedup key, so that two lists that share
     * alerts never wait for each other in a cycle.
     *
     * @param alerts what came, in order
     * @param now when
     * @param claimUntil until when the caller holds the alerts it is to route
     * @return what the store decided for each, in the order of {@code alerts}
     */
    List<Received> receiveFiring(List<Incoming> alerts, Instant now, Instant claimUntil);

    /**
     * Receives one firing alert: {@link #receiveFiring(List, Instant, Instant)} of it alone.
     *
     * @return what the store decided, and the alert after it
     */
    default Received receiveFiring(String newId, AlertDetails details, Instant now, Optional<String> suppressedBy,
            Instant claimUntil) {
        return receiveFiring(List.of(new Incoming(newId, details, suppressedBy)), now, claimUntil).get(0);
    }

    /**
     * Receives a resolution, atomically per source and dedup key: a firing alert becomes resolved
     * ({@code resolvedAt} and last seen {@code now}).
     *
     * @return the alert after it, if it was firing; empty if none is stored or it was resolved already
     */
    Optional<Alert> receiveResolved(String source, String dedupKey, Instant now);

    /** @return the alert stored for a source and dedup key, if any */
    Optional<Alert> find(String source, String dedupKey);

    /**
     * Records the incident that alerts declared or joined, and ends their claims, atomically.
     * {@link EventStore#append} of a store that keeps alerts does this, in its own transaction,
     * for the alerts its {@code incident.alert_attached} events name ({@link #attachedBy}); the
     * intake attaches alerts only so. Alone, it records an incident without an event: for a test's
     * fixture or a repair.
     *
     * @param alertIds the alerts
     * @param incidentId their incident
     * @return the alerts with those ids after it (none for an id no alert has), in any order:
     *     one that resolved meanwhile shows it
     */
    List<Alert> attach(List<String> alertIds, String incidentId);

    /**
     * Records the incident an alert declared or joined, and ends its claim.
     *
     * @return false if no alert has that id
     */
    default boolean attach(String alertId, String incidentId) {
        return !attach(List.of(alertId), incidentId).isEmpty();
    }

    /**
     * @param alertIds alert ids
     * @return the alerts with those ids (none for an id no alert has), in any order
     */
    List<Alert> findAll(Collection<String> alertIds);

    /**
     * The alerts an append attaches to its incident: for {@link EventStore#append}, which records
     * their incident in its transaction, as {@link #attach} does.
     *
     * @param events the events of an append
     * @return the alert ids of its {@code incident.alert_attached} events, in order
     */
    static List<String> attachedBy(List<EventRecord> events) {
        List<String> ids = new ArrayList<>();
        for (EventRecord e : events) {
            if (e.type().equals(EventTypes.ALERT_ATTACHED)
                    && EventData.decode(e.type(), e.schemaVersion(), e.data()) instanceof IncidentEvent.AlertAttached a) {
                ids.add(a.alertId());
            }
        }
        return ids;
    }

    /**
     * Ends the claim on an alert that has no incident, so that its next repeat routes it again:
     * what a router does when it fails, so that the source's retry is not taken for a repeat.
     *
     * @param alertId the alert
     */
    void releaseClaim(String alertId);

    /** @return how many alerts of an incident are firing */
    long firingCount(String incidentId);

    /**
     * Decides where a group of alerts goes, atomically per group key.
     *
     * <ul>
     *   <li>A group with an incident, whose last alert came at or after {@code staleBefore}: its
     *       last alert becomes {@code now}; {@link GroupDecision.Join}.
     *   <li>A group without an incident whose claim has not ended: {@link GroupDecision.Wait}.
     *   <li>A group without an incident whose claim ended before {@code now}: claimed again
     *       until {@code claimUntil}, under its stored claim id (so that a declaration the dead
     *       claimant made is found by its command id); {@link GroupDecision.Claimed}.
     *   <li>No group, or a stale one: a new group with claim id {@code newClaimId}, claimed until
     *       {@code claimUntil}, last alert {@code now}; {@link GroupDecision.Claimed}.
     * </ul>
     */
    GroupDecision group(String groupKey, Instant now, Instant staleBefore, String newClaimId, Instant claimUntil);

    /**
     * Looks at a group without claiming it.
     *
     * @return the group's incident, if it has one and its last alert came at or after {@code staleBefore}
     */
    Optional<String> groupIncident(String groupKey, Instant staleBefore);

    /**
     * Records the incident of a claimed group, if the group still has that claim id.
     *
     * @return false if the claim is no longer the group's
     */
    boolean groupDeclared(String groupKey, String claimId, String incidentId);

    /** Forgets a group, if its incident is still {@code incidentId}: the next alert starts a new one. */
    void releaseGroup(String groupKey, String incidentId);

    /**
     * Counts a new incident for a source in a minute, if fewer than {@code limit} were counted:
     * the storm limit, shared by every process.
     *
     * @param minute the minute, truncated
     * @return whether it was counted; false once {@code limit} were
     */
    boolean admitIncident(String source, Instant minute, int limit);

    /** Stores a new silence or maintenance window, or replaces the one with its id. */
    void saveSilence(Silence silence);

    /**
     * @return every silence and maintenance window, active, pending or ended, the latest starting
     *     first, those starting at the same instant by id (as {@link String#compareTo} orders ids)
     */
    List<Silence> silences();

    /** @return the alerts a query selects, in its order */
    List<Alert> alerts(AlertQuery query);

    /**
     * @param from the window's start
     * @param until the window's end, exclusive
     * @return the alert figures of the alerts first seen at or after {@code from} and before {@code until}
     */
    AlertCounts counts(Instant from, Instant until);

    /**
     * A firing alert as it came, for {@link #receiveFiring(List, Instant, Instant)}.
     *
     * @param newId the id of its episode if it is a new one
     * @param details what the source said
     * @param suppressedBy the silence that covers it now, if one does
     */
    record Incoming(String newId, AlertDetails details, Optional<String> suppressedBy) {
        /** Checks that no component is null. */
        public Incoming {
            Objects.requireNonNull(newId, "newId");
            Objects.requireNonNull(details, "details");
            Objects.requireNonNull(suppressedBy, "suppressedBy");
        }

        /**
         * The rule every store keeps, given the row it has for the alert's source and dedup key.
         *
         * <ul>
         *   <li>No row, or a resolved alert: a new episode (id {@link #newId}, {@link #details},
         *       firing, first and last seen {@code now}, 1 repeat, no incident, {@link
         *       #suppressedBy}), claimed until {@code claimUntil} unless suppressed. {@link
         *       Received.Kind#NEW}, or {@link Received.Kind#SUPPRESSED} when suppressed.
         *   <li>A firing alert: its repeats grow by one and last seen becomes {@code now}; the rest
         *       is kept. When it has no incident and is suppressed: if {@link #suppressedBy} is
         *       empty (the silence that suppressed it has ended), it is no longer suppressed and is
         *       claimed until {@code claimUntil}: {@link Received.Kind#CLAIMED}; otherwise {@link
         *       Received.Kind#SUPPRESSED}. When it has no incident, is not suppressed and its claim
         *       ended before {@code now} or was released (the process that was routing it died or
         *       failed), it is claimed until {@code claimUntil}: {@link Received.Kind#CLAIMED}.
         *       Otherwise {@link Received.Kind#REPEAT}.
         * </ul>
         *
         * @param stored the row the store has, if any
         * @param now when it came
         * @param claimUntil until when a router that is handed it holds it
         * @return the decision, and the row to keep
         */
        public Reception receive(Optional<AlertRow> stored, Instant now, Instant claimUntil) {
            if (stored.isEmpty() || stored.get().alert().status() == AlertStatus.RESOLVED) {
                Alert alert = new Alert(newId, details, AlertStatus.FIRING, now, now, 1, Optional.empty(),
                        Optional.empty(), suppressedBy);
                return suppressedBy.isPresent()
                        ? new Reception(Received.Kind.SUPPRESSED, new AlertRow(alert, Optional.empty()))
                        : new Reception(Received.Kind.NEW, new AlertRow(alert, Optional.of(claimUntil)));
            }
            Alert a = stored.get().alert();
            Optional<Instant> held = stored.get().claimUntil();
            // A suppressed alert whose silence has ended is routed now, as one whose router died.
            boolean unsilenced = a.suppressed() && a.incidentId().isEmpty() && suppressedBy.isEmpty();
            boolean orphaned = a.incidentId().isEmpty()
                    && (unsilenced || (!a.suppressed() && (held.isEmpty() || held.get().isBefore(now))));
            Alert repeated = new Alert(a.id(), a.details(), a.status(), a.firstSeen(), now, a.repeats() + 1,
                    a.resolvedAt(), a.incidentId(), unsilenced ? Optional.empty() : a.suppressedBy());
            Received.Kind kind = orphaned ? Received.Kind.CLAIMED
                    : repeated.suppressed() ? Received.Kind.SUPPRESSED : Received.Kind.REPEAT;
            return new Reception(kind, new AlertRow(repeated, orphaned ? Optional.of(claimUntil) : held));
        }
    }

    /**
     * An alert as a store keeps it.
     *
     * @param alert the alert
     * @param claimUntil until when the process that routes it holds it; empty when no one does
     */
    record AlertRow(Alert alert, Optional<Instant> claimUntil) {
        /** Checks that no component is null. */
        public AlertRow {
            Objects.requireNonNull(alert, "alert");
            Objects.requireNonNull(claimUntil, "claimUntil");
        }
    }

    /**
     * What {@link Incoming#receive} decided.
     *
     * @param kind the decision
     * @param row the row to keep
     */
    record Reception(Received.Kind kind, AlertRow row) {
        /** Checks that no component is null. */
        public Reception {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(row, "row");
        }

        /** @return the decision as {@link AlertStore#receiveFiring} answers it */
        public Received received() {
            return new Received(kind, row.alert());
        }
    }

    /**
     * What {@link #receiveFiring} decided.
     *
     * @param kind the decision
     * @param alert the alert after it
     */
    record Received(Kind kind, Alert alert) {
        /** Checks that no component is null. */
        public Received {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(alert, "alert");
        }

        /** The decisions. */
        public enum Kind {
            /** A new episode: the caller routes it. */
            NEW,
            /** A firing alert whose router died: the caller routes it again. */
            CLAIMED,
            /** A repeat: nothing more to do. */
            REPEAT,
            /** Suppressed by a silence: nothing more to do. */
            SUPPRESSED
        }
    }

    /** What {@link #group} decided. */
    sealed interface GroupDecision {
        /** @param incidentId the group's incident, which the alert joins */
        record Join(String incidentId) implements GroupDecision {}

        /** Another process is declaring the group's incident: ask again shortly. */
        record Wait() implements GroupDecision {}

        /** @param claimId the caller declares the group's incident, with this id in its command id */
        record Claimed(String claimId) implements GroupDecision {}
    }
}
