package dev.incidentkit.core.internal;

import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.internal.DeliveryAttempts.Outcome;
import dev.incidentkit.core.internal.IncidentCache.Entry;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Recipient;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One notifier's part in paging ({@link Pages}): which pages it takes and by which kind, the page
 * made for that kind's address in the contact book, and, after a page of its becomes a dead
 * letter, the question whether the page as a whole is undeliverable. A person without an address
 * of the kind fails that channel for good at once: a dead letter without an attempt, logged once
 * at WARN, counted in the notifier's health (without marking it failing: the notifier is fine).
 */
final class WorkerPages {

    private final String name;
    private final Pages pages;
    private final NotificationFactory factory;
    private final NotifierHealth health;

    WorkerPages(String name, Pages pages, NotificationFactory factory, NotifierHealth health) {
        this.name = name;
        this.pages = pages;
        this.factory = factory;
        this.health = health;
    }

    /** @return the kind by which this notifier pages for {@code event}; null if it is no page for it */
    @Nullable String kind(RecordedEvent event) {
        return pages.kindFor(name, event.event());
    }

    /**
     * Delivers {@code event}, a page this notifier takes by {@code kind}, to the person's address
     * of that kind; a dead letter without an address, or when the page cannot be made.
     */
    Outcome deliver(StoredEvent stored, Entry entry, RecordedEvent event, String kind, DeliveryAttempts attempts)
            throws InterruptedException {
        IncidentEvent.Paged page = (IncidentEvent.Paged) event.event();
        Addressed made;
        try {
            made = addressed(page, kind, entry.notification(event, factory));
        } catch (RuntimeException | Error e) {
            NotifierCalls.rethrowIfFatal(e);
            // Neither the book nor the notification answers better on a retry.
            attempts.deadLetter(stored.record(), 0, "the page could not be made: " + e, e);
            deadLettered(stored.record(), page);
            return Outcome.HANDLED;
        }
        if (made.notification() == null) {
            String error = made.error();
            health.unaddressed(error);
            attempts.deadLetter(stored.record(), 0, error, null);
            deadLettered(stored.record(), page);
            return Outcome.HANDLED;
        }
        return attempts.deliver(made.notification(), stored, 1, null);
    }

    /** A page made for one address, or why it could not be. */
    record Addressed(@Nullable Notification notification, String error) {}

    /**
     * @param n the notification of the page's event, without a recipient
     * @return {@code n} for the person's address of {@code kind}, or the error of having none
     * @throws RuntimeException what the contact book throws, or an address that is empty
     */
    Addressed addressed(IncidentEvent.Paged page, String kind, Notification n) {
        Optional<String> address = pages.address(page.person(), kind);
        return address.isEmpty() ? new Addressed(null, Pages.noAddress(page.person(), kind))
                : new Addressed(n.withRecipient(new Recipient(page.person(), kind, address.get())), "");
    }

    /**
     * Called by {@link DeliveryAttempts} after it dead-letters a notification: for a page with a
     * recipient, decides whether the page is undeliverable.
     */
    void deadLettered(Notification n, StoredEvent stored) {
        if (n.recipient().isEmpty()) {
            return;
        }
        if (Events.decode(stored).event() instanceof IncidentEvent.Paged page) {
            deadLettered(stored.record(), page);
        }
    }

    private void deadLettered(EventRecord record, IncidentEvent.Paged page) {
        pages.deadLettered(name, record.incidentId(), page, record.eventId());
    }
}
