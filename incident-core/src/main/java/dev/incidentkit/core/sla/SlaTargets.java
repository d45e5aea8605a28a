package dev.incidentkit.core.sla;

import dev.incidentkit.core.SlaKind;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The SLA targets of one severity: acknowledge within, resolve within, and (optionally) post an
 * update at least every so often; counted around the clock, or only in the working time of a
 * {@link BusinessCalendar}.
 *
 * @param acknowledge the time to acknowledge
 * @param resolve the time to resolve
 * @param update the longest silence between two updates while the incident is active, if any
 * @param calendar the business hours the clocks run in; empty for around the clock
 * @since 0.1.0
 */
public record SlaTargets(
        Duration acknowledge, Duration resolve, Optional<Duration> update, Optional<BusinessCalendar> calendar) {

    /** The longest target: an SLA of more than a year is no SLA. */
    public static final Duration MAX_TARGET = Duration.ofDays(366);

    /**
     * Checks the targets.
     *
     * @throws IllegalArgumentException if a target is not positive, longer than {@link
     *     #MAX_TARGET} or has fractions of a second
     */
    public SlaTargets {
        check("acknowledge", acknowledge);
        check("resolve", resolve);
        Objects.requireNonNull(update, "update");
        update.ifPresent(u -> check("update", u));
        Objects.requireNonNull(calendar, "calendar");
    }

    /**
     * @param acknowledge the time to acknowledge
     * @param resolve the time to resolve
     * @return those targets, without an update target, around the clock
     * @throws IllegalArgumentException if a target is not valid
     */
    public static SlaTargets of(Duration acknowledge, Duration resolve) {
        return new SlaTargets(acknowledge, resolve, Optional.empty(), Optional.empty());
    }

    /**
     * @param every the longest silence between two updates
     * @return these targets with that update target
     * @throws IllegalArgumentException if the target is not valid
     */
    public SlaTargets withUpdate(Duration every) {
        return new SlaTargets(acknowledge, resolve, Optional.of(every), calendar);
    }

    /** @return these targets without an update target */
    public SlaTargets withoutUpdate() {
        return new SlaTargets(acknowledge, resolve, Optional.empty(), calendar);
    }

    /**
     * @param businessHours the calendar the clocks run in
     * @return these targets, counted in working time only
     */
    public SlaTargets withCalendar(BusinessCalendar businessHours) {
        return new SlaTargets(acknowledge, resolve, update, Optional.of(businessHours));
    }

    /** @return these targets, counted around the clock */
    public SlaTargets aroundTheClock() {
        return new SlaTargets(acknowledge, resolve, update, Optional.empty());
    }

    /**
     * @param kind a clock
     * @return its target, if these targets have one for it
     */
    public Optional<Duration> target(SlaKind kind) {
        return switch (kind) {
            case ACK -> Optional.of(acknowledge);
            case RESOLVE -> Optional.of(resolve);
            case UPDATE -> update;
        };
    }

    static void check(String name, Duration target) {
        Objects.requireNonNull(target, name);
        if (target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException(name + " target must be positive: " + target);
        }
        if (target.compareTo(MAX_TARGET) > 0) {
            throw new IllegalArgumentException(name + " target must be at most " + MAX_TARGET.toDays() + " days: " + target);
        }
        if (target.getNano() != 0) {
            throw new IllegalArgumentException(name + " target must be a whole number of seconds: " + target);
        }
    }
}
