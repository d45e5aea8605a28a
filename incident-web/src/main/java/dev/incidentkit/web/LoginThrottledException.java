package dev.incidentkit.web;

import dev.incidentkit.core.IncidentException;
import java.time.Duration;
import java.util.Objects;

/**
 * A login was refused without looking at the password, because the account or the address it
 * came from failed too often lately ({@link LoginThrottle}). Answer with 429 and a {@code
 * Retry-After} of {@link #retryAfterSeconds()}.
 *
 * @since 0.2.0
 */
public final class LoginThrottledException extends IncidentException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /** @param retryAfter how long until a login may be tried again, positive */
    public LoginThrottledException(Duration retryAfter) {
        super("Too many failed logins; try again in " + seconds(retryAfter) + " seconds.");
        this.retryAfter = retryAfter;
    }

    /** @return how long until a login may be tried again */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** @return {@link #retryAfter()} rounded up to whole seconds, at least 1: a {@code Retry-After} value */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration d) {
        Objects.requireNonNull(d, "retryAfter");
        long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Math.max(1, s);
    }
}
