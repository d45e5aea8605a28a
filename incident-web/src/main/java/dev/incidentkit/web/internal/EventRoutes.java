package dev.incidentkit.web.internal;

import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.access.Action;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.web.Principal;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;

/**
 * {@code GET /api/v1/events}: every recorded event, as a CloudEvent in a Server-Sent Events
 * stream ({@link EventStreams}). A client resumes after the last event it has by sending its
 * {@code id} back as {@code Last-Event-ID} (as a browser's {@code EventSource} does on its own)
 * or as {@code ?after=}; without either, the stream starts with the first event of the store.
 */
final class EventRoutes {

    /** The media type of the stream. */
    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    private final IncidentManager incidents;
    private final EventStreams streams;

    EventRoutes(IncidentManager incidents, EventStreams streams) {
        this.incidents = incidents;
        this.streams = streams;
    }

    ApiResponse stream(Exchange x) {
        Principal principal = x.principal().orElseThrow();
        incidents.authorizer().authorize(principal.actor(), new Action.Read(Optional.empty()));
        LogPosition after = after(x);
        // The place is taken here, before the 200 is sent: a check now and an open later would
        // let requests at once pass the check together and answer 200 with an empty stream.
        Optional<EventStreams.Place> place = streams.reserve();
        if (place.isEmpty()) {
            return Problems.problem(ProblemType.UNAVAILABLE, "Too many live event streams are open; retry later.",
                    x.path(), Optional.empty()).with("Retry-After", "5");
        }
        // No proxy buffering, so that each event leaves when it is written.
        return ApiResponse.streamed(EVENT_STREAM, Map.of("X-Accel-Buffering", "no"), (response, callback) -> {
            // False only when the server is closing.
            if (!place.get().open(after, new JettySink(response, callback, streams.writeTimeout()), () -> mayStillRead(x, principal))) {
                response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            }
        });
    }

    /**
     * Asked before each frame, heartbeats included: a stream outlives the request that opened it,
     * so it ends when its caller's credentials end (logout, a revoked or expired token, a removed
     * user) or its actor may no longer read.
     */
    private boolean mayStillRead(Exchange x, Principal opened) {
        Optional<Principal> now = x.principalNow().get();
        if (now.isEmpty() || !now.get().equals(opened)) {
            return false;
        }
        return incidents.authorizer().permits(opened.actor(), new Action.Read(Optional.empty()));
    }

    private static LogPosition after(Exchange x) {
        Optional<String> header = x.request().header("Last-Event-ID");
        Optional<String> text = header.isPresent() ? header : x.parameter("after");
        if (text.isEmpty() || text.get().isEmpty()) {
            return LogPosition.START;
        }
        String field = header.isPresent() ? "Last-Event-ID" : "after";
        try {
            LogPosition position = LogPosition.parse(text.get().strip());
            if (position.commit() < 0 || position.position() < 0) {
                throw new IllegalArgumentException("negative");
            }
            return position;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, field + " must be an event id of this stream, such as 12/12, got "
                    + JsonBody.printable(text.get()) + ".");
        }
    }

    /** A held-open Jetty response as a stream's sink: each write waits until Jetty has sent it. */
    private static final class JettySink implements EventStreams.Sink {
        private final Response response;
        private final Callback callback;
        private final Duration timeout;

        JettySink(Response response, Callback callback, Duration timeout) {
            this.response = response;
            this.callback = callback;
            this.timeout = timeout;
        }

        @Override
        public void write(String text) throws IOException {
            FutureCallback written = new FutureCallback();
            response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), written);
            try {
                // Bounded: a client that stopped reading must not hold its stream, nor close(), for long.
                written.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing a live event");
            } catch (ExecutionException e) {
                throw new IOException("the client of a live event stream went away", e.getCause());
            } catch (TimeoutException e) {
                throw new IOException("the client of a live event stream stopped reading for " + timeout, e);
            }
        }

        @Override
        public void end() {
            try {
                response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            } catch (IllegalStateException pending) {
                // A write that timed out is still pending: the response cannot end cleanly, so it fails.
                callback.failed(pending);
            }
        }
    }
}
