package dev.incidentkit.core;

import dev.incidentkit.core.event.RecordedEvent;
import java.util.List;
import java.util.Objects;

/**
 * What a command did: the incident after it, and the events it recorded. A command that changed
 * nothing (a safe retry, such as acknowledging again with the same note) recorded none; a
 * repeated client command id returns the events its first run recorded. Tell a user what happened
 * from {@link #events()}, not from the command that was asked for: acknowledging an incident that
 * has moved on, for instance, records a role assignment rather than an acknowledgment.
 *
 * @param incident the incident after the command
 * @param events the events the command recorded, in version order; empty when it changed nothing
 * @since 0.1.0
 */
public record CommandResult(Incident incident, List<RecordedEvent> events) {

    /** Checks the components and copies the list. */
    public CommandResult {
        Objects.requireNonNull(incident, "incident");
        events = List.copyOf(events);
    }

    /** @return whether the command recorded anything */
    public boolean changed() {
        return !events.isEmpty();
    }

    /**
     * @param type a CloudEvents type, such as {@code incident.acknowledged}
     * @return whether the command recorded an event of that type
     */
    public boolean recorded(String type) {
        return events.stream().anyMatch(e -> e.type().equals(type));
    }
}
