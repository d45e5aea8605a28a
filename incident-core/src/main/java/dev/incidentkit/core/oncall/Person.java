package dev.incidentkit.core.oncall;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Someone a schedule or an escalation level may page, with the ways to reach them. The id is the
 * one schedules' rotations, overrides and targets name; a person named there without a {@code
 * Person} in the {@link OnCallConfig} is allowed and simply has no contact methods.
 *
 * @param id the person's id, as schedules name them
 * @param name what they are called
 * @param contacts how to reach them, at most one method per kind, in the order given
 * @since 0.4.0
 */
public record Person(String id, String name, List<ContactMethod> contacts) {

    /**
     * Checks the rules above and copies the list.
     *
     * @throws IllegalArgumentException naming {@code id}, {@code name} or {@code contacts} and
     *     quoting the value if one breaks them: an id or name blank, longer than 128 characters or
     *     with a control character, or two contact methods of the same kind
     * @throws NullPointerException if a component or a contact method is null
     * @since 0.4.0
     */
    public Person {
        Checks.id("id", id);
        Checks.id("name", name);
        contacts = List.copyOf(Objects.requireNonNull(contacts, "contacts"));
        Set<String> kinds = new HashSet<>();
        for (ContactMethod c : contacts) {
            if (!kinds.add(c.kind())) {
                throw Checks.bad("contacts", "must hold at most one contact method of each kind; two are of kind", c.kind());
            }
        }
    }

    /**
     * @param id the person's id
     * @param name what they are called
     * @param contacts how to reach them
     * @return the person
     * @throws IllegalArgumentException as the constructor does
     * @since 0.4.0
     */
    public static Person of(String id, String name, ContactMethod... contacts) {
        return new Person(id, name, List.of(contacts));
    }

    /**
     * @param kind a contact method's kind, such as {@code email}
     * @return the person's contact method of that kind, if they have one
     * @since 0.4.0
     */
    public Optional<ContactMethod> contact(String kind) {
        return contacts.stream().filter(c -> c.kind().equals(kind)).findFirst();
    }
}
