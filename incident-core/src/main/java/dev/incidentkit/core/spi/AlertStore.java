package dev.incidentkit.core.spi;

import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertCounts;
import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.alert.AlertQuery;
import dev.incidentkit.core.alert.Silence;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where alerts, their groups, the storm counters and the silences are kept: what decides, for
 * every process sharing the store, that an alert is new or a repeat, which incident a group has,
 * and who declares it. {@code AlertStoreContract} in {@code incident-testkit} checks every rule.
 *
 * <p>Each method is atomic on its own: for a shared database, one transaction (or one statement)
 * whose row locks and unique keys decide races between processes. Nothing here writes events;
 * {@link dev.incidentkit.core.alert.AlertIntake} appends them after the store decided, with
 * command ids that make a retry by another process safe, and claims with an expiry so that an
 * alert or group whose process died is taken over.
 *
 * <p>Instants are kept to the microsecond, as {@link EventStore}'s are.
 *
 * @since 0.3.0
 */
public interface AlertStore {

    /**
     * Receives a firing alert, atomically per source and dedup key.
     *
     * <ul>
     *   <li>No alert stored for them, or a resolved one: a new episode is stored (id {@code newId},
     *       {@code details}, firing, first and last seen {@code now}, 1 repeat, no incident,
     *       {@code suppressedBy}); claimed until {@code claimUntil} unless suppressed. {@link
     *       Received.Kind#NEW}, or {@link Received.Kind#SUPPRESSED} when suppressed.
     *   <li>A firing one: its repeats grow by one and last seen becomes {@code now}; the rest is
     *       kept. When it has no incident and is suppressed: if {@code suppressedBy} is empty (the
     *       silence that suppressed it has ended), it is no longer suppressed and is claimed until
     *       {@code claimUntil}: {@link Received.Kind#CLAIMED}; otherwise {@link
     *       Received.Kind#SUPPRESSED}. When it has no incident, is not suppressed and its claim
     *       ended before {@code now} or was released (the process that was routing it died or
     *       failed), it is claimed until {@code claimUntil}: {@link Received.Kind#CLAIMED}.
     *       Otherwise {@link Received.Kind#REPEAT}.
     * </ul>
     *
     * @return what the store decided, and the alert after it
     */
    Received receiveFiring(String newId, AlertDetails details, Instant now, Optional<String> suppressedBy, Instant claimUntil);

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
     * Records the incident an alert declared or joined, and ends its claim.
     *
     * @return false if no alert has that id
     */
    boolean attach(String alertId, String incidentId);

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
