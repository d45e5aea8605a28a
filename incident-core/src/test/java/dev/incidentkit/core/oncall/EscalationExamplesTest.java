package dev.incidentkit.core.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.oncall.EscalationLevel.IfNobody;
import dev.incidentkit.core.oncall.EscalationPolicy.Coverage;
import dev.incidentkit.core.oncall.EscalationPolicy.Repeat;
import dev.incidentkit.core.sla.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The on-call practice's policy, in Chicago: level 1 the primary schedule (0-5 min), level 2 the
 * secondary (5-15 min), level 3 the team lead (15-30 min), level 4 the manager (30-60 min), level
 * 5 the VP for SEV-1 only; SEV-1 and SEV-2 around the clock, SEV-3 and SEV-4 in business hours
 * (weekdays 09:00 to 17:00). Every instant is passed in.
 */
class EscalationExamplesTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final BusinessCalendar OFFICE = BusinessCalendar.weekdays(CHICAGO, LocalTime.of(9, 0), LocalTime.of(17, 0));
    private static final Schedule PRIMARY = Schedule.builder("primary", "Primary", CHICAGO)
            .layer(Layer.of(new Rotation("primary", Rotation.Kind.WEEKLY, 1, LocalDateTime.parse("2026-01-05T09:00"), CHICAGO,
                    List.of("ana", "ben", "chloe", "dev"))))
            .build();
    private static final Schedule SECONDARY = Schedule.builder("secondary", "Secondary", CHICAGO)
            .layer(Layer.of(new Rotation("secondary", Rotation.Kind.WEEKLY, 1, LocalDateTime.parse("2026-01-05T09:00"), CHICAGO,
                    List.of("erin", "femi"))))
            .build();
    private static final Schedule NOBODY = Schedule.builder("empty", "Nobody yet", CHICAGO).build();
    private static final Map<String, Schedule> SCHEDULES = Map.of("primary", PRIMARY, "secondary", SECONDARY, "empty", NOBODY);
    private static final Function<String, Optional<Schedule>> LOOKUP = id -> Optional.ofNullable(SCHEDULES.get(id));

    private static EscalationPolicy.Builder practice(String secondary, IfNobody ifNobody) {
        return EscalationPolicy.builder("payments", "Payments", OFFICE)
                .level(EscalationLevel.of(minutes(5), Target.schedule("primary")))
                .level(EscalationLevel.of(minutes(10), Target.schedule(secondary)).ifNobodyOnCall(ifNobody))
                .level(EscalationLevel.of(minutes(15), Target.person("lead")))
                .level(EscalationLevel.of(minutes(30), Target.person("manager")))
                .level(EscalationLevel.of(minutes(60), Target.person("vp")).onlyFor(Severity.SEV1));
    }

    private static final EscalationPolicy POLICY = practice("secondary", IfNobody.SKIP).repeat(Repeat.times(1)).build();

    private static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }

    private static Instant chicago(String local) {
        return LocalDateTime.parse(local).atZone(CHICAGO).toInstant();
    }

    /** What a caller does: step while something is due by {@code now}, keeping the state. */
    static List<Step> stepUntil(EscalationPolicy policy, Escalation[] state, Instant now, Function<String, Optional<Schedule>> schedules) {
        List<Step> steps = new ArrayList<>();
        for (Step s = Escalations.due(policy, state[0], now, schedules); s.isDue(); s = Escalations.due(policy, state[0], now, schedules)) {
            steps.add(s);
            state[0] = s.next();
        }
        return steps;
    }

    static String summary(Step s) {
        if (s instanceof Step.Page p) {
            return "L" + p.level() + "/R" + p.round() + " " + p.at().atZone(CHICAGO).toLocalDateTime() + " " + p.people();
        }
        if (s instanceof Step.NobodyOnCall n) {
            return "L" + n.level() + "/R" + n.round() + " " + n.at().atZone(CHICAGO).toLocalDateTime() + " nobody, " + n.then();
        }
        return "not due";
    }

    @Test
    void aSev1NobodyAcknowledgesPagesEveryLevelTwiceThenStops() {
        Instant t = chicago("2026-03-18T03:00");
        Escalation[] e = {Escalations.start(POLICY, "INC-1", Severity.SEV1, t)};
        List<Step> steps = stepUntil(POLICY, e, t.plus(Duration.ofDays(1)), LOOKUP);

        assertThat(steps).extracting(EscalationExamplesTest::summary).containsExactly(
                "L1/R1 2026-03-18T03:00 [chloe]",
                "L2/R1 2026-03-18T03:05 [erin]",
                "L3/R1 2026-03-18T03:15 [lead]",
                "L4/R1 2026-03-18T03:30 [manager]",
                "L5/R1 2026-03-18T04:00 [vp]",
                "L1/R2 2026-03-18T05:00 [chloe]",
                "L2/R2 2026-03-18T05:05 [erin]",
                "L3/R2 2026-03-18T05:15 [lead]",
                "L4/R2 2026-03-18T05:30 [manager]",
                "L5/R2 2026-03-18T06:00 [vp]");
        assertThat(steps.get(0).toString()).contains("the SEV-1 incident was triggered");
        assertThat(((Step.Page) steps.get(1)).why()).isEqualTo("level 2 of policy Payments: level 1 (chloe) did not acknowledge within 5 min");
        assertThat(((Step.Page) steps.get(5)).why()).isEqualTo("level 1 of policy Payments, round 2: level 5 (vp) did not acknowledge within 1 h");
        assertThat(e[0].status()).isEqualTo(Escalation.Status.EXHAUSTED);
        assertThat(e[0].at()).isEqualTo(chicago("2026-03-18T06:00"));
        assertThat(e[0].dueAt()).isEmpty();
    }

    @Test
    void acknowledgingStopsTheEscalation() {
        Instant t = chicago("2026-03-18T03:00");
        Escalation[] e = {Escalations.start(POLICY, "INC-1", Severity.SEV1, t)};
        assertThat(stepUntil(POLICY, e, t.plus(minutes(7)), LOOKUP)).hasSize(2);
        assertThat(e[0].dueAt()).contains(t.plus(minutes(15)));

        Escalation acked = e[0].acknowledge(t.plus(minutes(7)));
        assertThat(acked.status()).isEqualTo(Escalation.Status.ACKNOWLEDGED);
        assertThat(acked.at()).isEqualTo(t.plus(minutes(7)));
        assertThat(Escalations.due(POLICY, acked, t.plus(Duration.ofDays(2)), LOOKUP)).isEqualTo(new Step.NotDue(acked));
        assertThat(acked.acknowledge(t.plus(minutes(9)))).as("the first acknowledgment stands").isEqualTo(acked);
    }

    @Test
    void beforeItsInstantNothingIsDueAndTheStateIsTheSame() {
        Instant t = chicago("2026-03-18T03:00");
        Escalation after1 = Escalations.due(POLICY, Escalations.start(POLICY, "INC-1", Severity.SEV1, t), t, LOOKUP).next();
        Step early = Escalations.due(POLICY, after1, t.plus(minutes(5)).minusNanos(1), LOOKUP);
        assertThat(early.isDue()).isFalse();
        assertThat(early.next()).isSameAs(after1);
    }

    @Test
    void aSev4At3amPagesAtTheNextBusinessHourAndASev1AtOnce() {
        Instant wednesday3am = chicago("2026-03-18T03:00");
        Escalation sev4 = Escalations.start(POLICY, "INC-4", Severity.SEV4, wednesday3am);
        assertThat(sev4.dueAt()).contains(chicago("2026-03-18T09:00"));
        assertThat(Escalations.due(POLICY, sev4, chicago("2026-03-18T08:59:59"), LOOKUP).isDue()).isFalse();
        Escalation[] e = {sev4};
        List<Step> steps = stepUntil(POLICY, e, chicago("2026-03-18T09:20"), LOOKUP);
        assertThat(steps).extracting(EscalationExamplesTest::summary).containsExactly(
                "L1/R1 2026-03-18T09:00 [chloe]", "L2/R1 2026-03-18T09:05 [erin]", "L3/R1 2026-03-18T09:15 [lead]");
        assertThat(((Step.Page) steps.get(0)).why())
                .isEqualTo("level 1 of policy Payments: the SEV-4 incident was triggered at " + wednesday3am + ", outside business hours");

        assertThat(Escalations.start(POLICY, "INC-5", Severity.SEV1, wednesday3am).dueAt()).contains(wednesday3am);
    }

    @Test
    void underBusinessHoursEachLevelsTimeIsWorkingTime() {
        Escalation[] e = {Escalations.start(POLICY, "INC-4", Severity.SEV3, chicago("2026-03-20T16:58"))};
        List<Step> steps = stepUntil(POLICY, e, chicago("2026-03-23T09:04"), LOOKUP);
        // Friday 16:58 plus 5 working minutes is Monday 09:03; the 23rd is in the next week of the rotations.
        assertThat(steps).extracting(EscalationExamplesTest::summary).containsExactly(
                "L1/R1 2026-03-20T16:58 [chloe]", "L2/R1 2026-03-23T09:03 [femi]");
        assertThat(((Step.Page) steps.get(1)).why()).endsWith("did not acknowledge within 5 min of business hours");
    }

    @Test
    void theSev1OnlyLevelIsPassedOverForASev2() {
        Instant t = chicago("2026-03-18T03:00");
        Escalation[] e = {Escalations.start(POLICY, "INC-2", Severity.SEV2, t)};
        assertThat(stepUntil(POLICY, e, t.plus(Duration.ofDays(1)), LOOKUP)).extracting(EscalationExamplesTest::summary).containsExactly(
                "L1/R1 2026-03-18T03:00 [chloe]",
                "L2/R1 2026-03-18T03:05 [erin]",
                "L3/R1 2026-03-18T03:15 [lead]",
                "L4/R1 2026-03-18T03:30 [manager]",
                "L1/R2 2026-03-18T04:00 [chloe]",
                "L2/R2 2026-03-18T04:05 [erin]",
                "L3/R2 2026-03-18T04:15 [lead]",
                "L4/R2 2026-03-18T04:30 [manager]");
    }

    @Test
    void aLevelWithNobodyOnCallThatSkipsPagesTheNextLevelAtTheSameInstant() {
        EscalationPolicy policy = practice("empty", IfNobody.SKIP).build();
        Instant t = chicago("2026-03-18T03:00");
        Escalation[] e = {Escalations.start(policy, "INC-1", Severity.SEV1, t)};
        List<Step> steps = stepUntil(policy, e, t.plus(minutes(5)), LOOKUP);
        assertThat(steps).extracting(EscalationExamplesTest::summary).containsExactly(
                "L1/R1 2026-03-18T03:00 [chloe]",
                "L2/R1 2026-03-18T03:05 nobody, SKIP",
                "L3/R1 2026-03-18T03:05 [lead]");
        assertThat(((Step.NobodyOnCall) steps.get(1)).why()).isEqualTo(
                "level 2 of policy Payments: level 1 (chloe) did not acknowledge within 5 min; nobody is on call at level 2: level 3 is paged at once");
        assertThat(((Step.Page) steps.get(2)).why()).isEqualTo("level 3 of policy Payments: nobody was on call at level 2, skipped");
        assertThat(e[0].dueAt()).contains(t.plus(minutes(5 + 15)));
    }

    @Test
    void aLevelWithNobodyOnCallThatWaitsTakesItsTimeAndSaysNobodyWasPaged() {
        EscalationPolicy policy = practice("empty", IfNobody.WAIT).build();
        Instant t = chicago("2026-03-18T03:00");
        Escalation[] e = {Escalations.start(policy, "INC-1", Severity.SEV1, t)};
        List<Step> steps = stepUntil(policy, e, t.plus(minutes(15)), LOOKUP);
        assertThat(steps).extracting(EscalationExamplesTest::summary).containsExactly(
                "L1/R1 2026-03-18T03:00 [chloe]",
                "L2/R1 2026-03-18T03:05 nobody, WAIT",
                "L3/R1 2026-03-18T03:15 [lead]");
        assertThat(((Step.NobodyOnCall) steps.get(1)).why()).endsWith("nobody is on call at level 2: waiting 10 min for level 3");
        assertThat(((Step.Page) steps.get(2)).why()).isEqualTo("level 3 of policy Payments: nobody was on call at level 2, waited 10 min");
    }

    @Test
    void anUnknownScheduleResolvesToNobodyAndSaysWhich() {
        EscalationPolicy policy = practice("gone", IfNobody.SKIP).build();
        Instant t = chicago("2026-03-18T03:00");
        Escalation[] e = {Escalations.start(policy, "INC-1", Severity.SEV1, t)};
        List<Step> steps = stepUntil(policy, e, t.plus(minutes(5)), LOOKUP);
        assertThat(((Step.NobodyOnCall) steps.get(1)).why()).contains("nobody is on call at level 2 (unknown schedule gone)");
    }

    @Test
    void aLevelPagesEachPersonOnceInTheOrderOfItsTargets() {
        EscalationPolicy policy = EscalationPolicy.builder("p", "P", OFFICE)
                .level(EscalationLevel.of(minutes(5), Target.person("zoe"), Target.schedule("primary"), Target.person("chloe"),
                        Target.schedule("secondary")))
                .build();
        Instant t = chicago("2026-03-18T03:00");
        Step first = Escalations.due(policy, Escalations.start(policy, "INC-1", Severity.SEV1, t), t, LOOKUP);
        assertThat(((Step.Page) first).people()).containsExactly("zoe", "chloe", "erin");
        assertThat(first.next().status()).as("once through, one level").isEqualTo(Escalation.Status.EXHAUSTED);
    }

    @Test
    void untilAcknowledgedALastLevelWithNobodyStillMovesOnInTime() {
        EscalationPolicy policy = EscalationPolicy.builder("p", "P", OFFICE)
                .level(EscalationLevel.of(minutes(5), Target.schedule("empty")))
                .repeat(Repeat.untilAcknowledged())
                .build();
        Instant t = chicago("2026-03-18T03:00");
        Escalation[] e = {Escalations.start(policy, "INC-1", Severity.SEV1, t)};
        List<Step> steps = stepUntil(policy, e, t.plus(minutes(12)), LOOKUP);
        assertThat(steps).extracting(EscalationExamplesTest::summary).containsExactly(
                "L1/R1 2026-03-18T03:00 nobody, SKIP", "L1/R2 2026-03-18T03:05 nobody, SKIP", "L1/R3 2026-03-18T03:10 nobody, SKIP");
        assertThat(((Step.NobodyOnCall) steps.get(0)).why()).endsWith("waiting 5 min for round 2");
    }

    @Test
    void badInputNamesTheField() {
        assertThatThrownBy(() -> EscalationLevel.of(Duration.ZERO, Target.person("ana")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("escalateAfter must be a positive").hasMessageContaining("\"PT0S\"");
        assertThatThrownBy(() -> EscalationLevel.of(Duration.ofMillis(1500), Target.person("ana")))
                .hasMessageStartingWith("escalateAfter ");
        assertThatThrownBy(() -> new EscalationLevel(minutes(5), List.of(), EnumSet.allOf(Severity.class), IfNobody.SKIP))
                .hasMessageStartingWith("targets ");
        assertThatThrownBy(() -> new EscalationLevel(minutes(5), List.of(Target.person("a")), EnumSet.noneOf(Severity.class), IfNobody.SKIP))
                .hasMessageStartingWith("severities ");
        assertThatThrownBy(() -> Target.person(" ")).hasMessageStartingWith("id ");
        assertThatThrownBy(() -> Target.schedule("a\nb")).hasMessageStartingWith("scheduleId ").hasMessageContaining("a\\u000ab");
        assertThatThrownBy(() -> Repeat.times(-1)).hasMessageStartingWith("more must not be negative");
        assertThatThrownBy(() -> EscalationPolicy.builder("p", "P", OFFICE)
                        .level(EscalationLevel.of(minutes(5), Target.person("vp")).onlyFor(Severity.SEV1, Severity.SEV2, Severity.SEV3))
                        .build())
                .hasMessageStartingWith("levels must include a level for every severity; none pages for SEV-4");
        assertThatThrownBy(() -> EscalationPolicy.builder("", "P", OFFICE)).hasMessageStartingWith("id ");
        assertThatThrownBy(() -> new EscalationPolicy("p", "P", POLICY.levels(), Repeat.none(), OFFICE, Map.of(Severity.SEV1, Coverage.ALWAYS)))
                .hasMessageStartingWith("coverage ").hasMessageContaining("SEV-2 has none");

        Instant t = chicago("2026-03-18T03:00");
        Escalation e = Escalations.start(POLICY, "INC-1", Severity.SEV1, t);
        assertThatThrownBy(() -> Escalations.start(POLICY, "", Severity.SEV1, t)).hasMessageStartingWith("incidentId ");
        assertThatThrownBy(() -> e.acknowledge(t.minusSeconds(1))).hasMessageStartingWith("when must not be before");
        EscalationPolicy other = practice("secondary", IfNobody.SKIP).build();
        EscalationPolicy renamed = new EscalationPolicy("other", "Other", other.levels(), other.repeat(), OFFICE, other.coverage());
        assertThatThrownBy(() -> Escalations.due(renamed, e, t, LOOKUP))
                .hasMessage("policy must be the escalation's policy (payments), got \"other\"");
        Escalation atLevel5 = new Escalation("payments", "INC-2", Severity.SEV2, t, 1, 5, t, Escalation.Status.RUNNING, 4, List.of("manager"));
        assertThatThrownBy(() -> Escalations.due(POLICY, atLevel5, t, LOOKUP)).hasMessageStartingWith("policy must have a level 5 for SEV-2");
        assertThatThrownBy(() -> new Escalation("payments", "INC-2", Severity.SEV2, t, 0, 1, t, Escalation.Status.RUNNING, 0, List.of()))
                .hasMessageStartingWith("round ");
        assertThatThrownBy(() -> new Escalation("payments", "INC-2", Severity.SEV2, t, 1, 1, t.minusSeconds(1), Escalation.Status.RUNNING, 0, List.of()))
                .hasMessageStartingWith("at must not be before triggeredAt");
    }
}
