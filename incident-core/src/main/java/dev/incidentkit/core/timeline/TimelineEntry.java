package dev.incidentkit.core.timeline;

import dev.incidentkit.core.Actor;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of an incident's timeline, as the walkthrough prints it: {@code 14:32 - Acknowledged
 * by bob}, then the note.
 *
 * @param incidentId the incident it belongs to, which tells entries of a timeline across
 *     incidents ({@link TimelineQuery}) apart
 * @param at when it happened
 * @param version the event's version, which orders entries of the same instant
 * @param actor who did it
 * @param type the event type, such as {@code incident.acknowledged}
 * @param headline what happened, in a few words, such as {@code Incident declared (SEV-2)}
 * @param text the user's text: the title, the note, the reason; possibly empty
 * @since 0.1.0
 */
public record TimelineEntry(
        String incidentId, Instant at, long version, Actor actor, String type, String headline, String text) {

    /** Checks that no component is null. */
    public TimelineEntry {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(text, "text");
    }
}
