package dev.incidentkit.notify.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one person a page is for, and where to reach them: one of their contact methods. A {@link
 * Notification} carries a recipient when it is a page ({@code incident.paged}) that the dispatcher
 * routed to a notifier by one of its {@linkplain Notifier#contactKinds() contact kinds}.
 *
 * <p>The address may be a secret (a PagerDuty routing key, a private webhook URL): {@link
 * #toString()} leaves it out, and a notifier should keep it out of its messages and logs as it
 * does its own configured destination.
 *
 * @param person the id of the person paged, as in the event's {@code person}; not blank
 * @param kind the kind of contact method, such as {@code slack} or {@code pagerduty}: lower case
 *     letters, digits, {@code .}, {@code _} and {@code -}, at most 63 characters, starting with a
 *     letter or digit
 * @param address where that person is reached by that kind: a Slack member id, a URL, a routing
 *     key, as the notifier of the kind documents; not empty. The notifier checks its form and
 *     answers {@link DeliveryResult#failed} to one it cannot use.
 * @since 0.4.0
 */
public record Recipient(String person, String kind, String address) {

    private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code person} is blank, {@code kind} has another form,
     *     or {@code address} is empty
     */
    public Recipient {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        if (person.isBlank()) {
            throw new IllegalArgumentException("person must not be blank");
        }
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind must match " + KIND.pattern() + ": '" + kind + "'");
        }
        if (address.isEmpty()) {
            throw new IllegalArgumentException("the " + kind + " address of " + person + " must not be empty");
        }
    }

    /**
     * @param kind a contact-method kind
     * @return whether it has the form of one ({@code [a-z0-9][a-z0-9._-]{0,62}})
     */
    public static boolean isKind(String kind) {
        return KIND.matcher(kind).matches();
    }

    /** @return the person and the kind, with the address's length only: an address may be a secret */
    @Override
    public String toString() {
        return "Recipient[person=" + person + ", kind=" + kind + ", address=(" + address.length() + " characters)]";
    }
}
