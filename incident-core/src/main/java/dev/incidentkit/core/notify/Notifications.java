package dev.incidentkit.core.notify;

import dev.incidentkit.notify.spi.DeliveryResult;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What a host sees of the notification dispatcher, and the dead letters it can replay: {@code
 * IncidentManager.notifications()}. Thread-safe.
 *
 * @since 0.1.0
 */
public interface Notifications {

    /** @return the view of a manager without notifiers: no names, and every name unknown */
    static Notifications none() {
        return NoNotifications.INSTANCE;
    }

    /** @return the names of the manager's notifiers, in the order they were registered */
    List<String> notifiers();

    /**
     * @param notifier a notifier's name
     * @return its dead letters in the order they were first added
     * @throws IllegalArgumentException if the manager has no such notifier
     */
    List<DeadLetter> deadLetters(String notifier);

    /**
     * Tries one dead letter again: one attempt, now, on a thread of the notifier, bounded by the
     * call timeout, whatever its route says. When it is delivered the dead letter is removed;
     * otherwise it stays, with one more attempt and the new error.
     *
     * <p>A replayed notification reaches the notifier after the later notifications of its
     * incident that were delivered meanwhile: order per incident holds for the notifications the
     * dispatcher delivers on its own, not for replays. A replay runs in the calling process even
     * when another process holds the notifier's lease, so that an operator can replay from any
     * process; the notifier may then see two calls at once, one from each process.
     *
     * @param notifier a notifier's name
     * @param eventId the event of the dead letter
     * @return the result of the attempt; a timeout or an exception of the notifier is a {@link
     *     DeliveryResult.RetryLater}. An attempt that does not deliver counts in the notifier's
     *     {@link NotifierStatus} as the dispatcher's own do (failed attempts, last failure, health)
     * @throws IllegalArgumentException if the manager has no such notifier
     * @throws VirtualMachineError what the notifier threw, if it is an error the JVM may not
     *     survive (other than a {@link StackOverflowError}); logged at ERROR and shown as the last failure
     * @throws DeadLetterNotFoundException if the notifier has no dead letter for that event
     * @throws IllegalStateException if the manager is closed
     */
    DeliveryResult replay(String notifier, UUID eventId);

    /**
     * @param notifier a notifier's name
     * @return its checkpoint, lease and number of dead letters, as the store has them, and the
     *     health of its delivery in this process (failing or not, failed attempts, the last
     *     failure). Still answers after the manager is closed: then the status as the close left
     *     it, with what it could not deliver ({@link NotifierStatus#undeliveredAtClose()})
     * @throws IllegalArgumentException if the manager has no such notifier
     */
    NotifierStatus status(String notifier);

    /**
     * @return the name this process takes delivery leases under, as {@link NotifierStatus#leaseOwner()}
     *     shows it; empty for a manager without notifiers
     */
    String processId();

    /**
     * @return the contact-method kinds that the manager's notifiers can reach a person at ({@link
     *     dev.incidentkit.notify.spi.Notifier#contactKinds()}, together), such as {@code slack}; a
     *     page to a person with none of these reaches nobody
     * @since 0.4.0
     */
    Set<String> contactKinds();

    /**
     * Registers a listener told of every page ({@code incident.paged}) that this process found
     * undeliverable: each of its channels ended in a dead letter, or no notifier takes it. It runs
     * on a notifier's thread and must be quick; what it throws is logged and counted, never lost.
     * Two processes (or two notifiers) may tell of one page: a listener must be idempotent.
     * Listeners are told in the order they were registered.
     *
     * @param listener the listener
     * @since 0.4.0
     */
    void addUndeliverablePageListener(Consumer<UndeliverablePage> listener);

    /**
     * @param listener a listener registered before; nothing happens if it was not
     * @since 0.4.0
     */
    void removeUndeliverablePageListener(Consumer<UndeliverablePage> listener);
}
