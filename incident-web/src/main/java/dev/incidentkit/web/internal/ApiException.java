package dev.incidentkit.web.internal;

import java.util.Objects;
import java.util.Optional;

/**
 * A request the API refuses before it reaches the manager: a malformed body or header, an unknown
 * parameter, a missing field. Its message is the problem's detail, so it never repeats a
 * header's raw value.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProblemType type;
    private final transient Optional<String> field;

    /**
     * @param type the kind of problem
     * @param detail one sentence the caller can act on
     * @param field the body field, header or parameter at fault, if one is
     */
    public ApiException(ProblemType type, String detail, Optional<String> field) {
        super(detail);
        this.type = Objects.requireNonNull(type, "type");
        this.field = Objects.requireNonNull(field, "field");
    }

    /** @return a 400 naming nothing in particular */
    public static ApiException badRequest(String detail) {
        return new ApiException(ProblemType.BAD_REQUEST, detail, Optional.empty());
    }

    /** @return a 400 naming a header or parameter */
    static ApiException badRequest(String field, String detail) {
        return new ApiException(ProblemType.BAD_REQUEST, detail, Optional.of(field));
    }

    /** @return a 422 naming a body field */
    static ApiException invalid(String field, String detail) {
        return new ApiException(ProblemType.INVALID_INPUT, detail, Optional.of(field));
    }

    /** @return the kind of problem */
    public ProblemType type() {
        return type;
    }

    /** @return the field, header or parameter at fault, if one is */
    public Optional<String> field() {
        return field;
    }
}
