package dev.incidentkit.core.sla;

import static dev.incidentkit.core.SlaKind.ACK;
import static dev.incidentkit.core.SlaKind.RESOLVE;
import static dev.incidentkit.core.SlaKind.UPDATE;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaBreach;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SlaStatusTest {

    static final Instant T0 = Instant.parse("2025-08-23T14:30:00Z");
    static final SlaPolicy DEFAULTS = SlaPolicy.ofDefaults();

    static Instant t(long minutes) {
        return T0.plus(ofMinutes(minutes));
    }

    static SlaClock clock(SlaPolicy policy, History h, Instant at, SlaKind kind) {
        return policy.status(h.events(), at).clock(kind).orElseThrow();
    }

    static SlaClock clock(History h, Instant at, SlaKind kind) {
        return clock(DEFAULTS, h, at, kind);
    }

    static SlaBreach breach(SlaKind kind, Duration target, Instant deadline, Instant breachedAt) {
        return new SlaBreach(kind, target, deadline, breachedAt);
    }

    @Nested
    @DisplayName("pending, met and breached")
    class States {

        @Test
        void aFreshIncidentHasThreePendingClocks() {
            History h = History.declared(Severity.SEV2, T0);

            SlaStatus s = DEFAULTS.status(h.events(), t(10));

            assertThat(s.clock(ACK)).contains(new SlaClock(ACK, ofMinutes(30), Optional.of(t(30)), SlaState.PENDING, ofMinutes(20), Duration.ZERO, false));
            assertThat(s.clock(RESOLVE)).contains(new SlaClock(RESOLVE, ofHours(4), Optional.of(t(240)), SlaState.PENDING, ofMinutes(230), Duration.ZERO, false));
            assertThat(s.clock(UPDATE)).contains(new SlaClock(UPDATE, ofMinutes(30), Optional.of(t(30)), SlaState.PENDING, ofMinutes(20), Duration.ZERO, false));
            assertThat(s.nextDeadline()).contains(t(30));
            assertThat(s.isBreached()).isFalse();
            assertThat(s.severity()).isEqualTo(Severity.SEV2);
            assertThat(s.status()).isEqualTo(Status.OPEN);
            assertThat(DEFAULTS.breaches(h.events(), t(10))).isEmpty();
        }

        @Test
        void aDeadlineEqualToNowHasNotPassed() {
            History h = History.declared(Severity.SEV2, T0);

            assertThat(clock(h, t(30), ACK).state()).isEqualTo(SlaState.PENDING);
            assertThat(clock(h, t(30), ACK).remaining()).isZero();
            assertThat(DEFAULTS.breaches(h.events(), t(30))).isEmpty();
        }

        @Test
        void aMissedDeadlineIsBreachedAndOverdue() {
            History h = History.declared(Severity.SEV2, T0);

            SlaStatus s = DEFAULTS.status(h.events(), t(31));

            assertThat(s.clock(ACK)).contains(new SlaClock(ACK, ofMinutes(30), Optional.of(t(30)), SlaState.BREACHED, Duration.ZERO, ofMinutes(1), false));
            assertThat(s.clock(UPDATE).orElseThrow().state()).isEqualTo(SlaState.BREACHED);
            assertThat(s.clock(RESOLVE).orElseThrow().state()).isEqualTo(SlaState.PENDING);
            assertThat(s.isBreached()).isTrue();
            assertThat(DEFAULTS.breaches(h.events(), t(31))).containsExactly(
                    breach(ACK, ofMinutes(30), t(30), t(30)), breach(UPDATE, ofMinutes(30), t(30), t(30)));
        }

        @Test
        void anAcknowledgementAtTheDeadlineMeetsIt() {
            History h = History.declared(Severity.SEV2, T0).ack(t(30));

            assertThat(clock(h, t(120), ACK)).isEqualTo(new SlaClock(ACK, ofMinutes(30), Optional.of(t(30)), SlaState.MET, Duration.ZERO, Duration.ZERO, false));
        }

        @Test
        void aLateAcknowledgementStaysOverdueByHowLate() {
            History h = History.declared(Severity.SEV2, T0).ack(t(31));

            assertThat(clock(h, t(120), ACK)).isEqualTo(new SlaClock(ACK, ofMinutes(30), Optional.of(t(30)), SlaState.BREACHED, Duration.ZERO, ofMinutes(1), false));
        }

        @Test
        void theWalkthroughMeetsEveryTarget() {
            // 14:30 declared SEV-2, 14:32 ack, updates 14:35/14:42/14:45, 14:47 mitigated, 15:15 resolved.
            History h = History.declared(Severity.SEV2, T0).ack(t(2)).note(t(5)).note(t(12)).note(t(15))
                    .to(Status.MITIGATED, t(17)).to(Status.RESOLVED, t(45));

            SlaStatus s = DEFAULTS.status(h.events(), t(90));

            assertThat(s.clock(ACK).orElseThrow()).extracting(SlaClock::state, SlaClock::deadline).containsExactly(SlaState.MET, Optional.of(t(30)));
            assertThat(s.clock(RESOLVE).orElseThrow()).extracting(SlaClock::state, SlaClock::deadline).containsExactly(SlaState.MET, Optional.of(t(240)));
            assertThat(s.clock(UPDATE).orElseThrow()).extracting(SlaClock::state, SlaClock::deadline).containsExactly(SlaState.MET, Optional.empty());
            assertThat(s.nextDeadline()).isEmpty();
            assertThat(DEFAULTS.breaches(h.events(), t(90))).isEmpty();
        }

        @Test
        void aLowSeverityHasNoUpdateClock() {
            assertThat(DEFAULTS.status(History.declared(Severity.SEV3, T0).events(), t(1)).clock(UPDATE)).isEmpty();
        }

        @Test
        void eventsThatMoveNoClockChangeNothing() {
            History plain = History.declared(Severity.SEV2, T0);
            History assigned = History.declared(Severity.SEV2, T0).assign(t(5)).assign(t(40));

            assertThat(DEFAULTS.status(assigned.events(), t(45))).isEqualTo(DEFAULTS.status(plain.events(), t(45)));
        }
    }

    @Nested
    @DisplayName("the update clock")
    class Updates {

        @Test
        void eachSilenceHasItsOwnDeadline() {
            History h = History.declared(Severity.SEV2, T0).ack(t(5)).note(t(20)).note(t(60));

            assertThat(clock(h, t(51), UPDATE)).isEqualTo(new SlaClock(UPDATE, ofMinutes(30), Optional.of(t(50)), SlaState.BREACHED, Duration.ZERO, ofMinutes(1), false));
            assertThat(clock(h, t(70), UPDATE)).isEqualTo(new SlaClock(UPDATE, ofMinutes(30), Optional.of(t(90)), SlaState.PENDING, ofMinutes(20), Duration.ZERO, false));
            assertThat(DEFAULTS.breaches(h.events(), t(70))).containsExactly(breach(UPDATE, ofMinutes(30), t(50), t(50)));
        }

        @Test
        void aResolvedIncidentOwesNoUpdate() {
            History h = History.declared(Severity.SEV1, T0).ack(t(1)).to(Status.RESOLVED, t(10));

            assertThat(clock(h, t(600), UPDATE).state()).isEqualTo(SlaState.MET);
            assertThat(DEFAULTS.breaches(h.events(), t(600))).isEmpty();
        }
    }

    @Nested
    @DisplayName("acknowledge misses")
    class AckMiss {

        @Test
        void resolvingWithoutAnAcknowledgementMissesItAtTheResolution() {
            History h = History.declared(Severity.SEV2, T0).to(Status.RESOLVED, t(10));

            SlaStatus s = DEFAULTS.status(h.events(), t(20));

            assertThat(s.clock(ACK)).contains(new SlaClock(ACK, ofMinutes(30), Optional.of(t(30)), SlaState.BREACHED, Duration.ZERO, Duration.ZERO, false));
            assertThat(s.clock(RESOLVE).orElseThrow().state()).isEqualTo(SlaState.MET);
            assertThat(DEFAULTS.breaches(h.events(), t(20))).containsExactly(breach(ACK, ofMinutes(30), t(30), t(10)));
        }

        @Test
        void skippingTheAcknowledgementLetsItsClockRunOut() {
            History h = History.declared(Severity.SEV2, T0).to(Status.INVESTIGATING, t(5));

            assertThat(clock(h, t(29), ACK).state()).isEqualTo(SlaState.PENDING);
            assertThat(clock(h, t(31), ACK).state()).isEqualTo(SlaState.BREACHED);
        }

        @Test
        void aCanceledIncidentMissedNothing() {
            History h = History.declared(Severity.SEV2, T0).cancel(t(10));

            SlaStatus s = DEFAULTS.status(h.events(), t(600));

            assertThat(s.clocks().values()).allSatisfy(c -> assertThat(c.state()).isEqualTo(SlaState.MET));
            assertThat(s.nextDeadline()).isEmpty();
            assertThat(DEFAULTS.breaches(h.events(), t(600))).isEmpty();
        }

        @Test
        void aDetectionBeforeTheDeclarationIsBreachedAtTheDeclaration() {
            History h = History.declared(Severity.SEV1, T0.minus(ofHours(1)), T0);

            assertThat(DEFAULTS.breaches(h.events(), t(1))).containsExactly(
                    breach(ACK, ofMinutes(15), t(-45), T0), breach(RESOLVE, ofHours(1), T0, T0));
            // The update clock counts from the declaration.
            assertThat(clock(h, t(1), UPDATE).deadline()).contains(t(15));
        }
    }

    @Nested
    @DisplayName("pausing the resolve clock while mitigated")
    class Pause {

        final SlaPolicy pausing = SlaPolicy.custom().pauseResolveWhileMitigated(true).build();
        final History h = History.declared(Severity.SEV1, T0).ack(t(5)).to(Status.MITIGATED, t(20)).to(Status.INVESTIGATING, t(120));

        @Test
        void whileMitigatedTheClockStandsStill() {
            SlaClock c = clock(pausing, h, t(60), RESOLVE);

            assertThat(c).isEqualTo(new SlaClock(RESOLVE, ofHours(1), Optional.empty(), SlaState.PENDING, ofMinutes(40), Duration.ZERO, true));
        }

        @Test
        void afterTheRegressionItRunsOnWithWhatWasLeft() {
            assertThat(clock(pausing, h, t(130), RESOLVE))
                    .isEqualTo(new SlaClock(RESOLVE, ofHours(1), Optional.of(t(160)), SlaState.PENDING, ofMinutes(30), Duration.ZERO, false));
            assertThat(pausing.breaches(h.events(), t(130))).filteredOn(v -> v.kind() == RESOLVE).isEmpty();
            assertThat(clock(pausing, h, t(161), RESOLVE).state()).isEqualTo(SlaState.BREACHED);
        }

        @Test
        void withoutTheOptionTheClockRunsThrough() {
            assertThat(clock(h, t(61), RESOLVE)).isEqualTo(new SlaClock(RESOLVE, ofHours(1), Optional.of(t(60)), SlaState.BREACHED, Duration.ZERO, ofMinutes(1), false));
        }

        @Test
        void resolvingWhilePausedMeetsTheTarget() {
            History resolved = History.declared(Severity.SEV1, T0).ack(t(5)).to(Status.MITIGATED, t(20)).to(Status.RESOLVED, t(180));

            assertThat(clock(pausing, resolved, t(200), RESOLVE).state()).isEqualTo(SlaState.MET);
            assertThat(clock(resolved, t(200), RESOLVE))
                    .isEqualTo(new SlaClock(RESOLVE, ofHours(1), Optional.of(t(60)), SlaState.BREACHED, Duration.ZERO, ofMinutes(120), false));
        }
    }

    @Nested
    @DisplayName("severity changes")
    class SeverityChanges {

        final SlaPolicy fromChange = SlaPolicy.custom().recomputeFrom(RecomputeFrom.SEVERITY_CHANGE).build();
        final History escalated = History.declared(Severity.SEV3, T0).severity(Severity.SEV1, t(20));

        @Test
        void fromTheOriginalStartAnEscalationCanBreachAtOnce() {
            assertThat(clock(escalated, t(25), ACK))
                    .isEqualTo(new SlaClock(ACK, ofMinutes(15), Optional.of(t(15)), SlaState.BREACHED, Duration.ZERO, ofMinutes(10), false));
            assertThat(clock(escalated, t(25), RESOLVE).deadline()).contains(t(60));
            // The update clock too: the last update was the declaration, 20 minutes before.
            assertThat(DEFAULTS.breaches(escalated.events(), t(25))).containsExactly(
                    breach(ACK, ofMinutes(15), t(15), t(20)), breach(UPDATE, ofMinutes(15), t(15), t(20)));
        }

        @Test
        void atTheInstantOfAnEscalationTheBreachIsNextNotYetPast() {
            // The escalation at +20 puts the acknowledge deadline (+15) behind it: it breaches at the change.
            SlaStatus atChange = DEFAULTS.status(escalated.events(), t(20));

            assertThat(atChange.clock(ACK).map(SlaClock::state)).contains(SlaState.PENDING);
            assertThat(atChange.nextDeadline()).contains(t(20));
            assertThat(DEFAULTS.breaches(escalated.events(), t(20))).isEmpty();
            assertThat(DEFAULTS.breaches(escalated.events(), t(20).plusSeconds(1))).extracting(SlaBreach::breachedAt).containsOnly(t(20));
        }

        @Test
        void fromTheChangeTheNewTargetsCountAfresh() {
            assertThat(clock(fromChange, escalated, t(25), ACK))
                    .isEqualTo(new SlaClock(ACK, ofMinutes(15), Optional.of(t(35)), SlaState.PENDING, ofMinutes(10), Duration.ZERO, false));
            assertThat(clock(fromChange, escalated, t(25), RESOLVE).deadline()).contains(t(80));
            assertThat(clock(fromChange, escalated, t(25), UPDATE).deadline()).contains(t(35));
            assertThat(fromChange.breaches(escalated.events(), t(25))).isEmpty();
        }

        @Test
        void aDowngradeBeforeTheDeadlineMovesIt() {
            History h = History.declared(Severity.SEV1, T0).severity(Severity.SEV4, t(10));

            assertThat(clock(h, t(30), ACK).deadline()).contains(t(8 * 60));
            assertThat(clock(fromChange, h, t(30), ACK).deadline()).contains(t(10 + 8 * 60));
            assertThat(DEFAULTS.breaches(h.events(), t(30))).isEmpty();
        }

        @Test
        void aDowngradeAfterABreachDoesNotUndoIt() {
            History h = History.declared(Severity.SEV1, T0).severity(Severity.SEV3, t(20)).ack(t(40));

            assertThat(clock(h, t(50), ACK))
                    .isEqualTo(new SlaClock(ACK, ofMinutes(15), Optional.of(t(15)), SlaState.BREACHED, Duration.ZERO, ofMinutes(25), false));
            assertThat(DEFAULTS.breaches(h.events(), t(50))).extracting(SlaBreach::kind).containsExactly(ACK, UPDATE);
        }

        @Test
        void aStoppedClockIsJudgedByTheTargetsWhenItStopped() {
            History h = History.declared(Severity.SEV2, T0).ack(t(20)).severity(Severity.SEV1, t(25));

            assertThat(clock(h, t(26), ACK)).extracting(SlaClock::state, SlaClock::target, SlaClock::deadline)
                    .containsExactly(SlaState.MET, ofMinutes(30), Optional.of(t(30)));
        }
    }

    @Nested
    @DisplayName("business hours")
    class BusinessHours {

        static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
        final SlaPolicy office = SlaPolicy.custom()
                .businessHours(Severity.SEV3, BusinessCalendar.weekdays(BERLIN, LocalTime.of(9, 0), LocalTime.of(17, 0)))
                .build();
        // Friday 2025-03-28 16:00 in Berlin; the clocks go forward on Sunday.
        final Instant friday = Instant.parse("2025-03-28T15:00:00Z");

        @Test
        void aSev3RaisedOnFridayAfternoonIsDueOnMonday() {
            History h = History.declared(Severity.SEV3, friday);

            SlaStatus saturday = office.status(h.events(), Instant.parse("2025-03-29T12:00:00Z"));

            // Monday 10:00 CEST; Wednesday 16:00 CEST after 1 + 8 + 8 + 7 working hours.
            assertThat(saturday.clock(ACK)).contains(new SlaClock(ACK, ofHours(2), Optional.of(Instant.parse("2025-03-31T08:00:00Z")),
                    SlaState.PENDING, ofHours(1), Duration.ZERO, false));
            assertThat(saturday.clock(RESOLVE).orElseThrow().deadline()).contains(Instant.parse("2025-04-02T14:00:00Z"));
            assertThat(office.breaches(h.events(), Instant.parse("2025-03-31T07:59:00Z"))).isEmpty();
            assertThat(office.breaches(h.events(), Instant.parse("2025-03-31T08:01:00Z"))).extracting(SlaBreach::kind).containsExactly(ACK);
        }

        @Test
        void otherSeveritiesRunAroundTheClock() {
            History h = History.declared(Severity.SEV2, friday);

            assertThat(clock(office, h, friday, ACK).deadline()).contains(friday.plus(ofMinutes(30)));
        }

        @Test
        void anEscalationLeavesTheCalendar() {
            History h = History.declared(Severity.SEV3, friday).severity(Severity.SEV2, friday.plus(ofMinutes(10)));

            assertThat(clock(office, h, friday.plus(ofMinutes(10)), ACK).deadline()).contains(friday.plus(ofMinutes(30)));
        }
    }

    @Nested
    @DisplayName("reopening and instants")
    class ReopenAndTime {

        @Test
        void aReopenedIncidentRunsOnFromTheTimeItHadUsed() {
            History h = History.declared(Severity.SEV1, T0).ack(t(5)).to(Status.RESOLVED, t(50)).reopen(t(180));

            assertThat(clock(h, t(100), RESOLVE).state()).isEqualTo(SlaState.MET);
            assertThat(clock(h, t(185), RESOLVE))
                    .isEqualTo(new SlaClock(RESOLVE, ofHours(1), Optional.of(t(190)), SlaState.PENDING, ofMinutes(5), Duration.ZERO, false));
            assertThat(clock(h, t(185), UPDATE).deadline()).contains(t(195));
            assertThat(clock(h, t(185), ACK).state()).isEqualTo(SlaState.MET);
        }

        @Test
        void aReopenAfterALateResolutionRecordsNothingNew() {
            History h = History.declared(Severity.SEV1, T0).ack(t(5)).note(t(15)).note(t(30)).note(t(45)).note(t(60))
                    .to(Status.RESOLVED, t(70)).reopen(t(200));

            assertThat(clock(h, t(201), RESOLVE).state()).isEqualTo(SlaState.BREACHED);
            assertThat(DEFAULTS.breaches(h.events(), t(201))).containsExactly(breach(RESOLVE, ofHours(1), t(60), t(60)));
        }

        @Test
        void aPastInstantSeesOnlyWhatHadHappened() {
            History h = History.declared(Severity.SEV2, T0).ack(t(10)).to(Status.RESOLVED, t(40));

            assertThat(clock(h, t(5), ACK).state()).isEqualTo(SlaState.PENDING);
            assertThat(DEFAULTS.status(h.events(), t(20)).status()).isEqualTo(Status.ACKNOWLEDGED);
            assertThat(clock(h, t(60), RESOLVE).state()).isEqualTo(SlaState.MET);
        }

        @Test
        void breachesUpToAnInstantArePrefixesOfLaterOnes() {
            History h = History.declared(Severity.SEV1, T0).note(t(10)).ack(t(20)).note(t(50)).to(Status.RESOLVED, t(90));
            List<SlaBreach> all = DEFAULTS.breaches(h.events(), t(100));

            assertThat(all).extracting(SlaBreach::kind, SlaBreach::deadline).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(ACK, t(15)), org.assertj.core.groups.Tuple.tuple(UPDATE, t(35)),
                    org.assertj.core.groups.Tuple.tuple(RESOLVE, t(60)), org.assertj.core.groups.Tuple.tuple(UPDATE, t(65)));
            for (int minute = 0; minute <= 100; minute++) {
                List<SlaBreach> sofar = DEFAULTS.breaches(h.events(), t(minute));
                assertThat(all.subList(0, sofar.size())).isEqualTo(sofar);
                assertThat(sofar).allSatisfy(v -> assertThat(v.breachedAt()).isBefore(t(100)));
            }
        }

        @Test
        void anInstantBeforeTheDeclarationIsRejected() {
            History h = History.declared(Severity.SEV2, T0);

            assertThatThrownBy(() -> DEFAULTS.status(h.events(), t(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(History.ID).hasMessageContaining(T0.toString());
            assertThat(DEFAULTS.breaches(h.events(), t(-1))).isEmpty();
            assertThatThrownBy(() -> DEFAULTS.status(List.of(), T0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
