package dev.incidentkit.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A follow-up task of an incident.
 *
 * @param id its number within the incident, from 1
 * @param text what is to be done
 * @param owner who does it, if decided
 * @param due by when, if decided
 * @param addedAt when it was added
 * @param completedAt when it was done, if it is
 * @since 0.1.0
 */
public record ActionItem(
        int id, String text, Optional<Actor> owner, Optional<LocalDate> due, Instant addedAt, Optional<Instant> completedAt) {

    /** Checks that no component is null. */
    public ActionItem {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(addedAt, "addedAt");
        Objects.requireNonNull(completedAt, "completedAt");
    }

    /** @return whether it is done */
    public boolean isDone() {
        return completedAt.isPresent();
    }
}
