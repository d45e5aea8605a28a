package dev.incidentkit.core.spi;

import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.oncall.Escalation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The durable timers of escalation: each incident's {@link Escalation}, with when its next step
 * is due, kept where every process sharing the store sees it, so that a restarted or second
 * process goes on where a stopped one left off. A store that keeps them returns this from {@link
 * EventStore#escalationStore()}; {@code EscalationStoreContract} in {@code incident-testkit} checks
 * every rule below.
 *
 * <p><b>Exactly one process per step.</b> A process takes the steps that are due with {@link
 * #claimDue}: each comes with a claim, which no other caller gets until it is completed, released
 * or lapsed, and a token that changes with every claim. {@link #complete} stores the state after
 * the step only while the token is still the stored one and the escalation still runs, so that a
 * process whose claim lapsed and was taken over, or whose escalation was acknowledged meanwhile,
 * writes nothing. What the step wrote elsewhere (the page's event) carries a command id of its
 * own, so that the process that takes a lapsed claim over repeats nothing.
 *
 * <p><b>Threads and processes.</b> Every method may be called from many threads and, for a shared
 * database, many processes at once, and each is atomic on its own: of two callers racing for a
 * due escalation, exactly one claims it.
 *
 * <p><b>Time.</b> The store keeps the instants it is given, to the microsecond (finer parts are
 * dropped), and reads no clock of its own: every {@code now} is the caller's.
 *
 * <p><b>Failures.</b> Any failure of the underlying storage surfaces as a {@link StoreException},
 * after which the call has taken effect entirely or not at all.
 *
 * @since 0.4.0
 */
public interface EscalationStore {

    /**
     * Stores an incident's escalation, unless the incident has one already (running or ended):
     * an incident is escalated once, so a retry, or a second process starting the same one, is a
     * no-op.
     *
     * @param escalation the escalation as it starts
     * @return whether it was stored; false if the incident had one
     */
    boolean start(Escalation escalation);

    /**
     * @param incidentId the incident
     * @return its escalation as stored, running or ended; empty if it has none
     */
    Optional<Escalation> find(String incidentId);

    /**
     * @param limit at most this many, positive
     * @return the running escalations, soonest due first (then by incident id)
     */
    List<Escalation> running(int limit);

    /**
     * Claims the running escalations due at {@code now} (their {@link Escalation#at()} not after
     * it) that no one holds a claim on, or whose claim has lapsed (its expiry not after {@code
     * now}): soonest due first, then by incident id, at most {@code limit}. Each is claimed for
     * {@code owner} until {@code now + ttl}, with a new token.
     *
     * @param now the caller's current instant
     * @param owner who claims: a process id, at most 200 characters on one line
     * @param ttl how long a claim lasts, positive: longer than a step takes
     * @param limit at most this many, positive
     * @return the claims, possibly none
     */
    List<Claim> claimDue(Instant now, String owner, Duration ttl, int limit);

    /**
     * Stores the state after a claimed step and frees the claim, if the claim's token is still the
     * stored one and the escalation still runs; writes nothing otherwise.
     *
     * @param claim what {@link #claimDue} gave
     * @param next the state after the step, of the same incident
     * @return whether it was stored
     */
    boolean complete(Claim claim, Escalation next);

    /**
     * Frees a claim without a step, so that the escalation is due again at once, if the claim's
     * token is still the stored one.
     *
     * @param claim what {@link #claimDue} gave
     */
    void release(Claim claim);

    /**
     * Stops a running escalation: it becomes {@link Escalation.Status#ACKNOWLEDGED} at {@code
     * when}, and a claim on it can no longer complete. A no-op for an escalation that has ended.
     *
     * @param incidentId the incident
     * @param when the acknowledgment
     * @return whether a running escalation was stopped
     */
    boolean acknowledge(String incidentId, Instant when);

    /**
     * Makes a running escalation's next step due at {@code when}, if that step is still the one
     * given (its round and level) and was due later: what a page that could not be delivered does,
     * so that the escalation goes on at once rather than after the level's time.
     *
     * @param incidentId the incident
     * @param round the round of the step to bring forward
     * @param level the level of the step to bring forward
     * @param when when it is due now
     * @return whether it was brought forward
     */
    boolean hurry(String incidentId, int round, int level, Instant when);

    /**
     * @return the earliest instant at which a running escalation can be claimed (its due time, or
     *     the expiry of a claim held on it, whichever is later); empty if none runs
     */
    Optional<Instant> nextDue();

    /**
     * A claimed step: the escalation as stored when it was claimed, and the claim.
     *
     * @param escalation the escalation, due
     * @param owner who holds the claim
     * @param token what {@link #complete} checks; a new one for each claim of the escalation
     * @param until when the claim lapses
     */
    record Claim(Escalation escalation, String owner, long token, Instant until) {
        /** Checks that no component is null. */
        public Claim {
            Objects.requireNonNull(escalation, "escalation");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(until, "until");
        }
    }
}
