package dev.incidentkit.core.spi;

import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.notify.DeadLetter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The notification dispatcher's delivery state: one lease per notifier, so that with several
 * processes on one store each notifier's deliveries are made by one process at a time, and the
 * dead letters of each notifier. A store that offers it returns it from {@link
 * EventStore#deliveryStore()}; a manager with notifiers cannot be built on a store that does not.
 * The dispatcher's read positions are ordinary {@linkplain EventStore#checkpoint checkpoints},
 * named {@code notifier:<name>}.
 *
 * <p>{@code NotificationContract} in {@code incident-testkit} checks every rule below.
 *
 * <p><b>Threads and processes.</b> Every method may be called from many threads at once and, for
 * a shared database, from many processes. {@link #acquireLease} must be atomic across all of
 * them: of two callers racing for a free lease, exactly one gets it. The other methods need only
 * be atomic per call.
 *
 * <p><b>Time.</b> The store keeps the instants it is given and never reads a clock of its own:
 * every {@code now} comes from the caller's clock, so that processes on one store must keep their
 * clocks roughly in step (a lease is as safe as the skew between them is small against its
 * time to live).
 *
 * <p><b>Failures.</b> Any failure of the underlying storage surfaces as a {@link StoreException},
 * after which the call has taken effect entirely or not at all. Names are the notifiers' names
 * ({@code [a-z0-9][a-z0-9._-]{0,62}}), owners at most 200 characters on one line.
 *
 * @since 0.1.0
 */
public interface DeliveryStore {

    /**
     * Takes or extends a notifier's lease, atomically. The caller gets it, with the expiry {@code
     * now + ttl}, when no lease is stored for the notifier, when the stored one has lapsed (its
     * expiry is not after {@code now}) or when it is the caller's own ({@code owner} equal); the
     * stored lease is left unchanged otherwise.
     *
     * @param notifier the notifier's name
     * @param owner who asks: a process id, the same on every call of one process
     * @param now the caller's current instant
     * @param ttl how long the lease lasts from {@code now}, positive
     * @return whether {@code owner} holds the lease until {@code now + ttl}
     */
    boolean acquireLease(String notifier, String owner, Instant now, Duration ttl);

    /**
     * Gives a lease up, so that another process may take it at once rather than after it lapses.
     * Does nothing when {@code owner} does not hold it (it lapsed and another took it, say).
     *
     * @param notifier the notifier's name
     * @param owner who gives it up
     */
    void releaseLease(String notifier, String owner);

    /**
     * @param notifier the notifier's name
     * @return the lease as stored, lapsed or not; empty if none was ever taken or it was released
     */
    Optional<Lease> lease(String notifier);

    /**
     * Stores a dead letter: a notification that was not delivered. It replaces a stored dead
     * letter of the same notifier and event id, which keeps its place in the list.
     *
     * @param deadLetter the dead letter
     */
    void addDeadLetter(DeadLetter deadLetter);

    /**
     * @param notifier the notifier's name
     * @return its dead letters in the order they were first added; empty if there are none
     */
    List<DeadLetter> deadLetters(String notifier);

    /**
     * Removes one dead letter, after a successful replay.
     *
     * @param notifier the notifier's name
     * @param eventId the event whose notification it is
     * @return whether there was such a dead letter
     */
    boolean removeDeadLetter(String notifier, UUID eventId);
}
