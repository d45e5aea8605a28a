package dev.incidentkit.web.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One response, whole: status, media type, body and the headers particular to it (the security
 * headers every response carries are added when it is written).
 *
 * @param status the HTTP status
 * @param contentType the media type of the body
 * @param body the body's bytes
 * @param headers further headers, such as {@code ETag} or {@code Location}
 */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    /** The media type of the API's JSON. */
    public static final String JSON = "application/json";

    /** The media type of problem documents (RFC 9457). */
    public static final String PROBLEM = "application/problem+json";

    /** Copies the headers, keeping their order. */
    public ApiResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(new LinkedHashMap<>(headers));
    }

    /** @return a response of JSON text with no further headers */
    static ApiResponse json(int status, String json) {
        return new ApiResponse(status, JSON, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** @return this response with one more header */
    ApiResponse with(String name, String value) {
        var all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new ApiResponse(status, contentType, body, all);
    }
}
