package dev.incidentkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.incidentkit.core.metrics.BurnRateRule.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("SLO burn rates")
class BurnRatesTest {

    private static final Instant NOW = Instant.parse("2025-08-23T15:00:00Z");
    private static final Slo SLO = Slo.of(0.999);
    private static final List<BurnRateRule> RULES = BurnRates.workbookRules(SLO);

    /** One sample per minute over {@code [now - from, now - to)}, 1,000 requests each with the given failures. */
    private static List<SloSample> perMinute(Duration from, Duration to, int failuresPerThousand) {
        List<SloSample> out = new ArrayList<>();
        for (long m = from.toMinutes(); m > to.toMinutes(); m--) {
            out.add(new SloSample(NOW.minus(Duration.ofMinutes(m - 1)), 1_000 - failuresPerThousand, 1_000));
        }
        return out;
    }

    /** Three days of clean traffic, an hourly sample each, up to {@code to} before now. */
    private static List<SloSample> cleanDays(Duration to) {
        List<SloSample> out = new ArrayList<>();
        for (long h = 72; h * 60 > to.toMinutes(); h--) {
            out.add(new SloSample(NOW.minus(Duration.ofHours(h).minus(Duration.ofMinutes(1))), 60_000, 60_000));
        }
        return out;
    }

    private static List<String> firing(List<SloSample> samples) {
        List<String> names = new ArrayList<>();
        for (BurnRateAlert a : BurnRates.firing(SLO, RULES, samples, NOW)) {
            names.add(a.rule().name());
        }
        return names;
    }

    @Nested
    @DisplayName("the calculator")
    class Calculator {

        @Test
        @DisplayName("burn rate is the error ratio over the error budget")
        void burnRate() {
            assertThat(SLO.errorBudget()).isCloseTo(0.001, within(1e-12));
            assertThat(SLO.burnRate(985, 1_000)).isCloseTo(15.0, within(1e-9));
            assertThat(SLO.burnRate(999, 1_000)).isCloseTo(1.0, within(1e-9));
            assertThat(SLO.burnRate(1_000, 1_000)).isZero();
            assertThat(Slo.of(0.99).burnRate(0, 10)).isCloseTo(100.0, within(1e-9));
        }

        @Test
        @DisplayName("no traffic burns nothing")
        void noTraffic() {
            assertThat(SLO.burnRate(0, 0)).isZero();
        }

        @Test
        @DisplayName("budget spent and remaining")
        void budget() {
            assertThat(SLO.budgetSpent(14.4, Duration.ofHours(1))).isCloseTo(0.02, within(1e-12));
            assertThat(SLO.budgetSpent(1, Duration.ofDays(3))).isCloseTo(0.10, within(1e-12));
            assertThat(SLO.budgetRemaining(999_750, 1_000_000)).isCloseTo(0.75, within(1e-9));
            assertThat(SLO.budgetRemaining(998_000, 1_000_000)).isCloseTo(-1.0, within(1e-9));
        }

        @Test
        @DisplayName("rejects impossible objectives, counts and rules")
        void validation() {
            assertThatThrownBy(() -> Slo.of(1.0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target");
            assertThatThrownBy(() -> Slo.of(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Slo(0.99, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> SLO.burnRate(11, 10)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new SloSample(NOW, -1, 10)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new BurnRateRule("r", Urgency.PAGE, Duration.ofMinutes(5), Duration.ofHours(1), 2))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shortWindow");
            assertThatThrownBy(() -> new BurnRateRule("r", Urgency.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
        }
    }

    @Nested
    @DisplayName("the workbook's multi-window rules")
    class Rules {

        @Test
        @DisplayName("for 30 days: page 14.4x over 1h and 5m, page 6x over 6h and 30m, ticket 1x over 3d and 6h")
        void thresholds() {
            assertThat(RULES).extracting(BurnRateRule::name).containsExactly("page-1h", "page-6h", "ticket-3d");
            assertThat(RULES).extracting(BurnRateRule::urgency).containsExactly(Urgency.PAGE, Urgency.PAGE, Urgency.TICKET);
            assertThat(RULES).extracting(BurnRateRule::longWindow)
                    .containsExactly(Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(3));
            assertThat(RULES).extracting(BurnRateRule::shortWindow)
                    .containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(6));
            assertThat(RULES.get(0).threshold()).isCloseTo(14.4, within(1e-9));
            assertThat(RULES.get(1).threshold()).isCloseTo(6.0, within(1e-9));
            assertThat(RULES.get(2).threshold()).isCloseTo(1.0, within(1e-9));
        }

        @Test
        @DisplayName("scale with the period: over 7 days the fast page is 2% in an hour, 3.36x")
        void scaledToPeriod() {
            List<BurnRateRule> week = BurnRates.workbookRules(new Slo(0.999, Duration.ofDays(7)));
            assertThat(week.get(0).threshold()).isCloseTo(3.36, within(1e-9));
        }

        @Test
        @DisplayName("a fast burn over the last hour pages on the 1h rule, and on the 6h rule once it has lasted")
        void fastBurnPages() {
            // Clean traffic, then the last hour at 1.5% errors: 15x over 1h and 5m, 2.5x over 6h.
            List<SloSample> samples = new ArrayList<>(cleanDays(Duration.ofHours(1)));
            samples.addAll(perMinute(Duration.ofHours(1), Duration.ZERO, 15));
            assertThat(firing(samples)).containsExactly("page-1h");

            // The same burn for the last six hours: both pages, and the ticket (15x over 6h, 1.25x over 3d).
            List<SloSample> longer = new ArrayList<>(cleanDays(Duration.ofHours(6)));
            longer.addAll(perMinute(Duration.ofHours(6), Duration.ZERO, 15));
            List<BurnRateAlert> alerts = BurnRates.evaluate(SLO, RULES, longer, NOW);
            assertThat(alerts.get(2).longBurnRate()).isCloseTo(1.25, within(1e-9));
            assertThat(firing(longer)).containsExactly("page-1h", "page-6h", "ticket-3d");
        }

        @Test
        @DisplayName("does not page when the burning stopped within the short window")
        void recovered() {
            // 50 minutes at 2% errors (20x), then 10 clean minutes: the 1h window still burns at 16.7x,
            // the 5m window is clean, so the alert has reset.
            List<SloSample> samples = new ArrayList<>(perMinute(Duration.ofHours(1), Duration.ofMinutes(10), 20));
            samples.addAll(perMinute(Duration.ofMinutes(10), Duration.ZERO, 0));

            List<BurnRateAlert> alerts = BurnRates.evaluate(SLO, RULES, samples, NOW);

            assertThat(alerts.get(0).longBurnRate()).isCloseTo(50 * 20.0 / 60, within(1e-9));
            assertThat(alerts.get(0).shortBurnRate()).isZero();
            assertThat(alerts.get(0).firing()).isFalse();
        }

        @Test
        @DisplayName("does not page on a short spike alone")
        void shortSpike() {
            // Clean traffic, except the last 5 minutes at 10% errors: 100x over 5m, 8.3x over 1h.
            List<SloSample> samples = new ArrayList<>(cleanDays(Duration.ofHours(1)));
            samples.addAll(perMinute(Duration.ofHours(1), Duration.ofMinutes(5), 0));
            samples.addAll(perMinute(Duration.ofMinutes(5), Duration.ZERO, 100));

            List<BurnRateAlert> alerts = BurnRates.evaluate(SLO, RULES, samples, NOW);

            assertThat(alerts.get(0).shortBurnRate()).isCloseTo(100.0, within(1e-9));
            assertThat(alerts.get(0).longBurnRate()).isCloseTo(100.0 * 5 / 60, within(1e-9));
            assertThat(firing(samples)).isEmpty();
        }

        @Test
        @DisplayName("a slow burn opens a ticket, not a page")
        void slowBurnTicket() {
            // Three days at 0.15% errors: 1.5x everywhere.
            List<SloSample> samples = new ArrayList<>();
            for (int h = 72; h > 0; h--) {
                samples.add(new SloSample(NOW.minus(Duration.ofHours(h - 1)), 99_850, 100_000));
            }
            assertThat(firing(samples)).containsExactly("ticket-3d");
        }

        @Test
        @DisplayName("at exactly the threshold a rule does not fire (the workbook compares with >)")
        void exactThreshold() {
            BurnRateRule rule = new BurnRateRule("r", Urgency.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 10);
            Slo slo = Slo.of(0.9);
            assertThat(BurnRates.evaluate(slo, rule, 0, 1, 0, 1).firing()).isFalse();
            assertThat(BurnRates.evaluate(slo, rule, 0, 1, 0, 1).longBurnRate()).isCloseTo(10.0, within(1e-9));
            assertThat(Slo.of(0.91).burnRate(0, 1)).isGreaterThan(10.0);
            assertThat(BurnRates.evaluate(Slo.of(0.91), rule, 0, 1, 0, 1).firing()).isTrue();
            assertThat(BurnRates.evaluate(Slo.of(0.91), rule, 0, 1, 1, 1).firing()).isFalse();
        }

        @Test
        @DisplayName("a window of length w holds the samples after now - w and up to now")
        void windowBounds() {
            BurnRateRule rule = new BurnRateRule("r", Urgency.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 1);
            List<SloSample> samples = List.of(
                    new SloSample(NOW.minus(Duration.ofMinutes(5)), 0, 10),   // not in 5m, in 1h
                    new SloSample(NOW.minus(Duration.ofHours(1)), 0, 10),     // in neither
                    new SloSample(NOW, 9, 10),                                // in both
                    new SloSample(NOW.plusSeconds(1), 0, 1_000));             // after now: ignored

            BurnRateAlert a = BurnRates.evaluate(SLO, List.of(rule), samples, NOW).get(0);

            assertThat(a.shortBurnRate()).isCloseTo(0.1 / 0.001, within(1e-6));
            assertThat(a.longBurnRate()).isCloseTo((11.0 / 20) / 0.001, within(1e-6));
        }
    }
}
