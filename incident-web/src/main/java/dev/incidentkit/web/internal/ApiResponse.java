package dev.incidentkit.web.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One response, whole: status, media type, body and the headers particular to it (the security
 * headers every response carries are added when it is written).
 *
 * @param status the HTTP status
 * @param contentType the media type of the body
 * @param body the body's bytes
 * @param headers further headers, such as {@code ETag} or {@code Location}
 * @param stream what writes the body instead, over time, after the headers (the live events);
 *     empty for a whole body
 */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers,
        Optional<Streamer> stream) {

    /** The media type of the API's JSON. */
    public static final String JSON = "application/json";

    /** The media type of problem documents (RFC 9457). */
    public static final String PROBLEM = "application/problem+json";

    /** Copies the headers, keeping their order. */
    public ApiResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(new LinkedHashMap<>(headers));
        Objects.requireNonNull(stream, "stream");
    }

    /**
     * A response with a whole body.
     *
     * @param status the HTTP status
     * @param contentType the media type of the body
     * @param body the body's bytes
     * @param headers further headers
     */
    public ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, Optional.empty());
    }

    /** Writes a response's body over time, once its status and headers are set. */
    @FunctionalInterface
    public interface Streamer {
        /**
         * Takes the response over; must complete {@code callback} when the body ends, from any thread.
         *
         * @param response the response, its headers set
         * @param callback the request's callback
         */
        void start(Response response, Callback callback);
    }

    /** @return a 200 whose body {@code streamer} writes */
    static ApiResponse streamed(String contentType, Map<String, String> headers, Streamer streamer) {
        return new ApiResponse(200, contentType, new byte[0], headers, Optional.of(streamer));
    }

    /** @return a response of JSON text with no further headers */
    static ApiResponse json(int status, String json) {
        return new ApiResponse(status, JSON, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** @return this response with one more header */
    ApiResponse with(String name, String value) {
        var all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new ApiResponse(status, contentType, body, all, stream);
    }
}
