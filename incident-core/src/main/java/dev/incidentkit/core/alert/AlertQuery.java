package dev.incidentkit.core.alert;

import java.util.Objects;
import java.util.Optional;

/**
 * Which alerts to list, newest received first ({@code lastSeen} descending, then id).
 *
 * @param state firing, resolved or suppressed; empty for all
 * @param incidentId only the alerts of this incident, if given
 * @param source only the alerts of this source, if given
 * @param limit at most this many, 1 to 1,000
 * @since 0.3.0
 */
public record AlertQuery(Optional<State> state, Optional<String> incidentId, Optional<String> source, int limit) {

    /** The states a list can ask for. */
    public enum State {
        /** Firing and not suppressed. */
        FIRING,
        /** Resolved. */
        RESOLVED,
        /** Suppressed by a silence or maintenance window, firing or not. */
        SUPPRESSED
    }

    /** Checks the limit and that no component is null. */
    public AlertQuery {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(source, "source");
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1 to 1000, got " + limit);
        }
    }

    /** @return the 100 alerts received last */
    public static AlertQuery recent() {
        return new AlertQuery(Optional.empty(), Optional.empty(), Optional.empty(), 100);
    }

    /** @param s the state @return this query for that state only */
    public AlertQuery state(State s) {
        return new AlertQuery(Optional.of(s), incidentId, source, limit);
    }

    /** @param id the incident @return this query for that incident's alerts only */
    public AlertQuery incident(String id) {
        return new AlertQuery(state, Optional.of(id), source, limit);
    }

    /** @param s the source @return this query for that source only */
    public AlertQuery source(String s) {
        return new AlertQuery(state, incidentId, Optional.of(s), limit);
    }

    /** @param n the limit @return this query with it */
    public AlertQuery limit(int n) {
        return new AlertQuery(state, incidentId, source, n);
    }

    /**
     * The reference every store's answer is held to.
     *
     * @param alert an alert
     * @return whether this query selects it
     */
    public boolean matches(Alert alert) {
        if (incidentId.isPresent() && !alert.incidentId().equals(incidentId)) {
            return false;
        }
        if (source.isPresent() && !alert.details().source().equals(source.get())) {
            return false;
        }
        if (state.isEmpty()) {
            return true;
        }
        return switch (state.get()) {
            case FIRING -> alert.status() == AlertStatus.FIRING && !alert.suppressed();
            case RESOLVED -> alert.status() == AlertStatus.RESOLVED;
            case SUPPRESSED -> alert.suppressed();
        };
    }
}
