package dev.incidentkit.core.sla;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlaPolicyTest {

    @Nested
    @DisplayName("defaults: the table of DESIGN section 3")
    class Defaults {

        @ParameterizedTest(name = "{0}: ack {1}, resolve {2}, update {3}")
        @CsvSource({
            "SEV1, PT15M, PT1H,  PT15M",
            "SEV2, PT30M, PT4H,  PT30M",
            "SEV3, PT2H,  PT24H, ",
            "SEV4, PT8H,  PT72H, "})
        void targets(Severity severity, Duration ack, Duration resolve, Duration update) {
            SlaTargets t = SlaPolicy.ofDefaults().targets(severity);

            assertThat(t.acknowledge()).isEqualTo(ack);
            assertThat(t.resolve()).isEqualTo(resolve);
            assertThat(t.update()).isEqualTo(Optional.ofNullable(update));
            assertThat(t.calendar()).isEmpty();
        }

        @Test
        void noPauseAndRecomputedFromTheOriginalStart() {
            assertThat(SlaPolicy.ofDefaults().pausesResolveWhileMitigated()).isFalse();
            assertThat(SlaPolicy.ofDefaults().recomputeFrom()).isEqualTo(RecomputeFrom.ORIGINAL_START);
        }

        @Test
        void customStartsFromTheDefaults() {
            assertThat(SlaPolicy.custom().build()).isEqualTo(SlaPolicy.ofDefaults());
        }

        @Test
        void plainDeadlineIsStartPlusTarget() {
            Instant start = Instant.parse("2025-08-23T14:30:00Z");

            assertThat(SlaPolicy.ofDefaults().deadline(Severity.SEV2, SlaKind.ACK, start))
                    .contains(Instant.parse("2025-08-23T15:00:00Z"));
            assertThat(SlaPolicy.ofDefaults().deadline(Severity.SEV3, SlaKind.UPDATE, start)).isEmpty();
        }
    }

    @Nested
    @DisplayName("custom policies")
    class Custom {

        @Test
        void settersChangeOneTargetEach() {
            BusinessCalendar office = BusinessCalendar.weekdays(ZoneId.of("Europe/Berlin"), LocalTime.of(9, 0), LocalTime.of(17, 0));
            SlaPolicy p = SlaPolicy.custom()
                    .acknowledgeWithin(Severity.SEV1, ofMinutes(5))
                    .resolveWithin(Severity.SEV1, ofHours(2))
                    .updateEvery(Severity.SEV3, ofHours(4))
                    .noUpdateTarget(Severity.SEV2)
                    .businessHours(Severity.SEV3, office)
                    .pauseResolveWhileMitigated(true)
                    .recomputeFrom(RecomputeFrom.SEVERITY_CHANGE)
                    .build();

            assertThat(p.targets(Severity.SEV1)).isEqualTo(SlaTargets.of(ofMinutes(5), ofHours(2)).withUpdate(ofMinutes(15)));
            assertThat(p.targets(Severity.SEV2).update()).isEmpty();
            assertThat(p.targets(Severity.SEV3)).isEqualTo(
                    SlaTargets.of(ofHours(2), ofHours(24)).withUpdate(ofHours(4)).withCalendar(office));
            assertThat(p.targets(Severity.SEV4)).isEqualTo(SlaPolicy.ofDefaults().targets(Severity.SEV4));
            assertThat(p.pausesResolveWhileMitigated()).isTrue();
            assertThat(p.recomputeFrom()).isEqualTo(RecomputeFrom.SEVERITY_CHANGE);
        }

        @Test
        void fromKeepsTheBaseAndLeavesItUnchanged() {
            SlaPolicy base = SlaPolicy.custom().pauseResolveWhileMitigated(true).acknowledgeWithin(Severity.SEV2, ofMinutes(20)).build();

            SlaPolicy derived = SlaPolicy.from(base).aroundTheClock(Severity.SEV2).resolveWithin(Severity.SEV2, ofHours(3)).build();

            assertThat(derived.pausesResolveWhileMitigated()).isTrue();
            assertThat(derived.targets(Severity.SEV2).acknowledge()).isEqualTo(ofMinutes(20));
            assertThat(derived.targets(Severity.SEV2).resolve()).isEqualTo(ofHours(3));
            assertThat(base.targets(Severity.SEV2).resolve()).isEqualTo(ofHours(4));
        }

        @ParameterizedTest(name = "{0} is rejected: {1}")
        @CsvSource({
            "PT0S,     must be positive",
            "-PT1M,    must be positive",
            "PT1.5S,   whole number of seconds",
            "P367D,    at most 366 days"})
        void badTargetsAreRejectedAtOnceNamingTheValue(Duration bad, String rule) {
            SlaPolicy.Builder b = SlaPolicy.custom();

            assertThatThrownBy(() -> b.acknowledgeWithin(Severity.SEV1, bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(rule).hasMessageContaining(bad.toString()).hasMessageContaining("SEV-1");
            assertThatThrownBy(() -> b.resolveWithin(Severity.SEV2, bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.updateEvery(Severity.SEV3, bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> SlaTargets.of(bad, ofHours(1))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad.toString());
        }

        @Test
        void buildRejectsAnAcknowledgeTargetLongerThanTheResolveTarget() {
            SlaPolicy.Builder b = SlaPolicy.custom().acknowledgeWithin(Severity.SEV1, ofHours(2));

            assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SEV-1").hasMessageContaining("PT2H").hasMessageContaining("PT1H");
        }

        @Test
        void aBuilderCanBeFixedAfterAnIntermediateInconsistency() {
            SlaPolicy p = SlaPolicy.custom().acknowledgeWithin(Severity.SEV1, ofHours(2)).resolveWithin(Severity.SEV1, ofHours(3)).build();

            assertThat(p.targets(Severity.SEV1).acknowledge()).isEqualTo(ofHours(2));
        }
    }
}
