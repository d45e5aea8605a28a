package dev.incidentkit.core.internal;

import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one notifier's dead letters again, on the host's request, through the same {@link
 * NotifierCalls} as its deliveries: a dead letter that is delivered leaves, one that fails again
 * records the attempt. What the notifier does counts as the worker's attempts do: a timeout, an
 * exception or a result other than delivered is a failed attempt, counted, logged once per change
 * of health and shown in the status. An error the JVM may not survive ({@link
 * NotifierCalls#fatal}) is no attempt: it is logged at ERROR, shown as the last failure, and
 * rethrown to the caller. A page is addressed again from the contact book as it is now ({@link
 * WorkerPages}); a replay never tells the {@link PageFailures}. Thread-safe.
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
    private final WorkerPages pages;

    DeadLetterReplay(String name, EventStore store, DeliveryStore deliveries, EventPreparer preparer,
            NotificationFactory factory, NotifierCalls calls, NotifierHealth health, Clock clock, WorkerPages pages) {
        this.pages = pages;
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
        WorkerPages.Addressed made = notificationOf(letter);
        Notification n = made.notification();
        DeliveryResult result = n != null ? call(n) : DeliveryResult.failed(made.error());
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

    /**
     * @return the notification of the letter's event, for a page this notifier takes by a kind
     *     addressed to the person's address of that kind (as the contact book has it now); else why
     *     there is none
     */
    private WorkerPages.Addressed notificationOf(DeadLetter letter) {
        WorkerPages.Addressed missing = new WorkerPages.Addressed(null, "event " + letter.eventId() + " of "
                + letter.incidentId() + " version " + letter.version() + " is not in the store, or could not be read");
        List<StoredEvent> after = store.readStream(letter.incidentId(), letter.version() - 1);
        if (after.isEmpty() || after.get(0).version() != letter.version()
                || !after.get(0).record().eventId().equals(letter.eventId())) {
            return missing;
        }
        StoredEvent stored = after.get(0);
        RecordedEvent event;
        Notification n;
        try {
            Entry entry = preparer.prepare(stored);
            event = EventPreparer.event(entry, stored);
            n = factory.notification(event, entry.incident());
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            return missing;
        }
        String kind = pages.kind(event);
        if (kind == null) {
            return new WorkerPages.Addressed(n, "");
        }
        try {
            return pages.addressed((IncidentEvent.Paged) event.event(), kind, n);
        } catch (RuntimeException e) {
            return new WorkerPages.Addressed(null, "the page could not be made: " + e);
        }
    }
}
