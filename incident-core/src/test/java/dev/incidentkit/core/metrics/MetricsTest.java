package dev.incidentkit.core.metrics;

import static dev.incidentkit.core.metrics.EventLog.ack;
import static dev.incidentkit.core.metrics.EventLog.addItem;
import static dev.incidentkit.core.metrics.EventLog.assign;
import static dev.incidentkit.core.metrics.EventLog.breach;
import static dev.incidentkit.core.metrics.EventLog.cancel;
import static dev.incidentkit.core.metrics.EventLog.completeItem;
import static dev.incidentkit.core.metrics.EventLog.correlate;
import static dev.incidentkit.core.metrics.EventLog.duplicateOf;
import static dev.incidentkit.core.metrics.EventLog.note;
import static dev.incidentkit.core.metrics.EventLog.reopen;
import static dev.incidentkit.core.metrics.EventLog.severity;
import static dev.incidentkit.core.metrics.EventLog.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.testkit.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Metrics.compute")
class MetricsTest {

    private static final Instant DAY = Instant.parse("2025-08-23T00:00:00Z");

    /** An instant on the walkthrough's day, such as {@code at("14:30")}. */
    static Instant at(String hhmm) {
        return Instant.parse("2025-08-23T" + hhmm + ":00Z");
    }

    static Duration minutes(long n) {
        return Duration.ofMinutes(n);
    }

    private final EventLog log = new EventLog();

    private MetricsReport report() {
        return Metrics.compute(log.incidents(), MetricQuery.all());
    }

    private MetricsReport report(MetricQuery query) {
        return Metrics.compute(log.incidents(), query);
    }

    /** The walkthrough's lifecycle, as {@link Fixtures} scripts it; two of its notes are enough here. */
    private void walkthrough(String id) {
        String by = Fixtures.WALKTHROUGH_ACTOR;
        log.declare(id, Declare.of(Fixtures.WALKTHROUGH_TITLE, Fixtures.WALKTHROUGH_SEVERITY, Fixtures.WALKTHROUGH_SERVICE),
                Fixtures.WALKTHROUGH_DECLARED_AT, by);
        log.run(id, ack(), Fixtures.WALKTHROUGH_ACKNOWLEDGED_AT, by);
        log.run(id, note(Fixtures.WALKTHROUGH_NOTES.get(0)), Fixtures.WALKTHROUGH_NOTE_TIMES.get(0), by);
        log.run(id, note(Fixtures.WALKTHROUGH_NOTES.get(1)), Fixtures.WALKTHROUGH_NOTE_TIMES.get(1), by);
        log.run(id, status(Status.MITIGATED), Fixtures.WALKTHROUGH_MITIGATED_AT, by);
        log.run(id, status(Status.RESOLVED), Fixtures.WALKTHROUGH_RESOLVED_AT, by);
        log.run(id, status(Status.CLOSED), Fixtures.WALKTHROUGH_CLOSED_AT, by);
    }

    @Nested
    @DisplayName("interval metrics")
    class Intervals {

        @Test
        @DisplayName("the walkthrough: MTTA 2 min, MTTM 17 min, MTTR 45 min")
        void walkthroughFigures() {
            walkthrough("INC-2025-001");

            MetricsReport r = report();

            assertThat(r.incidents()).isEqualTo(1);
            assertThat(r.stats(Metric.MTTA).mean()).isEqualTo(minutes(2));
            assertThat(r.stats(Metric.MTTM).mean()).isEqualTo(minutes(17));
            assertThat(r.stats(Metric.MTTR).mean()).isEqualTo(minutes(45));
            assertThat(r.stats(Metric.MTTD)).isEqualTo(new DurationStats(1, Duration.ZERO, Duration.ZERO,
                    Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0));
            assertThat(r.stats(Metric.MTTR)).isEqualTo(new DurationStats(1, minutes(45), minutes(45), minutes(45),
                    minutes(45), minutes(45), minutes(45), 0));
            assertThat(r.stats(Metric.MTTI)).isEqualTo(DurationStats.empty(1));
            assertThat(r.acknowledgeTimes()).containsOnlyKeys(Actor.of("user@example.com"));
            assertThat(r.acknowledgeTimes().get(Actor.of("user@example.com")).mean()).isEqualTo(minutes(2));
        }

        @Test
        @DisplayName("each metric runs between its two milestones of the design table")
        void eachMetricBetweenItsMilestones() {
            log.declare("INC-1", Declare.of("t", Severity.SEV1, "api").impactStartedAt(at("10:00")).detectedAt(at("10:10")),
                    at("10:15"), "alertmanager");
            log.run("INC-1", ack(), at("10:20"), "bob");
            log.run("INC-1", status(Status.INVESTIGATING), at("10:25"), "bob");
            log.run("INC-1", status(Status.IDENTIFIED), at("10:50"), "bob");
            log.run("INC-1", status(Status.MITIGATED), at("11:30"), "bob");
            log.run("INC-1", status(Status.RESOLVED), at("12:10"), "bob");

            MetricsReport r = report();

            assertThat(r.stats(Metric.MTTD).mean()).isEqualTo(minutes(10));
            assertThat(r.stats(Metric.MTTA).mean()).isEqualTo(minutes(10));
            assertThat(r.stats(Metric.MTTI).mean()).isEqualTo(minutes(30));
            assertThat(r.stats(Metric.MTTM).mean()).isEqualTo(minutes(90));
            assertThat(r.stats(Metric.MTTR).mean()).isEqualTo(minutes(120));
            for (Metric m : Metric.values()) {
                assertThat(r.stats(m).count()).as(m.name()).isEqualTo(1);
                assertThat(r.stats(m).missing()).as(m.name()).isZero();
            }
        }

        @Test
        @DisplayName("first identified and first mitigated, but last resolved")
        void firstAndLastMilestones() {
            log.declare("INC-1", Declare.of("t", Severity.SEV2, "api"), at("10:00"), "alice");
            log.run("INC-1", ack(), at("10:05"), "alice");
            log.run("INC-1", status(Status.IDENTIFIED), at("10:10"), "alice");
            log.run("INC-1", status(Status.MITIGATED), at("10:20"), "alice");
            log.run("INC-1", status(Status.INVESTIGATING), at("10:30"), "alice");
            log.run("INC-1", status(Status.IDENTIFIED), at("10:40"), "alice");
            log.run("INC-1", status(Status.MITIGATED), at("10:50"), "alice");
            log.run("INC-1", status(Status.RESOLVED), at("11:00"), "alice");
            log.run("INC-1", reopen(), at("11:10"), "alice");
            log.run("INC-1", status(Status.RESOLVED), at("12:00"), "alice");

            MetricsReport r = report();

            assertThat(r.stats(Metric.MTTI).mean()).isEqualTo(minutes(5));
            assertThat(r.stats(Metric.MTTM).mean()).isEqualTo(minutes(20));
            assertThat(r.stats(Metric.MTTR).mean()).isEqualTo(minutes(120));
        }

        @Test
        @DisplayName("incidents without the end milestone are left out and counted as missing")
        void missingMilestones() {
            // Resolved straight from OPEN: never acknowledged, identified or mitigated.
            log.declare("INC-1", Declare.of("t", Severity.SEV2, "api"), at("10:00"), "alice");
            log.run("INC-1", status(Status.RESOLVED), at("10:30"), "alice");
            // Identified without an acknowledgement: MTTI has no start.
            log.declare("INC-2", Declare.of("t", Severity.SEV2, "api"), at("11:00"), "alice");
            log.run("INC-2", status(Status.IDENTIFIED), at("11:20"), "alice");
            // Still open after an acknowledgement.
            log.declare("INC-3", Declare.of("t", Severity.SEV2, "api"), at("12:00"), "alice");
            log.run("INC-3", ack(), at("12:03"), "bob");
            // Reopened and not resolved again: its resolution is gone.
            log.declare("INC-4", Declare.of("t", Severity.SEV2, "api"), at("13:00"), "alice");
            log.run("INC-4", status(Status.RESOLVED), at("13:40"), "alice");
            log.run("INC-4", reopen(), at("13:50"), "alice");

            MetricsReport r = report();

            assertThat(r.incidents()).isEqualTo(4);
            assertThat(r.stats(Metric.MTTD).count()).isEqualTo(4);
            assertThat(r.stats(Metric.MTTA)).extracting(DurationStats::count, DurationStats::missing).containsExactly(1L, 3L);
            assertThat(r.stats(Metric.MTTA).mean()).isEqualTo(minutes(3));
            assertThat(r.stats(Metric.MTTI)).isEqualTo(DurationStats.empty(4));
            assertThat(r.stats(Metric.MTTM)).isEqualTo(DurationStats.empty(4));
            assertThat(r.stats(Metric.MTTR)).extracting(DurationStats::count, DurationStats::missing).containsExactly(1L, 3L);
            assertThat(r.stats(Metric.MTTR).mean()).isEqualTo(minutes(30));
        }

        @Test
        @DisplayName("a milestone back-dated before its start gives a negative interval, kept as recorded")
        void negativeIntervalKept() {
            log.declare("INC-1", Declare.of("t", Severity.SEV2, "api"), at("10:00"), "alice");
            log.run("INC-1", ack(), at("10:20"), "alice");
            log.run("INC-1", status(Status.IDENTIFIED), at("10:05"), "alice");

            assertThat(report().stats(Metric.MTTI).mean()).isEqualTo(minutes(-15));
        }
    }

    @Nested
    @DisplayName("percentiles (nearest rank)")
    class Percentiles {

        private DurationStats statsOfMinutes(long... values) {
            long[] micros = new long[values.length];
            Sum128 sum = new Sum128();
            for (int i = 0; i < values.length; i++) {
                micros[i] = values[i] * 60_000_000L;
                sum.add(micros[i]);
            }
            return Metrics.stats(micros, micros.length, sum, 7);
        }

        @Test
        @DisplayName("of 1..100 minutes, shuffled")
        void oneToHundred() {
            long[] values = new long[100];
            for (int i = 0; i < 100; i++) {
                values[i] = (i * 37) % 100 + 1;
            }
            assertThat(statsOfMinutes(values)).isEqualTo(new DurationStats(100, Duration.ofSeconds(50 * 60 + 30),
                    minutes(50), minutes(90), minutes(95), minutes(99), minutes(100), 7));
        }

        @Test
        @DisplayName("of 1..10 minutes: p95 and p99 are the maximum")
        void oneToTen() {
            assertThat(statsOfMinutes(10, 3, 7, 1, 9, 2, 8, 4, 6, 5)).isEqualTo(new DurationStats(10,
                    Duration.ofSeconds(5 * 60 + 30), minutes(5), minutes(9), minutes(10), minutes(10), minutes(10), 7));
        }

        @Test
        @DisplayName("the median of an even count is the lower middle value; of one value, that value")
        void smallCounts() {
            assertThat(statsOfMinutes(2, 1).median()).isEqualTo(minutes(1));
            assertThat(statsOfMinutes(4, 1, 3, 2).median()).isEqualTo(minutes(2));
            assertThat(statsOfMinutes(42)).isEqualTo(new DurationStats(1, minutes(42), minutes(42), minutes(42),
                    minutes(42), minutes(42), minutes(42), 7));
        }

        @Test
        @DisplayName("repeated values, and a mean truncated toward zero")
        void repeatsAndTruncation() {
            DurationStats s = statsOfMinutes(5, 5, 5, 5, 1);
            assertThat(s.median()).isEqualTo(minutes(5));
            assertThat(s.mean()).isEqualTo(Duration.ofSeconds(252));

            Sum128 sum = new Sum128();
            sum.add(-1);
            sum.add(-2);
            assertThat(Metrics.stats(new long[] {-1, -2}, 2, sum, 0).mean()).isEqualTo(Duration.ofNanos(-1_000));
        }

        @Test
        @DisplayName("the nearest rank is ceil(p/100 * n)")
        void nearestRank() {
            assertThat(DurationStats.nearestRank(50, 1)).isEqualTo(1);
            assertThat(DurationStats.nearestRank(50, 10)).isEqualTo(5);
            assertThat(DurationStats.nearestRank(50, 11)).isEqualTo(6);
            assertThat(DurationStats.nearestRank(90, 10)).isEqualTo(9);
            assertThat(DurationStats.nearestRank(95, 10)).isEqualTo(10);
            assertThat(DurationStats.nearestRank(99, 1000)).isEqualTo(990);
            assertThat(DurationStats.nearestRank(99, 1001)).isEqualTo(991);
            assertThat(DurationStats.nearestRank(100, 7)).isEqualTo(7);
            assertThatThrownBy(() -> DurationStats.nearestRank(0, 7)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("canceled and duplicate incidents")
    class Excluded {

        @Test
        @DisplayName("are left out of every figure and counted apart")
        void leftOutAndCounted() {
            walkthrough("INC-1");
            log.declare("INC-2", Declare.of("t", Severity.SEV1, "checkout"), at("16:00"), "alice");
            log.run("INC-2", ack(), at("16:30"), "alice");
            log.run("INC-2", cancel(), at("16:40"), "alice");
            log.declare("INC-3", Declare.of("t", Severity.SEV1, "checkout"), at("17:00"), "carol");
            log.run("INC-3", ack(), at("17:50"), "carol");
            log.run("INC-3", status(Status.RESOLVED), at("18:00"), "carol");
            log.run("INC-3", addItem("x"), at("18:05"), "carol");
            log.run("INC-3", duplicateOf("INC-1"), at("18:10"), "carol");

            MetricsReport r = report();

            assertThat(r.incidents()).isEqualTo(1);
            assertThat(r.canceled()).isEqualTo(1);
            assertThat(r.duplicates()).isEqualTo(1);
            assertThat(r.matched()).isEqualTo(3);
            assertThat(r.stats(Metric.MTTA).count()).isEqualTo(1);
            assertThat(r.stats(Metric.MTTA).mean()).isEqualTo(minutes(2));
            assertThat(r.acknowledgeTimes()).containsOnlyKeys(Actor.of("user@example.com"));
            assertThat(r.weekly().values()).extracting(Frequency::total).containsExactly(1L);
            assertThat(r.sla(SlaKind.ACK).decided()).isEqualTo(1);
            assertThat(r.mtbf().get("checkout")).isEqualTo(DurationStats.EMPTY);
            assertThat(r.actionItems()).isEqualTo(ActionItemClosure.NONE);
        }

        @Test
        @DisplayName("a canceled incident that is reopened counts again")
        void reopenedCancelCounts() {
            log.declare("INC-1", Declare.of("t", Severity.SEV3, "api"), at("10:00"), "alice");
            log.run("INC-1", cancel(), at("10:05"), "alice");
            assertThat(report().canceled()).isEqualTo(1);

            log.run("INC-1", reopen(), at("10:30"), "alice");

            MetricsReport r = report();
            assertThat(r.canceled()).isZero();
            assertThat(r.incidents()).isEqualTo(1);
            assertThat(r.reopened()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("filters")
    class Filters {

        @Test
        @DisplayName("the window is [since, until) on the declaration")
        void window() {
            log.declare("INC-1", Declare.of("t", Severity.SEV2, "api").impactStartedAt(at("08:00")), at("09:59"), "a");
            log.declare("INC-2", Declare.of("t", Severity.SEV2, "api").impactStartedAt(at("09:00")), at("10:00"), "a");
            log.declare("INC-3", Declare.of("t", Severity.SEV2, "api"), at("10:59"), "a");
            log.declare("INC-4", Declare.of("t", Severity.SEV2, "api"), at("11:00"), "a");

            MetricsReport r = report(MetricQuery.all().since(at("10:00")).until(at("11:00")));

            assertThat(r.incidents()).isEqualTo(2);
            assertThat(r.stats(Metric.MTTD).max()).isEqualTo(minutes(60));
            assertThat(report(MetricQuery.all().since(at("10:00"))).incidents()).isEqualTo(3);
            assertThat(report(MetricQuery.all().until(at("10:00"))).incidents()).isEqualTo(1);
        }

        @Test
        @DisplayName("severity is the peak one by default: escalated then downgraded counts at its peak")
        void peakSeverity() {
            escalatedAndDowngraded();

            assertThat(report(MetricQuery.all().severity(Severity.SEV1)).incidents()).isEqualTo(2);
            assertThat(report(MetricQuery.all().severity(Severity.SEV3)).incidents()).isZero();
            assertThat(report(MetricQuery.all().severity(Severity.SEV4)).incidents()).isEqualTo(1);
            MetricsReport all = report(MetricQuery.all());
            assertThat(all.weekly().get(new IsoWeek(2025, 34)).bySeverity())
                    .containsEntry(Severity.SEV1, 2L).containsEntry(Severity.SEV2, 0L).containsEntry(Severity.SEV3, 0L);
        }

        @Test
        @DisplayName("severity can be the current one, after escalations and downgrades")
        void currentSeverity() {
            escalatedAndDowngraded();
            MetricQuery current = MetricQuery.all().severityBasis(SeverityBasis.CURRENT);

            assertThat(report(current.severity(Severity.SEV1)).incidents()).isEqualTo(1);
            assertThat(report(current.severity(Severity.SEV1, Severity.SEV2)).incidents()).isEqualTo(2);
            assertThat(report(current.severity(Severity.SEV3)).incidents()).isZero();
            MetricsReport sev1 = report(current.severity(Severity.SEV1));
            assertThat(sev1.weekly().get(new IsoWeek(2025, 34)).of(Severity.SEV1)).isEqualTo(1);
            assertThat(report(current).weekly().get(new IsoWeek(2025, 34)).bySeverity())
                    .containsEntry(Severity.SEV1, 1L).containsEntry(Severity.SEV2, 1L);
        }

        /** INC-1 escalated SEV-3 to SEV-1, INC-2 downgraded SEV-1 to SEV-2, INC-3 a SEV-4 throughout. */
        private void escalatedAndDowngraded() {
            log.declare("INC-1", Declare.of("t", Severity.SEV3, "api"), at("10:00"), "a");
            log.run("INC-1", severity(Severity.SEV1), at("10:10"), "a");
            log.declare("INC-2", Declare.of("t", Severity.SEV1, "api"), at("11:00"), "a");
            log.run("INC-2", severity(Severity.SEV2), at("11:10"), "a");
            log.declare("INC-3", Declare.of("t", Severity.SEV4, "api"), at("12:00"), "a");
        }

        @Test
        @DisplayName("service matches the primary or a correlated service, and per-service outputs keep to the filter")
        void services() {
            log.declare("INC-1", Declare.of("t", Severity.SEV2, "checkout"), at("10:00"), "a");
            log.run("INC-1", correlate("payments"), at("10:05"), "a");
            log.declare("INC-2", Declare.of("t", Severity.SEV2, "payments"), at("11:00"), "a");
            log.declare("INC-3", Declare.of("t", Severity.SEV2, "search"), at("12:00"), "a");

            MetricsReport payments = report(MetricQuery.all().service("payments"));
            assertThat(payments.incidents()).isEqualTo(2);
            assertThat(payments.mtbf()).containsOnlyKeys("payments");
            assertThat(payments.weekly().get(new IsoWeek(2025, 34)).byService()).isEqualTo(Map.of("payments", 2L));

            MetricsReport all = report();
            assertThat(all.mtbf()).containsOnlyKeys("checkout", "payments", "search");
            Frequency week = all.weekly().get(new IsoWeek(2025, 34));
            assertThat(week.total()).isEqualTo(3);
            assertThat(week.byService()).isEqualTo(Map.of("checkout", 1L, "payments", 2L, "search", 1L));

            assertThat(report(MetricQuery.all().service("search", "checkout")).incidents()).isEqualTo(2);
        }

        @Test
        @DisplayName("a responder is who acknowledged first or holds a role now")
        void responder() {
            log.declare("INC-1", Declare.of("t", Severity.SEV2, "api"), at("10:00"), "alice");
            log.run("INC-1", ack(), at("10:01"), "bob");
            log.declare("INC-2", Declare.of("t", Severity.SEV2, "api"), at("11:00"), "alice");
            log.run("INC-2", ack(Role.COMMANDER), at("11:01"), "carol");
            log.run("INC-2", assign(Role.TECH_LEAD, "bob"), at("11:02"), "carol");
            log.declare("INC-3", Declare.of("t", Severity.SEV2, "api"), at("12:00"), "bob");
            log.run("INC-3", ack(), at("12:01"), "carol");

            assertThat(report(MetricQuery.all().responder(Actor.of("bob"))).incidents()).isEqualTo(2);
            assertThat(report(MetricQuery.all().responder(Actor.of("carol"))).incidents()).isEqualTo(2);
            // Declaring is not responding.
            assertThat(report(MetricQuery.all().responder(Actor.of("alice"))).incidents()).isZero();
        }

        @Test
        @DisplayName("a query checks its window and service names")
        void queryValidation() {
            assertThatThrownBy(() -> MetricQuery.all().since(at("10:00")).until(at("10:00")))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("since");
            assertThatThrownBy(() -> MetricQuery.all().service("Not A Service"))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("service");
            assertThat(MetricQuery.all().service("b", "a").services()).containsExactly("a", "b");
        }
    }

    @Nested
    @DisplayName("MTBF per service")
    class Mtbf {

        @Test
        @DisplayName("from one incident's resolution to the next one's impact start; overlaps are zero, unresolved are missing")
        void perService() {
            declareResolved("INC-1", "checkout", "00:00", "01:00");
            declareResolved("INC-2", "checkout", "03:00", "04:00");
            log.run("INC-2", correlate("payments"), at("04:00"), "a");
            declareResolved("INC-3", "checkout", "03:30", "05:00");
            log.declare("INC-4", Declare.of("t", Severity.SEV2, "checkout"), at("10:00"), "a");
            declareResolved("INC-5", "checkout", "12:00", "12:30");

            MetricsReport r = report();

            // Pairs: 1->2 two hours, 2->3 overlapped, 3->4 five hours, 4->5 missing (4 unresolved).
            assertThat(r.mtbf().get("checkout")).isEqualTo(new DurationStats(3, Duration.ofMinutes(140),
                    Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(5), Duration.ofHours(5),
                    Duration.ofHours(5), 1));
            assertThat(r.mtbf().get("payments")).isEqualTo(DurationStats.EMPTY);
        }

        @Test
        @DisplayName("ordered by impact start, whatever the declaration order")
        void orderedByImpactStart() {
            log.declare("INC-1", Declare.of("t", Severity.SEV2, "db").impactStartedAt(at("09:00")), at("09:05"), "a");
            log.run("INC-1", status(Status.RESOLVED), at("09:30"), "a");
            log.declare("INC-2", Declare.of("t", Severity.SEV2, "db").impactStartedAt(at("08:00")), at("09:10"), "a");
            log.run("INC-2", status(Status.RESOLVED), at("09:20"), "a");

            // INC-2 started first but resolved at 09:20, after INC-1 had started: zero.
            assertThat(report().mtbf().get("db").max()).isEqualTo(Duration.ZERO);
            assertThat(report().mtbf().get("db").count()).isEqualTo(1);
        }

        private void declareResolved(String id, String service, String start, String resolved) {
            log.declare(id, Declare.of("t", Severity.SEV2, service), at(start), "a");
            log.run(id, status(Status.RESOLVED), at(resolved), "a");
        }
    }

    @Nested
    @DisplayName("frequency")
    class FrequencyBuckets {

        @Test
        @DisplayName("per ISO week and month across a year boundary, by severity and service")
        void acrossYearBoundary() {
            declareAt("INC-1", "2024-12-29T12:00:00Z", Severity.SEV1, "api");
            declareAt("INC-2", "2024-12-30T12:00:00Z", Severity.SEV2, "api");
            declareAt("INC-3", "2025-01-01T00:00:00Z", Severity.SEV2, "web");
            declareAt("INC-4", "2025-01-06T08:00:00Z", Severity.SEV4, "web");

            MetricsReport r = report();

            assertThat(r.weekly()).containsOnlyKeys(new IsoWeek(2024, 52), new IsoWeek(2025, 1), new IsoWeek(2025, 2));
            Frequency w1 = r.weekly().get(new IsoWeek(2025, 1));
            assertThat(w1.total()).isEqualTo(2);
            assertThat(w1.bySeverity()).isEqualTo(Map.of(Severity.SEV1, 0L, Severity.SEV2, 2L, Severity.SEV3, 0L,
                    Severity.SEV4, 0L));
            assertThat(w1.byService()).isEqualTo(Map.of("api", 1L, "web", 1L));
            assertThat(r.weekly().get(new IsoWeek(2024, 52)).of(Severity.SEV1)).isEqualTo(1);
            assertThat(r.weekly().get(new IsoWeek(2025, 2)).of("web")).isEqualTo(1);

            assertThat(r.monthly()).containsOnlyKeys(YearMonth.of(2024, 12), YearMonth.of(2025, 1));
            assertThat(r.monthly().get(YearMonth.of(2024, 12)).total()).isEqualTo(2);
            assertThat(r.monthly().get(YearMonth.of(2025, 1)).byService()).isEqualTo(Map.of("web", 2L));
        }

        @Test
        @DisplayName("buckets follow the query's time zone")
        void zone() {
            declareAt("INC-1", "2024-12-29T23:30:00Z", Severity.SEV1, "api");

            assertThat(report().weekly()).containsOnlyKeys(new IsoWeek(2024, 52));
            MetricsReport plusOne = report(MetricQuery.all().zone(ZoneOffset.ofHours(1)));
            assertThat(plusOne.weekly()).containsOnlyKeys(new IsoWeek(2025, 1));
            assertThat(plusOne.monthly()).containsOnlyKeys(YearMonth.of(2024, 12));
            MetricsReport berlin = report(MetricQuery.all().zone(java.time.ZoneId.of("Europe/Berlin")));
            assertThat(berlin.weekly()).isEqualTo(plusOne.weekly());
        }

        private void declareAt(String id, String instant, Severity severity, String service) {
            log.declare(id, Declare.of("t", severity, service), Instant.parse(instant), "a");
        }
    }

    @Nested
    @DisplayName("SLA compliance")
    class Sla {

        @Test
        @DisplayName("met without a breach once the milestone is reached, missed on a breach, pending while running")
        void perKindAndSeverity() {
            // SEV1, acknowledged and resolved, no breach: met for all three.
            log.declare("INC-1", Declare.of("t", Severity.SEV1, "api"), at("10:00"), "a");
            log.run("INC-1", ack(), at("10:05"), "a");
            log.run("INC-1", status(Status.RESOLVED), at("10:40"), "a");
            // SEV1, acknowledge breached, then acknowledged and resolved late.
            log.declare("INC-2", Declare.of("t", Severity.SEV1, "api"), at("11:00"), "a");
            log.record("INC-2", breach(SlaKind.ACK, at("11:15")), at("11:15"), "sla-monitor");
            log.run("INC-2", ack(), at("11:20"), "a");
            log.record("INC-2", breach(SlaKind.UPDATE, at("11:35")), at("11:35"), "sla-monitor");
            log.record("INC-2", breach(SlaKind.RESOLVE, at("12:00")), at("12:00"), "sla-monitor");
            log.run("INC-2", status(Status.RESOLVED), at("12:10"), "a");
            // SEV2, resolved straight from OPEN: the acknowledgement was skipped, a miss.
            log.declare("INC-3", Declare.of("t", Severity.SEV2, "api"), at("13:00"), "a");
            log.run("INC-3", status(Status.RESOLVED), at("13:30"), "a");
            // SEV2, still open: every clock is running.
            log.declare("INC-4", Declare.of("t", Severity.SEV2, "api"), at("14:00"), "a");
            // SEV2, acknowledged, not resolved.
            log.declare("INC-5", Declare.of("t", Severity.SEV2, "api"), at("15:00"), "a");
            log.run("INC-5", ack(), at("15:01"), "a");

            MetricsReport r = report();

            assertThat(r.sla(SlaKind.ACK, Severity.SEV1)).isEqualTo(new SlaCompliance(1, 1));
            assertThat(r.sla(SlaKind.RESOLVE, Severity.SEV1)).isEqualTo(new SlaCompliance(1, 1));
            assertThat(r.sla(SlaKind.UPDATE, Severity.SEV1)).isEqualTo(new SlaCompliance(1, 1));
            assertThat(r.sla(SlaKind.ACK, Severity.SEV2)).isEqualTo(new SlaCompliance(1, 1));
            assertThat(r.sla(SlaKind.RESOLVE, Severity.SEV2)).isEqualTo(new SlaCompliance(1, 0));
            assertThat(r.sla(SlaKind.UPDATE, Severity.SEV2)).isEqualTo(new SlaCompliance(1, 0));
            assertThat(r.sla(SlaKind.ACK, Severity.SEV3)).isEqualTo(new SlaCompliance(0, 0));
            assertThat(r.sla(SlaKind.ACK)).isEqualTo(new SlaCompliance(2, 2));
            assertThat(r.sla(SlaKind.ACK).metRatio()).hasValue(0.5);
            assertThat(r.sla(SlaKind.RESOLVE, Severity.SEV4).metRatio()).isEmpty();
        }

        @Test
        @DisplayName("a reopened incident's resolve clock is pending again; a breach stays a miss")
        void reopenedResolveClock() {
            log.declare("INC-1", Declare.of("t", Severity.SEV2, "api"), at("10:00"), "a");
            log.run("INC-1", ack(), at("10:05"), "a");
            log.run("INC-1", status(Status.RESOLVED), at("10:40"), "a");
            log.run("INC-1", reopen(), at("11:00"), "a");
            assertThat(report().sla(SlaKind.RESOLVE)).isEqualTo(new SlaCompliance(0, 0));

            log.record("INC-1", breach(SlaKind.RESOLVE, at("14:00")), at("14:00"), "sla-monitor");
            log.run("INC-1", status(Status.RESOLVED), at("14:30"), "a");
            assertThat(report().sla(SlaKind.RESOLVE)).isEqualTo(new SlaCompliance(0, 1));
        }
    }

    @Nested
    @DisplayName("responders, reopen rate and action items")
    class Others {

        @Test
        @DisplayName("acknowledge times per first acknowledger")
        void ackTimesPerResponder() {
            int[] bobMinutes = {2, 4, 9};
            for (int i = 0; i < bobMinutes.length; i++) {
                String id = "INC-B" + i;
                log.declare(id, Declare.of("t", Severity.SEV2, "api"), at("1" + i + ":00"), "alertmanager");
                log.run(id, ack(), at("1" + i + ":0" + bobMinutes[i]), "bob");
            }
            log.declare("INC-C", Declare.of("t", Severity.SEV2, "api").detectedAt(at("15:50")), at("16:00"), "alice");
            log.run("INC-C", ack(), at("16:20"), "carol");
            log.run("INC-C", ack(), at("16:20"), "carol");

            MetricsReport r = report();

            assertThat(r.acknowledgeTimes().keySet()).containsExactly(Actor.of("bob"), Actor.of("carol"));
            assertThat(r.acknowledgeTimes().get(Actor.of("bob"))).isEqualTo(new DurationStats(3, minutes(5),
                    minutes(4), minutes(9), minutes(9), minutes(9), minutes(9), 0));
            assertThat(r.acknowledgeTimes().get(Actor.of("carol")).mean()).isEqualTo(minutes(30));
        }

        @Test
        @DisplayName("reopen rate: incidents reopened at least once over incidents")
        void reopenRate() {
            for (int i = 1; i <= 4; i++) {
                log.declare("INC-" + i, Declare.of("t", Severity.SEV3, "api"), at("1" + i + ":00"), "a");
                log.run("INC-" + i, status(Status.RESOLVED), at("1" + i + ":30"), "a");
            }
            log.run("INC-2", reopen(), at("13:00"), "a");
            log.run("INC-2", status(Status.RESOLVED), at("13:10"), "a");
            log.run("INC-2", reopen(), at("13:20"), "a");

            MetricsReport r = report();
            assertThat(r.reopened()).isEqualTo(1);
            assertThat(r.reopenRate()).hasValue(0.25);
            assertThat(Metrics.compute(List.of(), MetricQuery.all()).reopenRate()).isEmpty();
        }

        @Test
        @DisplayName("action items closed within 90 days, as of the query's instant")
        void actionItemClosure() {
            Instant added = DAY;
            log.declare("INC-1", Declare.of("t", Severity.SEV2, "api"), added, "a");
            for (int i = 0; i < 5; i++) {
                log.run("INC-1", addItem("item " + i), added, "a");
            }
            log.run("INC-1", completeItem(1), added.plus(Duration.ofDays(30)), "a");
            log.run("INC-1", completeItem(2), added.plus(Duration.ofDays(90)), "a");
            log.run("INC-1", completeItem(3), added.plus(Duration.ofDays(90)).plusSeconds(1), "a");
            // Items 4 and 5 stay open.

            assertThat(report().actionItems()).isEqualTo(new ActionItemClosure(2, 1, 0, 2));
            MetricsReport early = report(MetricQuery.all().asOf(added.plus(Duration.ofDays(90))));
            assertThat(early.actionItems()).isEqualTo(new ActionItemClosure(2, 1, 0, 2));
            MetricsReport late = report(MetricQuery.all().asOf(added.plus(Duration.ofDays(91))));
            assertThat(late.actionItems()).isEqualTo(new ActionItemClosure(2, 1, 2, 0));
            assertThat(late.actionItems().closedInTimeRatio()).hasValue(0.4);
            assertThat(ActionItemClosure.NONE.closedInTimeRatio()).isEmpty();
        }
    }

    @Test
    @DisplayName("the result does not depend on the order of the incidents")
    void orderIndependent() {
        walkthrough("INC-1");
        log.declare("INC-2", Declare.of("t", Severity.SEV1, "checkout"), at("16:00"), "a");
        log.run("INC-2", ack(), at("16:09"), "b");
        log.run("INC-2", status(Status.RESOLVED), at("17:00"), "b");
        log.declare("INC-3", Declare.of("t", Severity.SEV1, "checkout"), at("18:00"), "a");

        List<dev.incidentkit.core.Incident> reversed = new java.util.ArrayList<>(log.incidents());
        java.util.Collections.reverse(reversed);

        assertThat(Metrics.compute(reversed, MetricQuery.all())).isEqualTo(report());
    }

    /**
     * 0.1.0 compiled {@code compute(Collection, MetricQuery)} into its callers: the method must
     * stay, beside the Iterable one that reads the read model a page at a time, and agree with it.
     */
    @Test
    @DisplayName("the 0.1.0 signature stays and agrees with the Iterable one")
    void theCollectionSignatureOfOneDotZeroStays() throws Exception {
        walkthrough("INC-1");
        log.declare("INC-2", Declare.of("t", Severity.SEV1, "checkout"), at("16:00"), "a");
        List<dev.incidentkit.core.Incident> incidents = log.incidents();
        Iterable<dev.incidentkit.core.Incident> onePass = incidents::iterator;

        assertThat(Metrics.class.getMethod("compute", java.util.Collection.class, MetricQuery.class).getReturnType())
                .isEqualTo(MetricsReport.class);
        assertThat(Metrics.compute(onePass, MetricQuery.all()))
                .isEqualTo(Metrics.compute(incidents, MetricQuery.all()));
    }
}
