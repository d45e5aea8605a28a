package dev.incidentkit.core.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.oncall.EscalationLevel.IfNobody;
import dev.incidentkit.core.oncall.EscalationPolicy.Coverage;
import dev.incidentkit.core.oncall.EscalationPolicy.Repeat;
import dev.incidentkit.core.sla.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random policies of one to five levels (people, schedules that have someone only in office
 * hours, an empty schedule, an unknown one; any severities; skip or wait), repeated up to twice
 * more or until acknowledged, with random coverage on a weekday calendar with a holiday, run for
 * an incident of any severity triggered at any minute of 2026 in one of three zones.
 */
class EscalationPropertiesTest {

    private static final List<String> ZONES = List.of("America/Chicago", "Europe/Berlin", "Asia/Kolkata");
    private static final Duration HORIZON = Duration.ofDays(3);

    /** A policy, an incident's severity and trigger, and the schedules its targets name. */
    record Case(EscalationPolicy policy, Severity severity, Instant triggeredAt, Map<String, Schedule> schedules) {

        Function<String, Optional<Schedule>> lookup() {
            return id -> Optional.ofNullable(schedules.get(id));
        }

        Escalation start() {
            return Escalations.start(policy, "INC-1", severity, triggeredAt);
        }

        @Override
        public String toString() {
            return severity + " at " + triggeredAt + " on " + policy;
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(ZONES).map(ZoneId::of).flatMap(zone -> {
            BusinessCalendar calendar = BusinessCalendar.custom().zone(zone).weekdays(LocalTime.of(9, 0), LocalTime.of(17, 30))
                    .holiday(LocalDate.of(2026, 12, 25)).holiday(LocalDate.of(2026, 7, 3)).build();
            Map<String, Schedule> schedules = schedules(zone);
            Arbitrary<Target> target = Arbitraries.oneOf(
                    Arbitraries.of("ana", "ben", "lead").map(Target::person),
                    Arbitraries.of("office", "always", "empty", "gone").map(Target::schedule));
            Arbitrary<EscalationLevel> level = Combinators.combine(
                            Arbitraries.integers().between(1, 90),
                            target.list().ofMinSize(1).ofMaxSize(3),
                            Arbitraries.of(Severity.class).set().ofMinSize(1),
                            Arbitraries.of(IfNobody.class))
                    .as((minutes, targets, severities, ifNobody) -> new EscalationLevel(Duration.ofMinutes(minutes), targets, severities, ifNobody));
            Arbitrary<Repeat> repeat = Arbitraries.oneOf(Arbitraries.integers().between(0, 2).map(Repeat::times),
                    Arbitraries.just(Repeat.untilAcknowledged()));
            Arbitrary<Map<Severity, Coverage>> coverage = Arbitraries.of(Coverage.class).list().ofSize(4)
                    .map(cs -> Map.of(Severity.SEV1, cs.get(0), Severity.SEV2, cs.get(1), Severity.SEV3, cs.get(2), Severity.SEV4, cs.get(3)));
            Arbitrary<Instant> trigger = Arbitraries.longs().between(0, 365L * 24 * 60 - 1)
                    .map(m -> LocalDateTime.of(2026, 1, 1, 0, 0).atZone(zone).toInstant().plusSeconds(60 * m));
            return Combinators.combine(level.list().ofMinSize(1).ofMaxSize(5), repeat, coverage, Arbitraries.of(Severity.class), trigger)
                    .as((levels, r, c, severity, at) -> new Case(
                            new EscalationPolicy("p", "P", everySeverityCovered(levels), r, calendar, c), severity, at, schedules));
        });
    }

    /** @return {@code levels} with the first one also paging for any severity none pages for */
    private static List<EscalationLevel> everySeverityCovered(List<EscalationLevel> levels) {
        Set<Severity> missing = EnumSet.allOf(Severity.class);
        levels.forEach(l -> missing.removeAll(l.severities()));
        List<EscalationLevel> out = new ArrayList<>(levels);
        EscalationLevel first = out.get(0);
        Set<Severity> more = EnumSet.copyOf(first.severities());
        more.addAll(missing);
        out.set(0, new EscalationLevel(first.escalateAfter(), first.targets(), more, first.ifNobodyOnCall()));
        return out;
    }

    private static Map<String, Schedule> schedules(ZoneId zone) {
        Rotation daily = new Rotation("daily", Rotation.Kind.DAILY, 1, LocalDateTime.parse("2025-12-29T10:00"), zone, List.of("ana", "cid", "dee"));
        Restriction office = Restriction.onDays(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(18, 0));
        return Map.of(
                "office", Schedule.builder("office", "Office hours", zone).layer(Layer.of(daily, office)).build(),
                "always", Schedule.builder("always", "Around the clock", zone).layer(Layer.of(daily)).build(),
                "empty", Schedule.builder("empty", "Nobody", zone).build());
    }

    /** Steps exactly at each due instant up to {@code until}. */
    private static List<Step> onTime(Case c, Escalation e, Instant until) {
        List<Step> steps = new ArrayList<>();
        while (e.dueAt().isPresent() && !e.dueAt().get().isAfter(until)) {
            Step s = Escalations.due(c.policy(), e, e.dueAt().get(), c.lookup());
            assertThat(s.isDue()).isTrue();
            steps.add(s);
            e = s.next();
        }
        return steps;
    }

    private static Instant at(Step s) {
        return s instanceof Step.Page p ? p.at() : ((Step.NobodyOnCall) s).at();
    }

    @Property(tries = 300)
    void noStepIsDueAfterTheAcknowledgment(@ForAll("cases") Case c, @ForAll @IntRange(min = 0, max = 3 * 24 * 60) int minutes,
            @ForAll @IntRange(min = 1, max = 30 * 24 * 60) int later) {
        Instant ack = c.triggeredAt().plusSeconds(60L * minutes);
        Escalation[] e = {c.start()};
        List<Step> before = EscalationExamplesTest.stepUntil(c.policy(), e, ack, c.lookup());
        assertThat(before).allSatisfy(s -> assertThat(at(s)).isBeforeOrEqualTo(ack));
        Escalation acked = e[0].acknowledge(ack);
        assertThat(acked.dueAt()).isEmpty();
        assertThat(Escalations.due(c.policy(), acked, ack.plusSeconds(60L * later), c.lookup())).isEqualTo(new Step.NotDue(acked));
    }

    @Property(tries = 300)
    void dueInstantsNeverDecreaseAndAFiniteRunIsBoundedAndEnds(@ForAll("cases") Case c) {
        // A finite run ends within a few working days; one until acknowledged is watched for three days.
        Duration watched = c.policy().repeat().rounds().isPresent() ? Duration.ofDays(30) : HORIZON;
        List<Step> steps = onTime(c, c.start(), c.triggeredAt().plus(watched));
        for (int i = 1; i < steps.size(); i++) {
            assertThat(at(steps.get(i))).isAfterOrEqualTo(at(steps.get(i - 1)));
        }
        assertThat(steps).isNotEmpty();
        assertThat(at(steps.get(0))).isAfterOrEqualTo(c.triggeredAt());
        c.policy().repeat().rounds().ifPresent(rounds -> {
            int levels = c.policy().levelsFor(c.severity()).size();
            assertThat(steps.stream().filter(s -> s instanceof Step.Page).count()).isLessThanOrEqualTo((long) levels * rounds);
            assertThat(steps).hasSize(levels * rounds);
            assertThat(steps.get(steps.size() - 1).next().status()).isEqualTo(Escalation.Status.EXHAUSTED);
        });
        Coverage coverage = c.policy().coverage().get(c.severity());
        if (coverage == Coverage.BUSINESS_HOURS) {
            assertThat(steps).allSatisfy(s -> assertThat(c.policy().calendar().isWorkingTime(at(s))).isTrue());
        }
    }

    @Property(tries = 300)
    void catchingUpGivesTheSamePagesAtTheSameInstantsAsSteppingOnTime(@ForAll("cases") Case c,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 1, max = 36 * 60) Integer> jumps) {
        Instant horizon = c.triggeredAt().plus(HORIZON);
        List<Step> exact = onTime(c, c.start(), horizon);
        List<Step> coarse = new ArrayList<>();
        Escalation[] e = {c.start()};
        Instant now = c.triggeredAt();
        for (int i = 0; now.isBefore(horizon); i++) {
            Instant next = now.plusSeconds(60L * jumps.get(i % jumps.size()));
            now = next.isAfter(horizon) ? horizon : next;
            coarse.addAll(EscalationExamplesTest.stepUntil(c.policy(), e, now, c.lookup()));
        }
        assertThat(coarse).isEqualTo(exact);
    }
}
