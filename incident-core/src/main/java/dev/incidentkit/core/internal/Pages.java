package dev.incidentkit.core.internal;

import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.notify.ContactBook;
import dev.incidentkit.core.notify.DeadLetter;
import dev.incidentkit.core.spi.DeliveryStore;
import dev.incidentkit.notify.spi.Notifier;
import dev.incidentkit.notify.spi.Recipient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paging rules of one dispatcher, shared by its workers. Each contact-method kind belongs to
 * the first registered notifier that names it in {@link Notifier#contactKinds()}. A page ({@code
 * incident.paged}) goes to each notifier that owns one of its channels, with a recipient for the
 * first such channel in the page's order: one delivery per notifier and event, as dead letters are
 * keyed by notifier and event id. After such a delivery becomes a dead letter, {@link
 * #deadLettered} decides whether any channel of the page is still alive and, if none is, tells the
 * {@link PageFailures}. Thread-safe.
 */
final class Pages {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

    /** Kind to the notifier that owns it, in registration order. */
    private final Map<String, String> owners = new LinkedHashMap<>();
    private final ContactBook book;
    private final PageFailures failures;
    private final AtomicLong callbackErrors = new AtomicLong();
    private @Nullable DeliveryStore deliveries;

    Pages(ContactBook book, PageFailures failures) {
        this.book = Objects.requireNonNull(book, "book");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    /**
     * Registers a notifier's kinds, in registration order: a kind already owned stays with its
     * first owner (two Slack notifiers of two workspaces both take {@code slack} by default).
     *
     * @throws IllegalArgumentException if a kind has not the form of one
     */
    void register(String notifier, Set<String> kinds) {
        Objects.requireNonNull(kinds, "contactKinds() of notifier " + notifier);
        for (String kind : kinds) {
            if (kind == null || !Recipient.isKind(kind)) {
                throw new IllegalArgumentException("notifier " + notifier + " names a contact kind that is not "
                        + "[a-z0-9][a-z0-9._-]{0,62}: '" + kind + "'");
            }
            String owner = owners.putIfAbsent(kind, notifier);
            if (owner != null) {
                LOG.info("Notifier {} names contact kind {}, which notifier {} took first: pages of that kind go to {}",
                        notifier, kind, owner, owner);
            }
        }
    }

    void deliveries(DeliveryStore deliveries) {
        this.deliveries = deliveries;
    }

    /** @return every kind some notifier reaches people at */
    Set<String> kinds() {
        return Collections.unmodifiableSet(owners.keySet());
    }

    /**
     * @return the channel of {@code event} that {@code notifier} pages by: the first of the page's
     *     channels that it owns; null if {@code event} is no page or the notifier owns none of them
     */
    @Nullable String kindFor(String notifier, IncidentEvent event) {
        if (owners.isEmpty() || !(event instanceof IncidentEvent.Paged page)) {
            return null;
        }
        for (String channel : page.channels()) {
            if (notifier.equals(owners.get(channel))) {
                return channel;
            }
        }
        return null;
    }

    /**
     * @return the person's address of that kind, from the contact book
     * @throws RuntimeException what the book throws
     */
    Optional<String> address(String person, String kind) {
        return Objects.requireNonNull(book.address(person, kind), "the contact book answered null");
    }

    /** @return the error of a page whose person has no address of the kind */
    static String noAddress(String person, String kind) {
        return "the contact book has no " + kind + " address for " + person + ": this channel of the page failed for good";
    }

    /**
     * Called after {@code notifier} dead-lettered {@code page}: if every channel of the page is
     * dead, tells the {@link PageFailures}, whose failure is logged and counted here.
     *
     * @throws dev.incidentkit.core.StoreException if the dead letters cannot be read: the worker
     *     then handles the event again, and decides again
     */
    void deadLettered(String notifier, String incidentId, IncidentEvent.Paged page, UUID eventId) {
        DeliveryStore store = Objects.requireNonNull(deliveries, "no delivery store");
        Map<String, Optional<DeadLetter>> letters = new HashMap<>();
        List<String> reasons = new ArrayList<>(page.channels().size());
        for (String channel : page.channels()) {
            String owner = owners.get(channel);
            if (owner == null) {
                reasons.add(channel + ": no notifier reaches " + channel);
                continue;
            }
            Optional<DeadLetter> letter = letters.computeIfAbsent(owner, o -> store.deadLetters(o).stream()
                    .filter(d -> d.eventId().equals(eventId)).findFirst());
            if (letter.isEmpty()) {
                // Delivered, or on its way: the page reaches its person through that channel.
                LOG.debug("Page {} of {}: notifier {} failed, but channel {} (notifier {}) is alive", eventId,
                        page.person(), notifier, channel, owner);
                return;
            }
            reasons.add(channel + ": notifier " + owner + " gave up: " + letter.get().lastError());
        }
        String why = String.join("; ", reasons);
        LOG.warn("The page of {} on {} (event {}, level {}, round {}) reached none of its channels: {}",
                page.person(), incidentId, eventId, page.level(), page.round(), why);
        try {
            failures.undeliverable(incidentId, page, eventId, why);
        } catch (RuntimeException | Error e) {
            NotifierCalls.rethrowIfFatal(e);
            callbackErrors.incrementAndGet();
            LOG.warn("Telling the escalation that the page of {} on {} (event {}) is undeliverable failed; "
                    + "the page stays a dead letter on every channel", page.person(), incidentId, eventId, e);
        }
    }

    /** @return how many times {@link PageFailures#undeliverable} threw */
    long callbackErrors() {
        return callbackErrors.get();
    }
}
