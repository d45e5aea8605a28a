package dev.incidentkit.core.internal;

import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.internal.IncidentCache.Entry;
import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.notify.DeadLetterNotFoundException;
import dev.incidentkit.core.spi.DeliveryStore;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one notifier's dead letters again, on the host's request, through the same {@link
 * NotifierCalls} as its deliveries: a dead letter that is delivered leaves, one that fails again
 * records the attempt. What the notifier does counts as the worker's attempts do: a timeout, an
 * exception or a result other than delivered is a failed attempt, counted, logged once per change
 * of health and shown in the status. An error the JVM may not survive ({@link
 * NotifierCalls#fatal}) is no attempt: it is logged at ERROR, shown as the last failure, and
 * rethrown to the caller. Thread-safe.
 */
final class DeadLetterReplay {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierWorker.class);

    private final String name;
    private final EventStore store;
    private final DeliveryStore deliveries;
    private final EventPreparer preparer;
    private final NotificationFactory factory;
    private final NotifierCalls calls;
    private final NotifierHealth health;
    private final Clock clock;

    DeadLetterReplay(String name, EventStore store, DeliveryStore deliveries, EventPreparer preparer,
            NotificationFactory factory, NotifierCalls calls, NotifierHealth health, Clock clock) {
        this.name = name;
        this.store = store;
        this.deliveries = deliveries;
        this.preparer = preparer;
        this.factory = factory;
        this.calls = calls;
        this.health = health;
        this.clock = clock;
    }

    /**
     * @return what the notifier answered, or a failure if the event is no longer in the store
     * @throws DeadLetterNotFoundException if the notifier has no dead letter of {@code eventId}
     * @throws VirtualMachineError if the notifier threw one the JVM may not survive
     */
    DeliveryResult replay(UUID eventId) {
        DeadLetter letter = null;
        for (DeadLetter d : deliveries.deadLetters(name)) {
            if (d.eventId().equals(eventId)) {
                letter = d;
                break;
            }
        }
        if (letter == null) {
            throw new DeadLetterNotFoundException(name, eventId);
        }
        Notification n = notificationOf(letter);
        DeliveryResult result = n == null
                ? DeliveryResult.failed("event " + eventId + " of " + letter.incidentId() + " version "
                        + letter.version() + " is not in the store, or could not be read")
                : call(n);
        if (result instanceof DeliveryResult.Delivered) {
            deliveries.removeDeadLetter(name, eventId);
            LOG.info("Notifier {} delivered dead letter {} on replay", name, eventId);
        } else {
            deliveries.addDeadLetter(letter.withFailedAttempt(DeliveryAttempts.describe(result),
                    Times.micros(clock.instant())));
        }
        return result;
    }

    private DeliveryResult call(Notification n) {
        NotifierCalls.Call call = NotifierCalls.replayOf(n);
        DeliveryResult result;
        try {
            result = calls.replay(call);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = DeliveryResult.retryLater("the replay was interrupted");
        }
        Throwable t = call.thrown();
        if (NotifierCalls.fatal(t)) {
            health.fatal(t);
            LOG.error("Notifier {} threw {} on a replay of event {}: the JVM may not go on; rethrown to the caller",
                    name, t, n.id(), t);
            throw (VirtualMachineError) t;
        }
        if (!(result instanceof DeliveryResult.Delivered)) {
            String why = DeliveryAttempts.describe(result);
            health.failed("a replay of event " + n.id() + " failed: " + why, why, t);
        }
        return result;
    }

    private @Nullable Notification notificationOf(DeadLetter letter) {
        List<StoredEvent> after = store.readStream(letter.incidentId(), letter.version() - 1);
        if (after.isEmpty() || after.get(0).version() != letter.version()
                || !after.get(0).record().eventId().equals(letter.eventId())) {
            return null;
        }
        StoredEvent stored = after.get(0);
        try {
            Entry entry = preparer.prepare(stored);
            return factory.notification(EventPreparer.event(entry, stored), entry.incident());
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
