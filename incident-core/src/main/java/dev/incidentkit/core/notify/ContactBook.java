package dev.incidentkit.core.notify;

import java.util.Optional;

/**
 * Where people are reached: the address of a person's contact method of one kind, for the
 * notification dispatcher, which sends each page ({@code incident.paged}) to the notifier that
 * takes one of its channels with that person's address for it.
 *
 * <p>Called from the notifier workers' threads, several at once: an implementation must be
 * thread-safe, and quick (it holds up its notifier while it answers). What it throws makes that
 * notifier's page a dead letter, as an address it does not have does.
 *
 * <p>Given to {@code IncidentKit.builder().contacts(book)}; {@code OnCallConfig.contacts(config)}
 * is the book of an on-call configuration's people.
 *
 * @since 0.4.0
 */
@FunctionalInterface
public interface ContactBook {

    /**
     * @param person the id of the person paged, as in {@code incident.paged}
     * @param kind a contact-method kind, such as {@code slack}
     * @return that person's address of that kind, empty if they have none (or are not known)
     */
    Optional<String> address(String person, String kind);

    /** @return a book that knows nobody: every page to a notifier's contact kind is then a dead letter */
    static ContactBook nobody() {
        return (person, kind) -> Optional.empty();
    }
}
