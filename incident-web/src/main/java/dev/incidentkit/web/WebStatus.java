package dev.incidentkit.web;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a running {@link IncidentWeb} has answered since it started, for the host's health checks.
 *
 * @param requests requests answered, whatever their status
 * @param clientErrors of those, answered with 4xx
 * @param serverErrors of those, answered with 5xx (handler errors and store failures)
 * @param handlerErrors unexpected exceptions in a handler, each answered with 500 and logged once
 *     at ERROR with its error id
 * @param lastError the last handler error, if there was one
 * @param eventStreams live event streams open now
 * @param eventStreamFailures events a live stream could not write as CloudEvents (each logged
 *     once at ERROR and skipped by the streams)
 * @param alertFailures alerts an alert receiver could not hand to the intake because it failed
 *     (the store, say): each answered with 503 or 500 so that the source retries, logged once at
 *     ERROR and also counted in {@code handlerErrors}; since 0.3.0
 * @since 0.2.0
 */
public record WebStatus(long requests, long clientErrors, long serverErrors, long handlerErrors,
        Optional<LastError> lastError, int eventStreams, long eventStreamFailures, long alertFailures) {

    /** Checks the components. */
    public WebStatus {
        Objects.requireNonNull(lastError, "lastError");
    }

    /**
     * The last unexpected exception of a handler.
     *
     * @param exceptionClass its class's name (never its message, which may hold request data)
     * @param errorId the id in its problem document and its log line
     * @param at when it happened, by the server's clock
     */
    public record LastError(String exceptionClass, String errorId, Instant at) {
        /** Checks the components. */
        public LastError {
            Objects.requireNonNull(exceptionClass, "exceptionClass");
            Objects.requireNonNull(errorId, "errorId");
            Objects.requireNonNull(at, "at");
        }
    }
}
