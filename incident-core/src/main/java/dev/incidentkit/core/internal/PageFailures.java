package dev.incidentkit.core.internal;

import dev.incidentkit.core.event.IncidentEvent;
import java.util.UUID;

/**
 * Told by the notification dispatcher when a page can reach its person by none of its channels,
 * so that the escalation goes on (to the next level, say) instead of the page vanishing.
 *
 * <p>The dispatcher decides after a notifier dead-letters a page it was given with a recipient:
 * each channel of the page maps to the notifier that takes its kind; a channel is dead when no
 * notifier takes its kind or that notifier has a dead letter of the page's event. When every
 * channel is dead, the dispatcher calls {@link #undeliverable} from the worker thread that made
 * the last dead letter. Replays of dead letters never call it.
 *
 * <p><b>Idempotent.</b> Two notifiers' workers, possibly in two processes, that dead-letter the
 * same page at about the same time may both see every channel dead, and both call: an
 * implementation must treat a second call for the same {@code eventId} as the first (record the
 * escalation's next step once, keyed by the event id, say). After a store failure in the middle of
 * the decision, the worker handles the event again, which may call again too.
 *
 * <p><b>Threads.</b> Called from notifier worker threads, several at once: thread-safe, and quick
 * (the notifier waits). What it throws is logged at WARN and counted ({@link
 * NotificationDispatcher#pageFailureErrors()}), never thrown into the worker.
 */
@FunctionalInterface
public interface PageFailures {

    /**
     * @param incidentId the incident the page is on
     * @param page the page
     * @param eventId the id of the page's {@code incident.paged} event
     * @param reasons why each channel is dead, one {@code kind: reason} per channel, joined by
     *     {@code "; "}
     */
    void undeliverable(String incidentId, IncidentEvent.Paged page, UUID eventId, String reasons);

    /** @return failures that nothing listens to: an undeliverable page is only logged */
    static PageFailures ignore() {
        return (incidentId, page, eventId, reasons) -> {};
    }
}
