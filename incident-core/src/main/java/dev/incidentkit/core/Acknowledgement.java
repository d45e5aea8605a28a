package dev.incidentkit.core;

import java.time.Instant;
import java.util.Objects;

/**
 * The first acknowledgement of an incident: who took it, when, and with which note.
 *
 * @param by who acknowledged
 * @param at when
 * @param note the note given, possibly empty
 * @since 0.1.0
 */
public record Acknowledgement(Actor by, Instant at, String note) {

    /** Checks that no component is null. */
    public Acknowledgement {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(note, "note");
    }
}
