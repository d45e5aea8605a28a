package dev.incidentkit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests move by hand: it stands still until {@link #advance(Duration)} or {@link
 * #set(Instant)} moves it. Give it to {@code IncidentKit.builder().clock(..)} and every instant the
 * manager records, event timestamps included, comes from here.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at(Instant.parse("2025-08-23T14:30:00Z"));
 * IncidentManager incidents = IncidentKit.builder().store(store).clock(clock).build();
 * clock.advance(Duration.ofMinutes(2));
 * }</pre>
 *
 * <p>Thread-safe: the instant is held in an {@link AtomicReference}, so threads that read it while
 * a test moves it see either the old or the new instant, never anything else. A clock made by
 * {@link #withZone(ZoneId)} shares the instant with this one and moves with it.
 *
 * @since 0.1.0
 */
public final class ManualClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * @param instant where the clock stands
     * @return a clock at {@code instant}, in UTC
     */
    public static ManualClock at(Instant instant) {
        return at(instant, ZoneOffset.UTC);
    }

    /**
     * @param instant where the clock stands
     * @param zone the clock's zone
     * @return a clock at {@code instant}, in {@code zone}
     */
    public static ManualClock at(Instant instant, ZoneId zone) {
        return new ManualClock(new AtomicReference<>(Objects.requireNonNull(instant, "instant")),
                Objects.requireNonNull(zone, "zone"));
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far, zero or more
     * @return the new instant
     * @throws IllegalArgumentException if {@code duration} is negative; use {@link #set} to go back
     */
    public Instant advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a ManualClock advances by zero or more, not by " + duration
                    + "; call set(..) to move it back");
        }
        return now.updateAndGet(i -> i.plus(duration));
    }

    /**
     * Moves the clock to an instant, forward or back.
     *
     * @param instant where the clock stands from now on
     * @return {@code instant}
     */
    public Instant set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
        return instant;
    }

    /** @return where the clock stands */
    @Override
    public Instant instant() {
        return now.get();
    }

    /** @return the clock's zone, UTC unless chosen otherwise */
    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * @param zone another zone
     * @return a clock in {@code zone} that shares this clock's instant: moving either moves both
     */
    @Override
    public ManualClock withZone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        return zone.equals(this.zone) ? this : new ManualClock(now, zone);
    }

    /** @return the instant and the zone, for failure messages */
    @Override
    public String toString() {
        return "ManualClock[" + now.get() + "," + zone + "]";
    }
}
