package dev.incidentkit.core.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaBreach;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of the SLA evaluation over random lifecycles: what lets a monitor record each breach
 * once, after a restart too, and look at an incident only when it is due.
 */
class SlaEvaluationProperties {

    static final Instant T0 = Instant.parse("2025-03-27T14:30:00Z");

    static final List<SlaPolicy> POLICIES = List.of(
            SlaPolicy.ofDefaults(),
            SlaPolicy.custom().pauseResolveWhileMitigated(true).build(),
            SlaPolicy.custom().recomputeFrom(RecomputeFrom.SEVERITY_CHANGE).updateEvery(Severity.SEV3, Duration.ofHours(1)).build(),
            SlaPolicy.custom().pauseResolveWhileMitigated(true)
                    .businessHours(Severity.SEV3, BusinessCalendar.weekdays(ZoneId.of("Europe/Berlin"), LocalTime.of(9, 0), LocalTime.of(17, 0)))
                    .businessHours(Severity.SEV2, BusinessCalendar.weekdays(ZoneId.of("America/New_York"), LocalTime.of(8, 0), LocalTime.of(20, 0)))
                    .updateEvery(Severity.SEV3, Duration.ofHours(2))
                    .build());

    /** One step of a random lifecycle: what to try, and how many minutes after the previous step. */
    static final class Step {
        final int action;
        final int gap;

        Step(int action, int gap) {
            this.action = action;
            this.gap = gap;
        }

        @Override
        public String toString() {
            return action + "+" + gap + "m";
        }
    }

    @Provide
    Arbitrary<List<Step>> lifecycles() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 240))
                .as(Step::new);
        return step.list().ofMaxSize(12);
    }

    /** Plays the steps that are legal in the status reached, skipping the others. */
    static History play(Severity severity, List<Step> steps) {
        History h = History.declared(severity, T0);
        Status status = Status.OPEN;
        Severity sev = severity;
        Instant at = T0;
        for (Step s : steps) {
            at = at.plus(Duration.ofMinutes(s.gap));
            boolean active = status.isActive();
            switch (s.action) {
                case 0:
                    if (status == Status.OPEN) {
                        h.ack(at);
                        status = Status.ACKNOWLEDGED;
                    }
                    break;
                case 1:
                    if (active && status != Status.INVESTIGATING) {
                        h.to(Status.INVESTIGATING, at);
                        status = Status.INVESTIGATING;
                    }
                    break;
                case 2:
                    if (active && status != Status.MITIGATED) {
                        h.to(Status.MITIGATED, at);
                        status = Status.MITIGATED;
                    }
                    break;
                case 3:
                    if (active) {
                        h.to(Status.RESOLVED, at);
                        status = Status.RESOLVED;
                    }
                    break;
                case 4:
                    if (status == Status.RESOLVED || status == Status.CANCELED) {
                        h.reopen(at);
                        status = Status.INVESTIGATING;
                    }
                    break;
                case 5:
                case 6:
                    if (!status.isTerminal()) {
                        h.note(at);
                    }
                    break;
                case 7:
                    if (!status.isTerminal() && sev != Severity.SEV1) {
                        sev = Severity.values()[sev.ordinal() - 1];
                        h.severity(sev, at);
                    }
                    break;
                case 8:
                    if (!status.isTerminal() && sev != Severity.SEV4) {
                        sev = Severity.values()[sev.ordinal() + 1];
                        h.severity(sev, at);
                    }
                    break;
                default:
                    if (status == Status.OPEN || status == Status.ACKNOWLEDGED || status == Status.INVESTIGATING) {
                        h.cancel(at);
                        status = Status.CANCELED;
                    }
                    break;
            }
        }
        h.lastAt = at;
        return h;
    }

    @Property(tries = 400)
    void breachesOnlyGrowAndAreUnique(@ForAll @IntRange(min = 0, max = 3) int policy, @ForAll Severity severity,
            @ForAll("lifecycles") List<Step> steps, @ForAll @IntRange(min = 0, max = 3000) int probe) {
        SlaPolicy p = POLICIES.get(policy);
        History h = play(severity, steps);
        Instant earlier = T0.plus(Duration.ofMinutes(probe));
        Instant later = h.lastAt.plus(Duration.ofDays(30));

        List<SlaBreach> sofar = p.breaches(h.events(), earlier);
        List<SlaBreach> all = p.breaches(h.events(), later);

        // A breach once found is never lost nor changed: recording them is restart-safe.
        assertThat(all.subList(0, Math.min(sofar.size(), all.size()))).isEqualTo(sofar);
        assertThat(all.size()).isGreaterThanOrEqualTo(sofar.size());
        Set<String> keys = new HashSet<>();
        for (SlaBreach v : all) {
            assertThat(keys.add(v.kind() + "@" + v.deadline())).as("one breach per clock and deadline: %s", all).isTrue();
            assertThat(v.breachedAt()).isAfterOrEqualTo(T0).isBeforeOrEqualTo(later);
            assertThat(v.deadline()).isAfter(T0);
        }
        for (SlaBreach v : sofar) {
            assertThat(v.breachedAt()).isBeforeOrEqualTo(earlier);
        }
    }

    @Property(tries = 400)
    void nothingIsBreachedBeforeTheNextDeadlineAndSomethingJustAfter(@ForAll @IntRange(min = 0, max = 3) int policy,
            @ForAll Severity severity, @ForAll("lifecycles") List<Step> steps, @ForAll @IntRange(min = 0, max = 600) int wait) {
        SlaPolicy p = POLICIES.get(policy);
        History h = play(severity, steps);
        Instant now = h.lastAt.plus(Duration.ofMinutes(wait));

        SlaStatus status = p.status(h.events(), now);
        List<SlaBreach> found = p.breaches(h.events(), now);
        Optional<Instant> next = status.nextDeadline();

        if (next.isPresent()) {
            assertThat(next.get()).isAfterOrEqualTo(now);
            assertThat(p.breaches(h.events(), next.get())).isEqualTo(found);
            // Just after, a clock pending now is breached. Usually that is a new breach to record;
            // a reopened incident whose resolve target was used up breaches again with the same
            // deadline, which is recorded once.
            Instant justAfter = next.get().plusSeconds(1);
            SlaStatus after = p.status(h.events(), justAfter);
            assertThat(status.clocks().values()).anySatisfy(c -> {
                assertThat(c.state()).isEqualTo(SlaState.PENDING);
                assertThat(after.clock(c.kind()).map(SlaClock::state)).contains(SlaState.BREACHED);
            });
            List<SlaBreach> later = p.breaches(h.events(), justAfter);
            assertThat(later.subList(0, found.size())).isEqualTo(found);
        } else {
            assertThat(p.breaches(h.events(), now.plus(Duration.ofDays(400)))).isEqualTo(found);
        }
    }

    @Property(tries = 400)
    void aBreachedClockHasItsBreachOnRecord(@ForAll @IntRange(min = 0, max = 3) int policy, @ForAll Severity severity,
            @ForAll("lifecycles") List<Step> steps, @ForAll @IntRange(min = 0, max = 600) int wait) {
        SlaPolicy p = POLICIES.get(policy);
        History h = play(severity, steps);
        Instant now = h.lastAt.plus(Duration.ofMinutes(wait));

        SlaStatus status = p.status(h.events(), now);
        List<SlaBreach> found = p.breaches(h.events(), now);

        for (SlaClock c : status.clocks().values()) {
            if (c.state() == SlaState.BREACHED) {
                assertThat(found).anySatisfy(v -> {
                    assertThat(v.kind()).isEqualTo(c.kind());
                    assertThat(Optional.of(v.deadline())).isEqualTo(c.deadline());
                });
            }
            if (c.state() == SlaState.PENDING) {
                assertThat(c.overdue()).isZero();
                assertThat(c.remaining().isNegative()).isFalse();
                assertThat(c.remaining()).isLessThanOrEqualTo(c.target());
            }
        }
        // The acknowledge clock has one run: once breached, always breached.
        boolean ackBreached = found.stream().anyMatch(v -> v.kind() == SlaKind.ACK);
        assertThat(status.clock(SlaKind.ACK).orElseThrow().state() == SlaState.BREACHED).isEqualTo(ackBreached);
    }
}
