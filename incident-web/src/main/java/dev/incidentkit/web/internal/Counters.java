package dev.incidentkit.web.internal;

import dev.incidentkit.web.WebStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** What the server has answered, counted for {@link WebStatus}. Thread-safe. */
public final class Counters {

    private final Clock clock;
    private final LongAdder requests = new LongAdder();
    private final LongAdder clientErrors = new LongAdder();
    private final LongAdder serverErrors = new LongAdder();
    private final LongAdder handlerErrors = new LongAdder();
    private final LongAdder alertFailures = new LongAdder();
    private final AtomicReference<Optional<WebStatus.LastError>> lastError = new AtomicReference<>(Optional.empty());

    /** @param clock stamps the last handler error */
    public Counters(Clock clock) {
        this.clock = clock;
    }

    /** Counts one answered request by its status. */
    public void answered(int status) {
        requests.increment();
        if (status >= 500) {
            serverErrors.increment();
        } else if (status >= 400) {
            clientErrors.increment();
        }
    }

    /** Counts a handler error: an unexpected exception, answered with 500. */
    public void handlerError(Throwable failure, String errorId) {
        handlerErrors.increment();
        lastError.set(Optional.of(new WebStatus.LastError(failure.getClass().getName(), errorId, Instant.now(clock))));
    }

    /** Counts a signal an alert receiver could not hand to the intake (logged once, by the API's handler). */
    public void alertFailure() {
        alertFailures.increment();
    }

    /**
     * @param streams the live event streams, whose counts the status includes
     * @return the counts now
     */
    public WebStatus snapshot(EventStreams streams) {
        return new WebStatus(requests.sum(), clientErrors.sum(), serverErrors.sum(), handlerErrors.sum(), lastError.get(),
                streams.openStreams(), streams.failures(), alertFailures.sum());
    }
}
