package dev.incidentkit.core.sla;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaBreach;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.event.RecordedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SLA rules of the design contract: per severity, a time to acknowledge, a time to resolve and
 * (optionally) the longest silence between two updates, each counted from {@code detected_at}
 * around the clock or in the working time of a {@link BusinessCalendar}. Optionally the resolve
 * clock pauses while an incident is MITIGATED, and a severity change recomputes the deadlines
 * from the original start (default) or from the change.
 *
 * <p>The defaults ({@link #ofDefaults()}):
 *
 * <table>
 * <caption>Default targets</caption>
 * <tr><th>severity</th><th>acknowledge within</th><th>resolve within</th><th>update at least every</th></tr>
 * <tr><td>SEV-1</td><td>15 min</td><td>1 h</td><td>15 min</td></tr>
 * <tr><td>SEV-2</td><td>30 min</td><td>4 h</td><td>30 min</td></tr>
 * <tr><td>SEV-3</td><td>2 h</td><td>24 h</td><td>–</td></tr>
 * <tr><td>SEV-4</td><td>8 h</td><td>72 h</td><td>–</td></tr>
 * </table>
 *
 * <h2>The clocks</h2>
 * <ul>
 *   <li><b>Acknowledge</b> runs from {@code detected_at} while the incident is active and not yet
 *       acknowledged. It is met by an acknowledgement at or before its deadline. An incident
 *       resolved without an acknowledgement misses it (the design contract: a skipped milestone is
 *       not reached), even before the deadline. A cancel or a duplicate mark stops it unmet but
 *       not missed.</li>
 *   <li><b>Resolve</b> runs from {@code detected_at} while the incident is active (and not
 *       MITIGATED, when the policy pauses it), and is met by a resolution at or before its
 *       deadline. After a reopen it runs on from the time it had used.</li>
 *   <li><b>Update</b> runs while the incident is active, from the last update (the declaration,
 *       an acknowledgement, a status change or a note); its deadline is the last update plus the
 *       target. Once the incident is no longer active no update is owed.</li>
 * </ul>
 * A clock that stopped (acknowledged, resolved) is judged by the deadline in force when it
 * stopped; a later severity change does not judge it again. A clock that breached stays breached
 * for its run (the acknowledge clock's whole life, the resolve clock until the resolution, the
 * update clock until the next update), even if a downgrade moves its deadline later, so that a
 * downgrade cannot undo a breach.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class SlaPolicy {

    private static final SlaPolicy DEFAULTS = new SlaPolicy(defaultTargets(), false, RecomputeFrom.ORIGINAL_START);

    private final Map<Severity, SlaTargets> targets;
    private final boolean pauseResolveWhileMitigated;
    private final RecomputeFrom recomputeFrom;

    private SlaPolicy(Map<Severity, SlaTargets> targets, boolean pauseResolveWhileMitigated, RecomputeFrom recomputeFrom) {
        this.targets = new EnumMap<>(targets);
        this.pauseResolveWhileMitigated = pauseResolveWhileMitigated;
        this.recomputeFrom = recomputeFrom;
    }

    private static Map<Severity, SlaTargets> defaultTargets() {
        Map<Severity, SlaTargets> t = new EnumMap<>(Severity.class);
        t.put(Severity.SEV1, SlaTargets.of(Duration.ofMinutes(15), Duration.ofHours(1)).withUpdate(Duration.ofMinutes(15)));
        t.put(Severity.SEV2, SlaTargets.of(Duration.ofMinutes(30), Duration.ofHours(4)).withUpdate(Duration.ofMinutes(30)));
        t.put(Severity.SEV3, SlaTargets.of(Duration.ofHours(2), Duration.ofHours(24)));
        t.put(Severity.SEV4, SlaTargets.of(Duration.ofHours(8), Duration.ofHours(72)));
        return t;
    }

    /**
     * @return the policy of the design contract: the table above, around the clock, no pause,
     *     recomputed from the original start
     * @since 0.2.0
     */
    public static SlaPolicy ofDefaults() {
        return DEFAULTS;
    }

    /** @return a builder that starts from {@link #ofDefaults()} */
    public static Builder custom() {
        return new Builder(DEFAULTS);
    }

    /**
     * @param base a policy to start from
     * @return a builder that starts from {@code base}
     */
    public static Builder from(SlaPolicy base) {
        return new Builder(Objects.requireNonNull(base, "base"));
    }

    /**
     * @param severity a severity
     * @return its targets
     */
    public SlaTargets targets(Severity severity) {
        return targets.get(severity);
    }

    /** @return whether the resolve clock pauses while an incident is MITIGATED */
    public boolean pausesResolveWhileMitigated() {
        return pauseResolveWhileMitigated;
    }

    /** @return where the clocks count from after a severity change */
    public RecomputeFrom recomputeFrom() {
        return recomputeFrom;
    }

    /**
     * The plain deadline of a target: {@code start} plus the target, in working time if the
     * severity uses a calendar. No pauses, no severity changes.
     *
     * @param severity the severity whose target counts
     * @param kind which clock
     * @param start where the clock starts
     * @return the deadline, if the severity has a target for {@code kind}
     */
    public Optional<Instant> deadline(Severity severity, SlaKind kind, Instant start) {
        SlaTargets t = targets(severity);
        return t.target(kind).map(target -> SlaEvaluation.workTime(t).plus(start, target));
    }

    /**
     * The SLA clocks of an incident at an instant, computed from its history: a pure function.
     * Only the events that had occurred by {@code at} count (in version order, up to the first
     * that lies after {@code at}), so a past instant gives the status the incident had then.
     *
     * <p>There is no variant on an {@link dev.incidentkit.core.Incident} snapshot on purpose: a
     * snapshot lacks the intervals spent MITIGATED, the instants of severity changes and reopens,
     * and the breaches under an earlier severity, so it would be right only sometimes.
     *
     * @param history the incident's events in version order, starting with its declaration, as
     *     {@link dev.incidentkit.core.IncidentManager#history} returns them
     * @param at the instant to compute the status for
     * @return the status
     * @throws IllegalArgumentException if the history does not start with a declaration, or
     *     {@code at} is before the declaration
     */
    public SlaStatus status(List<RecordedEvent> history, Instant at) {
        SlaEvaluation e = SlaEvaluation.run(this, history, at);
        return e.status().orElseThrow(() -> new IllegalArgumentException("incident " + history.get(0).incidentId()
                + " was declared at " + history.get(0).occurredAt() + ", after " + at));
    }

    /**
     * Every breach in an incident's history up to an instant: each deadline that passed while its
     * clock ran, under the targets then in force, and each acknowledge miss. A pure function; the
     * same history and instant always give the same list, which is what lets a monitor record
     * each breach once. Recorded breaches ({@code incident.sla_breached} events) are not read:
     * the list is what should be recorded, compare it with {@link
     * dev.incidentkit.core.Incident#slaBreaches()}.
     *
     * @param history the incident's events in version order, starting with its declaration
     * @param at the instant up to which to look (exclusive: a deadline equal to it has not passed)
     * @return the breaches in the order they happened, one per clock and deadline
     * @throws IllegalArgumentException if the history does not start with a declaration
     */
    public List<SlaBreach> breaches(List<RecordedEvent> history, Instant at) {
        return SlaEvaluation.run(this, history, at).breaches();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SlaPolicy p)) {
            return false;
        }
        return targets.equals(p.targets) && pauseResolveWhileMitigated == p.pauseResolveWhileMitigated
                && recomputeFrom == p.recomputeFrom;
    }

    @Override
    public int hashCode() {
        return Objects.hash(targets, pauseResolveWhileMitigated, recomputeFrom);
    }

    @Override
    public String toString() {
        return "SlaPolicy[" + targets + ", pauseResolveWhileMitigated=" + pauseResolveWhileMitigated
                + ", recomputeFrom=" + recomputeFrom + "]";
    }

    /**
     * Builds an {@link SlaPolicy}. Each setter checks its argument at once and throws
     * {@link IllegalArgumentException} naming the bad value; {@link #build()} checks the whole.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        private final Map<Severity, SlaTargets> targets;
        private boolean pauseResolveWhileMitigated;
        private RecomputeFrom recomputeFrom;

        private Builder(SlaPolicy base) {
            this.targets = new EnumMap<>(base.targets);
            this.pauseResolveWhileMitigated = base.pauseResolveWhileMitigated;
            this.recomputeFrom = base.recomputeFrom;
        }

        /**
         * @param severity a severity
         * @param targets all its targets at once
         * @return this builder
         */
        public Builder targets(Severity severity, SlaTargets targets) {
            this.targets.put(Objects.requireNonNull(severity, "severity"), Objects.requireNonNull(targets, "targets"));
            return this;
        }

        /**
         * @param severity a severity
         * @param target its time to acknowledge
         * @return this builder
         * @throws IllegalArgumentException if the target is not positive, longer than {@link
         *     SlaTargets#MAX_TARGET} or has fractions of a second
         */
        public Builder acknowledgeWithin(Severity severity, Duration target) {
            SlaTargets t = current(severity);
            return targets(severity, new SlaTargets(checked(severity, "acknowledge", target), t.resolve(), t.update(), t.calendar()));
        }

        /**
         * @param severity a severity
         * @param target its time to resolve
         * @return this builder
         * @throws IllegalArgumentException if the target is not valid, as for {@link #acknowledgeWithin}
         */
        public Builder resolveWithin(Severity severity, Duration target) {
            SlaTargets t = current(severity);
            return targets(severity, new SlaTargets(t.acknowledge(), checked(severity, "resolve", target), t.update(), t.calendar()));
        }

        /**
         * @param severity a severity
         * @param target the longest silence between two updates while an incident of it is active
         * @return this builder
         * @throws IllegalArgumentException if the target is not valid, as for {@link #acknowledgeWithin}
         */
        public Builder updateEvery(Severity severity, Duration target) {
            return targets(severity, current(severity).withUpdate(checked(severity, "update", target)));
        }

        /**
         * @param severity a severity
         * @return this builder, with no update target for {@code severity}
         */
        public Builder noUpdateTarget(Severity severity) {
            return targets(severity, current(severity).withoutUpdate());
        }

        /**
         * @param severity a severity
         * @param calendar the business hours its clocks run in
         * @return this builder
         */
        public Builder businessHours(Severity severity, BusinessCalendar calendar) {
            return targets(severity, current(severity).withCalendar(Objects.requireNonNull(calendar, "calendar")));
        }

        /**
         * @param severity a severity
         * @return this builder, with {@code severity}'s clocks running around the clock
         */
        public Builder aroundTheClock(Severity severity) {
            return targets(severity, current(severity).aroundTheClock());
        }

        /**
         * @param pause whether the resolve clock pauses while an incident is MITIGATED; false by default
         * @return this builder
         */
        public Builder pauseResolveWhileMitigated(boolean pause) {
            this.pauseResolveWhileMitigated = pause;
            return this;
        }

        /**
         * @param from where the clocks count from after a severity change; {@link
         *     RecomputeFrom#ORIGINAL_START} by default
         * @return this builder
         */
        public Builder recomputeFrom(RecomputeFrom from) {
            this.recomputeFrom = Objects.requireNonNull(from, "from");
            return this;
        }

        /**
         * @return the policy
         * @throws IllegalArgumentException if a severity's time to acknowledge exceeds its time to resolve
         */
        public SlaPolicy build() {
            for (Map.Entry<Severity, SlaTargets> e : targets.entrySet()) {
                SlaTargets t = e.getValue();
                if (t.acknowledge().compareTo(t.resolve()) > 0) {
                    throw new IllegalArgumentException(e.getKey() + ": the time to acknowledge (" + t.acknowledge()
                            + ") must not exceed the time to resolve (" + t.resolve() + ")");
                }
            }
            return new SlaPolicy(targets, pauseResolveWhileMitigated, recomputeFrom);
        }

        private SlaTargets current(Severity severity) {
            return targets.get(Objects.requireNonNull(severity, "severity"));
        }

        private static Duration checked(Severity severity, String name, Duration target) {
            try {
                SlaTargets.check(name, target);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(severity + ": " + e.getMessage(), e);
            }
            return target;
        }
    }
}
