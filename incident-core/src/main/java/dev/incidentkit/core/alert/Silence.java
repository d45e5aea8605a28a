package dev.incidentkit.core.alert;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.internal.Validation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A span of time in which matching alerts are received, recorded and counted, but declare and
 * join nothing: a silence (label matchers, as Alertmanager's) or a service's maintenance window.
 *
 * @param id a UUID
 * @param kind a silence or a maintenance window
 * @param matchers for a silence, the conditions an alert's labels must all meet (at least one);
 *     none for a maintenance window
 * @param service for a maintenance window, the service whose alerts it suppresses
 * @param startsAt the first instant it suppresses (kept to the microsecond)
 * @param endsAt the first instant it no longer does, after {@code startsAt} (kept to the microsecond)
 * @param createdBy who made it
 * @param comment why, possibly empty
 * @since 0.3.0
 */
public record Silence(
        String id,
        Kind kind,
        List<LabelMatcher> matchers,
        Optional<String> service,
        Instant startsAt,
        Instant endsAt,
        Actor createdBy,
        String comment) {

    /** What suppresses. */
    public enum Kind {
        /** Label matchers. */
        SILENCE,
        /** One service's planned work. */
        MAINTENANCE
    }

    /** Checks the rules above, naming the field that breaks one. */
    public Silence {
        Validation.singleLine("id", Objects.requireNonNull(id, "id"), 1, 64);
        Objects.requireNonNull(kind, "kind");
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(createdBy, "createdBy");
        Validation.note("comment", Objects.requireNonNull(comment, "comment"));
        // To the microsecond, as every store keeps instants: what is saved is what is read back.
        startsAt = Validation.instant("starts_at", Objects.requireNonNull(startsAt, "startsAt")).truncatedTo(ChronoUnit.MICROS);
        endsAt = Validation.instant("ends_at", Objects.requireNonNull(endsAt, "endsAt")).truncatedTo(ChronoUnit.MICROS);
        if (!endsAt.isAfter(startsAt)) {
            throw new ValidationException("ends_at", "must be after starts_at (" + startsAt + ")", endsAt);
        }
        if (kind == Kind.SILENCE && (matchers.isEmpty() || matchers.size() > 32 || service.isPresent())) {
            throw new ValidationException("matchers", "a silence needs 1 to 32 label matchers and no service", matchers);
        }
        if (kind == Kind.MAINTENANCE) {
            if (!matchers.isEmpty() || service.isEmpty()) {
                throw new ValidationException("service", "a maintenance window needs a service and no matchers", service);
            }
            Validation.service("service", service.get());
        }
    }

    /**
     * @return a new silence of alerts whose labels meet every matcher
     */
    public static Silence of(List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, Actor createdBy, String comment) {
        return new Silence(UUID.randomUUID().toString(), Kind.SILENCE, matchers, Optional.empty(), startsAt, endsAt,
                createdBy, comment);
    }

    /**
     * @return a new maintenance window of a service's alerts
     */
    public static Silence maintenance(String service, Instant startsAt, Instant endsAt, Actor createdBy, String comment) {
        return new Silence(UUID.randomUUID().toString(), Kind.MAINTENANCE, List.of(), Optional.of(service), startsAt,
                endsAt, createdBy, comment);
    }

    /** @return whether it suppresses at that instant: {@code startsAt <= at < endsAt} */
    public boolean activeAt(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }

    /**
     * @param labels an alert's labels
     * @param alertService the service its incident would have
     * @return whether this silence or window covers that alert (whatever the time)
     */
    public boolean covers(Map<String, String> labels, String alertService) {
        if (kind == Kind.MAINTENANCE) {
            return service.get().equals(alertService);
        }
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param at when it ends now
     * @return this silence ended at {@code at}, or unchanged if it ends earlier; starting and
     *     ending at once if it had not started
     */
    public Silence expiredAt(Instant at) {
        if (!at.isBefore(endsAt)) {
            return this;
        }
        Instant start = at.isBefore(startsAt) ? at.minusNanos(1000) : startsAt;
        Instant end = at.isAfter(start) ? at : start.plusNanos(1000);
        return new Silence(id, kind, matchers, service, start, end, createdBy, comment);
    }
}
