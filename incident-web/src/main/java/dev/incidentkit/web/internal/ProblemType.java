package dev.incidentkit.web.internal;

/**
 * The kinds of problem the API answers with (RFC 9457). Each has a stable type URI, {@code
 * https://incidentkit.dev/problems/<slug>}, a title and a status: these are part of the versioned
 * API, listed in the OpenAPI document, and a new kind is added, never renamed.
 */
public enum ProblemType {
    /** The request is not well-formed: malformed JSON, a bad header, an unknown query parameter. */
    BAD_REQUEST("bad-request", "Bad request", 400),
    /** No credentials, or wrong ones. */
    UNAUTHENTICATED("unauthenticated", "Authentication required", 401),
    /** The authorizer refused the action to the principal, or a cross-origin write was refused. */
    FORBIDDEN("forbidden", "Forbidden", 403),
    /** No such incident. */
    INCIDENT_NOT_FOUND("incident-not-found", "Incident not found", 404),
    /** No such route. */
    NOT_FOUND("not-found", "Not found", 404),
    /** The route exists, but not for this method. */
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    /** The incident's status does not allow the command. */
    ILLEGAL_TRANSITION("illegal-transition", "Illegal transition", 409),
    /** Other writers changed the incident (no If-Match was sent), or the incident exists. */
    CONFLICT("conflict", "Conflict", 409),
    /** The incident moved on from the version in If-Match. */
    STALE_VERSION("stale-version", "Precondition failed", 412),
    /** The body is larger than the server accepts. */
    BODY_TOO_LARGE("body-too-large", "Request body too large", 413),
    /** A write without {@code Content-Type: application/json}. */
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    /** A field breaks its rule, is missing or unknown; or an Idempotency-Key was reused for another command. */
    INVALID_INPUT("invalid-input", "Invalid input", 422),
    /** Too many failed logins for the account or the address lately: see Retry-After. */
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests", 429),
    /** The request's headers are larger than the server accepts. */
    HEADERS_TOO_LARGE("headers-too-large", "Request header fields too large", 431),
    /** An unexpected error; its id is in the server's log. */
    INTERNAL_ERROR("internal-error", "Internal error", 500),
    /** The store failed; retry later. */
    UNAVAILABLE("unavailable", "Service unavailable", 503);

    private static final String BASE = "https://incidentkit.dev/problems/";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    /** @return the stable type URI */
    public String uri() {
        return BASE + slug;
    }

    /** @return the short, fixed summary */
    public String title() {
        return title;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /**
     * @param status an HTTP status Jetty produced itself (a bad request line or header)
     * @return the kind that fits it best
     */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 413 -> BODY_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 431 -> HEADERS_TOO_LARGE;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
        };
    }
}
