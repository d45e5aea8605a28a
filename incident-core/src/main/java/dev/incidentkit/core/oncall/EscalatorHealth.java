package dev.incidentkit.core.oncall;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The counters of {@link Escalator#status()}; each failure logged at WARN, once while it repeats. Thread-safe. */
final class EscalatorHealth {

    private static final Logger LOG = LoggerFactory.getLogger(Escalator.class);

    private final Clock clock;
    private long steps;
    private long failures;
    private long undeliverable;
    private Optional<String> lastFailure = Optional.empty();
    private Optional<Instant> lastFailureAt = Optional.empty();

    EscalatorHealth(Clock clock) {
        this.clock = clock;
    }

    synchronized void stepped() {
        steps++;
    }

    synchronized void undeliverable() {
        undeliverable++;
    }

    /** Counts a failure; logs it at WARN unless it repeats the last one word for word (then at DEBUG). */
    void failed(String what, @Nullable Throwable cause) {
        boolean repeat;
        synchronized (this) {
            repeat = lastFailure.filter(what::equals).isPresent();
        }
        if (repeat) {
            LOG.debug("Escalator: {} (again)", what, cause);
        } else {
            LOG.warn("Escalator: {}", what, cause);
        }
        synchronized (this) {
            failures++;
            lastFailure = Optional.of(what);
            lastFailureAt = Optional.of(clock.instant());
        }
    }

    synchronized EscalatorStatus status() {
        return new EscalatorStatus(steps, failures, undeliverable, lastFailure, lastFailureAt);
    }
}
