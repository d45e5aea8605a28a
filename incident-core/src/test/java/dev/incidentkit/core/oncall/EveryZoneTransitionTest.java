package dev.incidentkit.core.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The wall-clock rule against every transition of every zone in the JDK's rules from 2020 through
 * 2035: rotations and restriction windows whose local times fall just before, inside and just
 * after each gap and overlap. Each handoff is checked against a description of the rule that does
 * not use the code's own mapping: the instant whose local time is the intended one (the earlier
 * of two for a handoff), or, in a gap, the first instant whose local time is past it.
 */
class EveryZoneTransitionTest {

    private static final Instant FROM = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2036-01-01T00:00:00Z");
    private static final List<String> PEOPLE = List.of("p0", "p1", "p2");
    /** Offsets by size: {@link ZoneOffset#compareTo} puts the largest first. */
    private static final Comparator<ZoneOffset> BY_SECONDS = Comparator.comparingInt(ZoneOffset::getTotalSeconds);
    /** Local times around a transition's local times, in minutes. */
    private static final int[] NEAR = {-61, -1, 0, 1, 15, 29, 30, 31, 45, 59, 60, 61};

    static List<ZoneOffsetTransition> transitions(ZoneRules rules) {
        List<ZoneOffsetTransition> out = new ArrayList<>();
        ZoneOffsetTransition t = rules.nextTransition(FROM);
        while (t != null && t.getInstant().isBefore(UNTIL)) {
            out.add(t);
            t = rules.nextTransition(t.getInstant());
        }
        return out;
    }

    private static LocalDateTime local(Instant i, ZoneId zone) {
        return LocalDateTime.ofInstant(i, zone);
    }

    /**
     * Plain checks rather than AssertJ's: there are some two million of them, and a description
     * is worth building only for the one that fails.
     */
    private static void check(boolean ok, Supplier<String> what) {
        if (!ok) {
            throw new AssertionError(what.get());
        }
    }

    /** The rule for a handoff, described without the code's mapping. */
    private static void isTheHandoffOf(Instant actual, LocalDateTime intended, ZoneId zone, Supplier<String> what) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> valid = rules.getValidOffsets(intended);
        if (valid.isEmpty()) {
            // In a gap: the first instant whose local time is past the intended one.
            check(local(actual, zone).isAfter(intended) && local(actual.minusNanos(1), zone).isBefore(intended),
                    () -> what.get() + ": in a gap, expected the end of the gap, got " + actual);
        } else {
            // The earliest instant whose local time is the intended one (the first of two in an overlap).
            ZoneOffset earliest = valid.stream().max(BY_SECONDS).orElseThrow();
            check(local(actual, zone).equals(intended) && actual.equals(intended.toInstant(earliest)),
                    () -> what.get() + ": expected " + intended + earliest + ", got " + actual);
        }
    }

    private static void checkRotation(Rotation r, int count, Supplier<String> what) {
        ZoneId zone = r.zone();
        List<Instant> handoffs = new ArrayList<>();
        for (int k = 0; k <= count; k++) {
            Instant h = r.handoff(k);
            int n = k;
            isTheHandoffOf(h, r.localHandoff(k), zone, () -> what.get() + " handoff " + n);
            check(k == 0 || !h.isBefore(handoffs.get(k - 1)), () -> what.get() + ": handoff " + n + " goes back");
            handoffs.add(h);
        }
        Instant from = handoffs.get(0).minusSeconds(3600);
        Instant to = handoffs.get(count);
        List<Shift> shifts = r.shifts(from, to);
        // No overlap, no hole: from the first handoff, each shift starts where the one before ended.
        check(shifts.get(0).start().equals(handoffs.get(0)) && shifts.get(shifts.size() - 1).end().equals(to),
                () -> what.get() + ": shifts do not span the handoffs: " + shifts);
        for (int i = 1; i < shifts.size(); i++) {
            int n = i;
            check(shifts.get(i).start().equals(shifts.get(i - 1).end()), () -> what.get() + ": overlap or hole before shift " + n + ": " + shifts);
        }
        // Each non-empty turn is there, with its person; an empty one (two handoffs in one gap) is not.
        List<String> expected = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            if (handoffs.get(k + 1).isAfter(handoffs.get(k))) {
                expected.add(r.participant(k));
                int n = k;
                check(r.shiftNumberAt(handoffs.get(k)).equals(OptionalLong.of(k))
                        && r.shiftNumberAt(handoffs.get(k + 1).minusNanos(1)).equals(OptionalLong.of(k)),
                        () -> what.get() + ": shift " + n + " not found by its instants");
            }
        }
        check(shifts.stream().map(Shift::person).toList().equals(expected), () -> what.get() + ": expected " + expected + ", got " + shifts);
        check(r.shiftNumberAt(handoffs.get(0).minusNanos(1)).isEmpty(), () -> what.get() + ": a shift before the first handoff");
    }

    private static void checkWindow(Restriction w, ZoneId zone, LocalDateTime open, Supplier<String> what) {
        LocalDateTime close = open.plus(w.length());
        ZoneRules rules = zone.getRules();
        Instant begin;
        if (rules.getValidOffsets(open).isEmpty()) {
            begin = rules.getTransition(open).getInstant();
        } else {
            begin = open.toInstant(rules.getValidOffsets(open).stream().max(BY_SECONDS).orElseThrow());
        }
        Instant end;
        if (rules.getValidOffsets(close).isEmpty()) {
            end = rules.getTransition(close).getInstant();
        } else {
            // The last instant whose local time is the closing one: under the smallest offset.
            end = close.toInstant(rules.getValidOffsets(close).stream().min(BY_SECONDS).orElseThrow());
        }
        if (!end.isAfter(begin)) {
            check(!w.contains(begin, zone), () -> what.get() + ": an empty window is open");
            return;
        }
        check(!w.contains(begin.minusNanos(1), zone) && w.contains(begin, zone)
                && w.contains(end.minusNanos(1), zone) && !w.contains(end, zone),
                () -> what.get() + ": expected open on [" + begin + ", " + end + ")");
    }

    @Test
    void everyHandoffAndWindowFollowsTheWallClockRuleAtEveryTransitionOfEveryZone() {
        int zones = 0;
        int checked = 0;
        for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            ZoneId zone = ZoneId.of(id);
            List<ZoneOffsetTransition> transitions = transitions(zone.getRules());
            if (!transitions.isEmpty()) {
                zones++;
            }
            for (ZoneOffsetTransition t : transitions) {
                for (LocalDateTime base : List.of(t.getDateTimeBefore(), t.getDateTimeAfter())) {
                    for (int minutes : NEAR) {
                        LocalDateTime at = base.plusMinutes(minutes);
                        Supplier<String> what = () -> id + " " + t + " at " + at;
                        checkRotation(new Rotation("daily", Rotation.Kind.DAILY, 1, at.minusDays(2), zone, PEOPLE), 4, () -> what.get() + " daily");
                        checkRotation(new Rotation("12h", Rotation.Kind.HOURLY, 12, at.minusHours(24), zone, PEOPLE), 4, () -> what.get() + " 12-hourly");
                        if (minutes == 0 || minutes == 30) {
                            // The same local arithmetic in other units: a few points are enough.
                            checkRotation(new Rotation("weekly", Rotation.Kind.WEEKLY, 1, at.minusWeeks(1), zone, PEOPLE), 2, () -> what.get() + " weekly");
                            checkRotation(new Rotation("monthly", Rotation.Kind.MONTHLY, 1, at.minusMonths(1), zone, PEOPLE), 2, () -> what.get() + " monthly");
                        }
                        LocalTime time = at.toLocalTime();
                        checkWindow(Restriction.daily(time, time.plusMinutes(30)), zone, at, () -> what.get() + " window opening");
                        checkWindow(Restriction.daily(time.minusMinutes(45), time), zone, at.minusMinutes(45), () -> what.get() + " window closing");
                        checked++;
                    }
                    LocalDateTime hour = base.withMinute(0).withSecond(0).withNano(0);
                    for (int minute : new int[] {0, 15, 30, 45}) {
                        LocalDateTime start = hour.minusHours(3).plusMinutes(minute);
                        checkRotation(new Rotation("hourly", Rotation.Kind.HOURLY, 1, start, zone, PEOPLE), 6, () -> id + " " + t + " hourly from " + start);
                    }
                }
            }
        }
        assertThat(zones).as("zones with a transition from 2020 through 2035").isGreaterThan(100);
        assertThat(checked).isGreaterThan(10_000);
    }

    @Test
    void theScanSeesKnownChanges() {
        assertThat(transitions(ZoneId.of("America/Chicago").getRules())).hasSize(32);
        assertThat(transitions(ZoneId.of("Australia/Lord_Howe").getRules()))
                .allSatisfy(t -> assertThat(Duration.ofSeconds(Math.abs(t.getDuration().getSeconds()))).isEqualTo(Duration.ofMinutes(30)));
        assertThat(transitions(ZoneId.of("UTC").getRules())).isEmpty();
    }
}
