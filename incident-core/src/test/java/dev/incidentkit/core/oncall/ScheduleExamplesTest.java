package dev.incidentkit.core.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A team's schedule in Chicago: a weekly 24/7 primary rotation (Monday 09:00), a business-hours
 * layer above it (Monday to Friday, 09:00 to 17:00), then overrides and a temporary schedule.
 */
class ScheduleExamplesTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    private static final Rotation PRIMARY = new Rotation("primary", Rotation.Kind.WEEKLY, 1,
            LocalDateTime.parse("2026-01-05T09:00"), CHICAGO, List.of("ana", "ben", "chloe", "dev"));
    private static final Rotation DAYTIME = new Rotation("daytime", Rotation.Kind.DAILY, 1,
            LocalDateTime.parse("2026-01-05T09:00"), CHICAGO, List.of("erin", "femi"));
    private static final Layer BUSINESS_HOURS = Layer.of(DAYTIME, Restriction.onDays(WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0)));

    private static Instant chicago(String local) {
        return LocalDateTime.parse(local).atZone(CHICAGO).toInstant();
    }

    private static Schedule.Builder team() {
        return Schedule.builder("team", "Payments on call", CHICAGO).layer(Layer.of(PRIMARY)).layer(BUSINESS_HOURS);
    }

    @Test
    void theHigherLayerWinsInsideItsBusinessHoursAndTheLowerOneElsewhere() {
        Schedule s = team().build();
        // Week of 2026-03-16 (the 10th week: primary is chloe); Wednesday the 18th is day 72 of daytime: erin.
        assertThat(OnCall.whoIsOnCall(s, chicago("2026-03-18T10:00"))).containsExactly("erin");
        assertThat(OnCall.whoIsOnCall(s, chicago("2026-03-18T16:59:59"))).containsExactly("erin");
        assertThat(OnCall.whoIsOnCall(s, chicago("2026-03-18T17:00"))).containsExactly("chloe");
        assertThat(OnCall.whoIsOnCall(s, chicago("2026-03-21T10:00"))).as("Saturday").containsExactly("chloe");

        List<Shift> wednesday = OnCall.shifts(s, chicago("2026-03-18T00:00"), chicago("2026-03-19T00:00"));
        assertThat(wednesday).containsExactly(
                new Shift("chloe", chicago("2026-03-18T00:00"), chicago("2026-03-18T09:00"), Shift.Origin.layer(0)),
                new Shift("erin", chicago("2026-03-18T09:00"), chicago("2026-03-18T17:00"), Shift.Origin.layer(1)),
                new Shift("chloe", chicago("2026-03-18T17:00"), chicago("2026-03-19T00:00"), Shift.Origin.layer(0)));
    }

    @Test
    void aPersonsConsecutiveShiftsInOneLayerAreOneFinalShift() {
        Rotation alone = new Rotation("alone", Rotation.Kind.DAILY, 1, LocalDateTime.parse("2026-01-01T00:00"), CHICAGO, List.of("solo"));
        Schedule s = Schedule.builder("s", "solo", CHICAGO).layer(Layer.of(alone)).build();
        assertThat(OnCall.shifts(s, chicago("2026-02-01T00:00"), chicago("2026-03-01T00:00")))
                .containsExactly(new Shift("solo", chicago("2026-02-01T00:00"), chicago("2026-03-01T00:00"), Shift.Origin.layer(0)));
    }

    @Test
    void restrictionWindowsOpenEarlyAndCloseLateAcrossDaylightSaving() {
        Restriction night = Restriction.daily(LocalTime.of(1, 30), LocalTime.of(2, 45));
        // 2026-11-01: opens at the first 01:30 (CDT, 06:30Z), closes at 02:45 CST (08:45Z).
        assertThat(night.contains(Instant.parse("2026-11-01T06:29:59Z"), CHICAGO)).isFalse();
        assertThat(night.contains(Instant.parse("2026-11-01T06:30:00Z"), CHICAGO)).isTrue();
        assertThat(night.contains(Instant.parse("2026-11-01T08:44:59Z"), CHICAGO)).isTrue();
        assertThat(night.contains(Instant.parse("2026-11-01T08:45:00Z"), CHICAGO)).isFalse();
        Restriction overlapOnly = Restriction.daily(LocalTime.of(1, 10), LocalTime.of(1, 20));
        // 01:10 first (06:10Z) to 01:20 second (07:20Z): the window is as long as its local times allow.
        assertThat(overlapOnly.contains(Instant.parse("2026-11-01T06:10:00Z"), CHICAGO)).isTrue();
        assertThat(overlapOnly.contains(Instant.parse("2026-11-01T07:19:59Z"), CHICAGO)).isTrue();
        assertThat(overlapOnly.contains(Instant.parse("2026-11-01T07:20:00Z"), CHICAGO)).isFalse();
        // 2026-03-08: 02:30 is in the gap, so the 02:30-04:00 window opens at 03:00 CDT (08:00Z).
        Restriction gap = Restriction.daily(LocalTime.of(2, 30), LocalTime.of(4, 0));
        assertThat(gap.contains(Instant.parse("2026-03-08T07:59:59Z"), CHICAGO)).isFalse();
        assertThat(gap.contains(Instant.parse("2026-03-08T08:00:00Z"), CHICAGO)).isTrue();
        assertThat(gap.contains(Instant.parse("2026-03-08T09:00:00Z"), CHICAGO)).isFalse();
        // A window inside the gap is empty.
        assertThat(Restriction.daily(LocalTime.of(2, 10), LocalTime.of(2, 50)).contains(Instant.parse("2026-03-08T08:00:00Z"), CHICAGO)).isFalse();
    }

    @Test
    void aWeekendWindowRunsFromFridayEveningToMondayMorning() {
        Restriction weekend = Restriction.weekly(DayOfWeek.FRIDAY, LocalTime.of(17, 0), DayOfWeek.MONDAY, LocalTime.of(9, 0));
        assertThat(weekend.length()).isEqualTo(Duration.ofHours(64));
        Rotation r = new Rotation("weekend", Rotation.Kind.WEEKLY, 1, LocalDateTime.parse("2026-01-02T17:00"), CHICAGO, List.of("wes"));
        Schedule s = team().layer(Layer.of(r, weekend)).build();
        assertThat(OnCall.whoIsOnCall(s, chicago("2026-03-20T16:00"))).containsExactly("erin");
        assertThat(OnCall.whoIsOnCall(s, chicago("2026-03-20T17:00"))).containsExactly("wes");
        assertThat(OnCall.whoIsOnCall(s, chicago("2026-03-23T08:59"))).containsExactly("wes");
        assertThat(OnCall.whoIsOnCall(s, chicago("2026-03-23T09:00"))).containsExactly("femi");
    }

    @Test
    void overridesAddRemoveAndReplaceInTheirOrder() {
        Instant from = chicago("2026-03-21T00:00");   // Saturday: chloe all day
        Instant to = chicago("2026-03-22T00:00");
        Schedule s = team()
                .override(ScheduleOverride.add("gus", chicago("2026-03-21T10:00"), chicago("2026-03-21T12:00")))
                .override(ScheduleOverride.replace("chloe", "dev", chicago("2026-03-21T11:00"), chicago("2026-03-21T14:00")))
                .override(ScheduleOverride.remove("dev", chicago("2026-03-21T13:00"), chicago("2026-03-21T15:00")))
                .override(ScheduleOverride.replace("nobody-on-call", "x", from, to))
                .build();

        assertThat(OnCall.whoIsOnCall(s, chicago("2026-03-21T10:30"))).containsExactly("chloe", "gus");
        assertThat(OnCall.whoIsOnCall(s, chicago("2026-03-21T11:30"))).containsExactly("dev", "gus");
        assertThat(OnCall.whoIsOnCall(s, chicago("2026-03-21T13:30"))).as("dev replaced chloe, then was removed").isEmpty();
        assertThat(OnCall.whoIsOnCall(s, chicago("2026-03-21T14:30"))).containsExactly("chloe");

        assertThat(OnCall.shifts(s, from, to)).containsExactly(
                new Shift("chloe", from, chicago("2026-03-21T11:00"), Shift.Origin.layer(0)),
                new Shift("gus", chicago("2026-03-21T10:00"), chicago("2026-03-21T12:00"), Shift.Origin.override(0)),
                new Shift("dev", chicago("2026-03-21T11:00"), chicago("2026-03-21T13:00"), Shift.Origin.override(1)),
                new Shift("chloe", chicago("2026-03-21T14:00"), to, Shift.Origin.layer(0)));
    }

    @Test
    void aTemporaryScheduleSetsLayersAndOverridesAsideForItsSpan() {
        Instant start = chicago("2026-12-24T17:00");
        Instant end = chicago("2026-12-26T09:00");
        TemporarySchedule holiday = new TemporarySchedule(start, end, List.of(
                new TemporarySchedule.Slot("hana", start, chicago("2026-12-25T09:00")),
                new TemporarySchedule.Slot("ivan", chicago("2026-12-25T09:00"), chicago("2026-12-25T21:00")),
                new TemporarySchedule.Slot("jo", chicago("2026-12-25T09:00"), chicago("2026-12-25T12:00"))));
        Schedule s = team()
                .override(ScheduleOverride.add("gus", chicago("2026-12-24T12:00"), chicago("2026-12-27T00:00")))
                .temporary(holiday)
                .build();

        assertThat(OnCall.whoIsOnCall(s, chicago("2026-12-24T16:59"))).containsExactly("femi", "gus");
        assertThat(OnCall.whoIsOnCall(s, chicago("2026-12-24T17:00"))).containsExactly("hana");
        assertThat(OnCall.whoIsOnCall(s, chicago("2026-12-25T10:00"))).containsExactly("ivan", "jo");
        assertThat(OnCall.whoIsOnCall(s, chicago("2026-12-25T22:00"))).as("a hole in the temporary schedule").isEmpty();
        assertThat(OnCall.whoIsOnCall(s, chicago("2026-12-26T09:00"))).contains("gus");
        assertThat(OnCall.shifts(s, start, end)).extracting(Shift::person, Shift::origin).containsExactly(
                org.assertj.core.groups.Tuple.tuple("hana", Shift.Origin.temporary(0)),
                org.assertj.core.groups.Tuple.tuple("ivan", Shift.Origin.temporary(0)),
                org.assertj.core.groups.Tuple.tuple("jo", Shift.Origin.temporary(0)));

        TemporarySchedule crew = TemporarySchedule.fixed(start, end, List.of("kim", "lee"));
        assertThat(OnCall.whoIsOnCall(team().temporary(crew).build(), chicago("2026-12-25T22:00"))).containsExactly("kim", "lee");
    }

    @Test
    void anEmptyScheduleHasNobody() {
        Schedule s = Schedule.builder("empty", "Empty", CHICAGO).build();
        assertThat(OnCall.whoIsOnCall(s, Instant.EPOCH)).isEmpty();
        assertThat(OnCall.shifts(s, Instant.EPOCH, Instant.EPOCH.plusSeconds(86_400))).isEmpty();
        assertThat(OnCall.shifts(team().build(), Instant.EPOCH, Instant.EPOCH)).isEmpty();
    }

    private static void refused(Runnable r, String field, String value) {
        assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(field + " ").hasMessageContaining(", got \"" + value);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndTheValue() {
        LocalDateTime start = LocalDateTime.parse("2026-01-05T09:00");
        refused(() -> new Rotation(" ", Rotation.Kind.DAILY, 1, start, CHICAGO, List.of("a")), "name", " ");
        refused(() -> new Rotation("r", Rotation.Kind.DAILY, 0, start, CHICAGO, List.of("a")), "shiftLength", "0");
        refused(() -> new Rotation("r", Rotation.Kind.DAILY, 10_001, start, CHICAGO, List.of("a")), "shiftLength", "10001");
        refused(() -> new Rotation("r", Rotation.Kind.DAILY, 1, start, CHICAGO, List.of()), "participants", "[]");
        refused(() -> new Rotation("r", Rotation.Kind.DAILY, 1, start, CHICAGO, List.of("a", "")), "participants", "");
        refused(() -> PRIMARY.handoff(-1), "k", "-1");
        refused(() -> new Restriction(Set.of(), LocalTime.NOON, Duration.ofHours(1)), "days", "[]");
        refused(() -> new Restriction(WEEKDAYS, LocalTime.NOON, Duration.ofDays(8)), "length", "PT192H");
        refused(() -> new Restriction(WEEKDAYS, LocalTime.NOON, Duration.ZERO), "length", "PT0S");
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        refused(() -> ScheduleOverride.add("gus", t, t), "end", t.toString());
        refused(() -> ScheduleOverride.replace("gus", "gus", t, t.plusSeconds(1)), "replacement", "gus");
        refused(() -> new ScheduleOverride(ScheduleOverride.Kind.ADD, "gus", Optional.of("x"), t, t.plusSeconds(1)), "replacement", "x");
        refused(() -> ScheduleOverride.remove("\n", t, t.plusSeconds(1)), "person", "\\u000a");
        refused(() -> new TemporarySchedule(t, t.plusSeconds(60), List.of(new TemporarySchedule.Slot("a", t, t.plusSeconds(61)))),
                "slots", "Slot[person=a");
        refused(() -> Schedule.builder("", "n", CHICAGO), "id", "");
        refused(() -> team().temporary(TemporarySchedule.fixed(t, t.plusSeconds(60), List.of("a")))
                .temporary(TemporarySchedule.fixed(t.plusSeconds(59), t.plusSeconds(120), List.of("b"))).build(),
                "temporarySchedules", t.plusSeconds(59).toString());
        refused(() -> OnCall.shifts(team().build(), t, t.minusSeconds(1)), "to", t.minusSeconds(1).toString());
        refused(() -> new Layer("", PRIMARY, List.of()), "name", "");
    }

    @Test
    void aRotationMadeFromAZonedDateTimeKeepsItsLocalTimeAndZone() {
        Rotation r = Rotation.of("p", Rotation.Kind.WEEKLY, 2, ZonedDateTime.of(LocalDateTime.parse("2026-01-05T09:00"), CHICAGO),
                List.of("a", "b"));
        assertThat(r.start()).isEqualTo(LocalDateTime.parse("2026-01-05T09:00"));
        assertThat(r.zone()).isEqualTo(CHICAGO);
        assertThat(r.localHandoff(3)).isEqualTo(LocalDateTime.parse("2026-02-16T09:00"));
        assertThat(r.participant(3)).isEqualTo("b");
    }
}
