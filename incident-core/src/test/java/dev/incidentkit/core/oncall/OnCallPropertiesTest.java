package dev.incidentkit.core.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Schedules of up to three layers (any kind of rotation, with or without restrictions), five
 * overrides and a temporary schedule, in any zone of the JDK's rules, around one of its
 * transitions from 2020 through 2035 (or any instant of those years in a zone without one).
 * Rotations start and restrictions open near the transition's local time, so handoffs and windows
 * land in its gap or overlap.
 */
class OnCallPropertiesTest {

    private static final List<String> ZONES = List.copyOf(new TreeSet<>(ZoneId.getAvailableZoneIds()));
    private static final List<String> PEOPLE = List.of("ana", "ben", "chloe", "dev", "erin", "femi", "gus", "hana");
    private static final Duration HALF_SPAN = Duration.ofDays(2);

    /** A schedule and the span asked about. */
    record Case(Schedule schedule, Instant from, Instant to) {
        @Override
        public String toString() {
            return schedule + " on [" + from + ", " + to + ")";
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(ZONES).flatMap(id -> {
            ZoneId zone = ZoneId.of(id);
            List<Instant> anchors = EveryZoneTransitionTest.transitions(zone.getRules()).stream()
                    .map(ZoneOffsetTransition::getInstant).toList();
            Arbitrary<Instant> anchor = anchors.isEmpty()
                    ? Arbitraries.longs().between(1_577_836_800L, 2_082_758_399L).map(Instant::ofEpochSecond)
                    : Arbitraries.of(anchors).flatMap(a -> Arbitraries.integers().between(-36 * 60, 36 * 60).map(m -> a.plusSeconds(60L * m)));
            return anchor.flatMap(a -> schedules(zone, a).map(s -> new Case(s, a.minus(HALF_SPAN), a.plus(HALF_SPAN))));
        });
    }

    private static Arbitrary<Schedule> schedules(ZoneId zone, Instant anchor) {
        LocalDateTime local = LocalDateTime.ofInstant(anchor, zone);
        Arbitrary<List<Layer>> layers = layer(zone, local).list().ofMaxSize(3);
        Arbitrary<List<ScheduleOverride>> overrides = override(anchor).list().ofMaxSize(5);
        Arbitrary<Optional<TemporarySchedule>> temporary = temporary(anchor).optional(0.3);
        return Combinators.combine(layers, overrides, temporary).as((ls, os, t) -> {
            Schedule.Builder b = Schedule.builder("s", "schedule", zone);
            ls.forEach(b::layer);
            os.forEach(b::override);
            t.ifPresent(b::temporary);
            return b.build();
        });
    }

    private static Arbitrary<Layer> layer(ZoneId zone, LocalDateTime near) {
        Arbitrary<Rotation.Kind> kinds = Arbitraries.of(Rotation.Kind.class);
        Arbitrary<Rotation> rotations = kinds.flatMap(kind -> Combinators.combine(
                        kind == Rotation.Kind.HOURLY ? Arbitraries.integers().between(1, 12) : Arbitraries.integers().between(1, 2),
                        Arbitraries.integers().between(0, 40),
                        Arbitraries.integers().between(-90, 90),
                        Arbitraries.of(PEOPLE).list().ofMinSize(1).ofMaxSize(4))
                .as((length, back, minutes, people) -> new Rotation(kind.name().toLowerCase(java.util.Locale.ROOT), kind, length,
                        near.minus(back, kind.unit()).plusMinutes(minutes), zone, people)));
        Arbitrary<Restriction> restrictions = Combinators.combine(
                        Arbitraries.of(DayOfWeek.class).set().ofMinSize(1),
                        Arbitraries.oneOf(
                                Arbitraries.integers().between(-90, 90).map(m -> near.toLocalTime().plusMinutes(m)),
                                Arbitraries.integers().between(0, 95).map(q -> LocalTime.of(q / 4, q % 4 * 15))),
                        Arbitraries.oneOf(Arbitraries.integers().between(1, 24 * 60), Arbitraries.integers().between(1, 7 * 24 * 60)))
                .as((days, start, minutes) -> new Restriction(days, start, Duration.ofMinutes(minutes)));
        return Combinators.combine(rotations, restrictions.list().ofMaxSize(2)).as((r, rs) -> new Layer(r.name(), r, rs));
    }

    private static Arbitrary<ScheduleOverride> override(Instant anchor) {
        return Combinators.combine(
                        Arbitraries.of(ScheduleOverride.Kind.class),
                        Arbitraries.of(PEOPLE),
                        Arbitraries.of(PEOPLE),
                        Arbitraries.integers().between(-3 * 24 * 60, 3 * 24 * 60),
                        Arbitraries.integers().between(1, 2 * 24 * 60))
                .as((kind, person, other, start, minutes) -> {
                    Instant from = anchor.plusSeconds(60L * start);
                    Instant to = from.plusSeconds(60L * minutes);
                    return switch (kind) {
                        case ADD -> ScheduleOverride.add(person, from, to);
                        case REMOVE -> ScheduleOverride.remove(person, from, to);
                        case REPLACE -> person.equals(other) ? ScheduleOverride.remove(person, from, to) : ScheduleOverride.replace(person, other, from, to);
                    };
                });
    }

    private static Arbitrary<TemporarySchedule> temporary(Instant anchor) {
        Arbitrary<int[]> slot = Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.integers().between(1, 100),
                Arbitraries.integers().between(0, PEOPLE.size() - 1)).as((a, b, p) -> new int[] {a, b, p});
        return Combinators.combine(Arbitraries.integers().between(-3 * 24 * 60, 2 * 24 * 60), Arbitraries.integers().between(60, 24 * 60),
                        slot.list().ofMaxSize(3))
                .as((start, minutes, slots) -> {
                    Instant from = anchor.plusSeconds(60L * start);
                    Duration length = Duration.ofMinutes(minutes);
                    List<TemporarySchedule.Slot> out = new ArrayList<>();
                    for (int[] s : slots) {
                        // Slots as percentages of the span.
                        int a = Math.min(s[0], s[1] + s[0] > 100 ? 99 : s[0]);
                        int b = Math.min(100, a + s[1]);
                        out.add(new TemporarySchedule.Slot(PEOPLE.get(s[2]), from.plus(length.multipliedBy(a).dividedBy(100)),
                                from.plus(length.multipliedBy(b).dividedBy(100))));
                    }
                    return new TemporarySchedule(from, from.plus(length), out);
                });
    }

    private static List<String> coveringPeople(List<Shift> shifts, Instant at) {
        return shifts.stream().filter(s -> s.covers(at)).map(Shift::person).sorted().toList();
    }

    @Property(tries = 300)
    void whoIsOnCallAgreesWithTheShifts(@ForAll("cases") Case c) {
        List<Shift> shifts = OnCall.shifts(c.schedule(), c.from(), c.to());
        TreeSet<Instant> probes = new TreeSet<>();
        for (Shift s : shifts) {
            for (Instant i : List.of(s.start(), s.end())) {
                probes.add(i);
                probes.add(i.minusNanos(1));
            }
        }
        for (Instant i = c.from(); i.isBefore(c.to()); i = i.plusSeconds(2111)) {
            probes.add(i);
        }
        for (Instant at : probes.subSet(c.from(), true, c.to(), false)) {
            List<String> covering = coveringPeople(shifts, at);
            assertThat(covering).as("no one is on call twice at %s", at).doesNotHaveDuplicates();
            assertThat(OnCall.whoIsOnCall(c.schedule(), at)).as("at %s", at).isEqualTo(covering);
        }
    }

    @Property(tries = 300)
    void shiftsAreClippedSortedAndLongest(@ForAll("cases") Case c) {
        List<Shift> shifts = OnCall.shifts(c.schedule(), c.from(), c.to());
        Comparator<Shift> order = Comparator.comparing(Shift::start).thenComparing(Shift::person);
        for (int i = 0; i < shifts.size(); i++) {
            Shift s = shifts.get(i);
            assertThat(s.start()).isAfterOrEqualTo(c.from());
            assertThat(s.end()).isBeforeOrEqualTo(c.to());
            if (i > 0) {
                assertThat(order.compare(shifts.get(i - 1), s)).as("sorted at %s", s).isLessThanOrEqualTo(0);
            }
            for (int j = i + 1; j < shifts.size(); j++) {
                Shift t = shifts.get(j);
                if (t.person().equals(s.person()) && t.origin().equals(s.origin())) {
                    assertThat(t.start()).as("%s and %s are one shift", s, t).isAfter(s.end());
                }
            }
        }
    }

    @Property(tries = 300)
    void splittingTheSpanAndJoiningAtTheCutGivesTheSameShifts(@ForAll("cases") Case c, @ForAll double where) {
        Instant m = c.from().plus(Duration.ofMillis((long) (Math.abs(where) % 1.0 * HALF_SPAN.multipliedBy(2).toMillis())));
        List<Shift> whole = OnCall.shifts(c.schedule(), c.from(), c.to());
        for (Instant cut : List.of(m, whole.isEmpty() ? m : whole.get(whole.size() / 2).start())) {
            List<Shift> left = OnCall.shifts(c.schedule(), c.from(), cut);
            List<Shift> right = new ArrayList<>(OnCall.shifts(c.schedule(), cut, c.to()));
            List<Shift> joined = new ArrayList<>();
            for (Shift l : left) {
                Optional<Shift> continued = l.end().equals(cut)
                        ? right.stream().filter(r -> r.start().equals(cut) && r.person().equals(l.person()) && r.origin().equals(l.origin())).findFirst()
                        : Optional.empty();
                if (continued.isPresent()) {
                    right.remove(continued.get());
                    joined.add(new Shift(l.person(), l.start(), continued.get().end(), l.origin()));
                } else {
                    joined.add(l);
                }
            }
            joined.addAll(right);
            joined.sort(Comparator.comparing(Shift::start).thenComparing(Shift::person)
                    .thenComparing(s -> s.origin().kind()).thenComparingInt(s -> s.origin().index()));
            assertThat(joined).as("split at %s", cut).isEqualTo(whole);
        }
    }
}
