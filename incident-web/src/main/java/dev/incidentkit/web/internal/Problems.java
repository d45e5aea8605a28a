package dev.incidentkit.web.internal;

import dev.incidentkit.core.AccessDeniedException;
import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.DuplicateCommandException;
import dev.incidentkit.core.IllegalTransitionException;
import dev.incidentkit.core.IncidentAlreadyExistsException;
import dev.incidentkit.core.IncidentException;
import dev.incidentkit.core.IncidentNotFoundException;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.notify.DeadLetterNotFoundException;
import dev.incidentkit.web.AuthenticationException;
import dev.incidentkit.web.LoginFailedException;
import dev.incidentkit.web.LoginThrottledException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Which problem document each failure deserves. Typed exceptions say what went wrong in one
 * sentence, which becomes the detail; anything else is an internal error whose detail is generic.
 */
final class Problems {

    private Problems() {}

    /**
     * @param failure what a request failed with, known to be one of the expected kinds
     * @param instance the request's path
     * @param ifMatchSent whether the request carried If-Match (a conflict is then 412, else 409)
     * @return its problem, or empty if the failure is not an expected one (an internal error)
     */
    static Optional<ApiResponse> expected(Throwable failure, String instance, boolean ifMatchSent) {
        if (failure instanceof ApiException e) {
            return Optional.of(problem(e.type(), e.getMessage(), instance, e.field()));
        }
        if (failure instanceof AuthenticationException e) {
            return Optional.of(problem(ProblemType.UNAUTHENTICATED, e.getMessage(), instance, Optional.empty())
                    .with("WWW-Authenticate", Callers.CHALLENGE));
        }
        if (failure instanceof LoginThrottledException e) {
            return Optional.of(problem(ProblemType.TOO_MANY_REQUESTS, e.getMessage(), instance, Optional.empty())
                    .with("Retry-After", Long.toString(e.retryAfterSeconds())));
        }
        if (failure instanceof LoginFailedException e) {
            return Optional.of(problem(ProblemType.UNAUTHENTICATED, e.getMessage(), instance, Optional.empty()));
        }
        if (failure instanceof IncidentException e) {
            return Optional.of(incidentProblem(e, instance, ifMatchSent));
        }
        return Optional.empty();
    }

    private static ApiResponse incidentProblem(IncidentException failure, String instance, boolean ifMatchSent) {
        String detail = failure.getMessage();
        if (failure instanceof ValidationException v) {
            // The core names fields by their Java names: the command id, which the caller set as a
            // header, and the rest as the JSON bodies spell them (rootCause is root_cause).
            String field = v.field().equals("commandId") ? "Idempotency-Key"
                    : v.field().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
            return problem(ProblemType.INVALID_INPUT, detail, instance, Optional.of(field));
        }
        if (failure instanceof DuplicateCommandException) {
            return problem(ProblemType.INVALID_INPUT, detail, instance, Optional.of("Idempotency-Key"));
        }
        if (failure instanceof ConcurrencyConflictException c && c.actualVersion() >= 1) {
            // The version it moved on to, as GET would tag it: the client can re-read and decide again.
            return problem(ifMatchSent ? ProblemType.STALE_VERSION : ProblemType.CONFLICT, detail, instance, Optional.empty())
                    .with("ETag", ETags.of(c.actualVersion()));
        }
        ProblemType type;
        if (failure instanceof IncidentNotFoundException) {
            type = ProblemType.INCIDENT_NOT_FOUND;
        } else if (failure instanceof DeadLetterNotFoundException) {
            type = ProblemType.NOT_FOUND;
        } else if (failure instanceof IllegalTransitionException) {
            type = ProblemType.ILLEGAL_TRANSITION;
        } else if (failure instanceof ConcurrencyConflictException) {
            type = ifMatchSent ? ProblemType.STALE_VERSION : ProblemType.CONFLICT;
        } else if (failure instanceof IncidentAlreadyExistsException) {
            type = ProblemType.CONFLICT;
        } else if (failure instanceof AccessDeniedException) {
            type = ProblemType.FORBIDDEN;
        } else if (failure instanceof StoreException) {
            type = ProblemType.UNAVAILABLE;
            detail = "The incident store failed; retry later.";
        } else {
            type = ProblemType.INVALID_INPUT;
        }
        return problem(type, detail, instance, Optional.empty());
    }

    /** @return a problem document response of the type's status */
    static ApiResponse problem(ProblemType type, String detail, String instance, Optional<String> field) {
        return problem(type, type.status(), detail, instance, field, Optional.empty());
    }

    /** @return a problem document response */
    static ApiResponse problem(ProblemType type, int status, String detail, String instance, Optional<String> field,
            Optional<String> errorId) {
        String json = WireFormat.write(WireFormat.problem(type, status, detail, instance, field, errorId));
        return new ApiResponse(status, ApiResponse.PROBLEM, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** @return the 500 of an unexpected failure, naming only the id under which it is logged */
    static ApiResponse internal(String errorId, String instance) {
        return problem(ProblemType.INTERNAL_ERROR, 500, "Internal error; see the server log (id " + errorId + ").",
                instance, Optional.empty(), Optional.of(errorId));
    }
}
