package dev.incidentkit.core.internal;

import dev.incidentkit.core.Command;
import dev.incidentkit.core.Command.AddActionItem;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The rules on when a back-dated fact may be said to have happened, checked before anything is
 * written:
 *
 * <ul>
 *   <li>a declaration, its detection and its impact start lie at most the manager's {@code
 *       maxBackdating} before now (so that {@code 1970-01-01} is a typing error, not an
 *       incident {@code INC-1970-001});
 *   <li>no event occurs before the declaration, and a status change (an acknowledgment, a move,
 *       a cancellation, a duplicate mark) not before the incident's latest status change, so
 *       that the timeline tells the statuses in the order the incident went through them;
 *   <li>an action item is not due before the day it is added.
 * </ul>
 */
final class Backdating {

    private Backdating() {}

    /**
     * Checks a declaration's instants against the limit, the declaration first, then its detection
     * and impact start (which lie before it).
     */
    static void declaration(IncidentEvent.Declared declared, Instant declaredAt, Instant now, Duration max) {
        // In seconds: Duration.between(Instant.MIN, now) overflows its nanoseconds, and the JDK
        // builds and catches an ArithmeticException inside it on every call.
        long secondsSinceMin = now.getEpochSecond() - Instant.MIN.getEpochSecond();
        Instant earliest = max.getSeconds() >= secondsSinceMin - 1 ? Instant.MIN : now.minus(max);
        withinLimit("occurredAt", declaredAt, earliest, now, max);
        withinLimit("detectedAt", declared.detectedAt(), earliest, now, max);
        withinLimit("impactStartedAt", declared.impactStartedAt(), earliest, now, max);
    }

    /** The message is built only when the rule is broken: this runs on every declaration. */
    private static void withinLimit(String field, Instant value, Instant earliest, Instant now, Duration max) {
        if (value.isBefore(earliest)) {
            throw new ValidationException(field, "must be at most " + words(max) + " before now (" + now
                    + "), the most a declaration may be back-dated", value);
        }
    }

    /** Checks what can be checked before deciding: the declaration, an action item's due date. */
    static void command(Incident incident, Command command, Instant at, ZoneId zone) {
        Instant declaredAt = incident.milestones().declaredAt();
        if (at.isBefore(declaredAt)) {
            throw new ValidationException("occurredAt", "must not be before the declaration of " + incident.id()
                    + " at " + declaredAt, at);
        }
        if (command instanceof AddActionItem a && a.due().isPresent()) {
            LocalDate added = at.atZone(zone).toLocalDate();
            if (a.due().get().isBefore(added)) {
                throw new ValidationException("due", "must not be before the day the action item is added (" + added
                        + ")", a.due().get());
            }
        }
    }

    /** Checks that the events a command decided on do not change the status before its latest change. */
    static void order(Incident incident, List<IncidentEvent> events, Instant at, Instant lastMoveAt) {
        if (at.isBefore(lastMoveAt) && events.stream().anyMatch(IncidentEvent::movesStatus)) {
            throw new ValidationException("occurredAt", "must not be before the latest status change of " + incident.id()
                    + ", at " + lastMoveAt + ": a status change cannot be dated before the one it follows", at);
        }
    }

    /** @return the latest instant at which one of {@code events} changed the status, or {@code after} */
    static Instant lastMove(Instant after, List<RecordedEvent> events) {
        Instant last = after;
        for (RecordedEvent e : events) {
            if (e.event().movesStatus() && e.occurredAt().isAfter(last)) {
                last = e.occurredAt();
            }
        }
        return last;
    }

    /** {@code 366 days}, {@code 12 hours}, else the ISO-8601 form. */
    static String words(Duration d) {
        if (!d.isZero() && d.toHoursPart() == 0 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0 && d.toNanosPart() == 0) {
            return d.toDays() == 1 ? "1 day" : d.toDays() + " days";
        }
        if (!d.isZero() && d.toMinutesPart() == 0 && d.toSecondsPart() == 0 && d.toNanosPart() == 0) {
            return d.toHours() == 1 ? "1 hour" : d.toHours() + " hours";
        }
        return d.toString();
    }
}
