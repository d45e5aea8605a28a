package dev.incidentkit.web.internal.pages;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.metrics.DurationStats;
import dev.incidentkit.core.metrics.Frequency;
import dev.incidentkit.core.metrics.IsoWeek;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.store.memory.InMemoryEventStore;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.web.internal.pages.Chart.WeekLabels;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The weekly figures from a real manager on the in-memory store, driven by a manual clock. */
class WeeklyMetricsTest {

    static final Instant NOW = Instant.parse("2025-08-27T12:00:00Z"); // a Wednesday of 2025-W35

    final ManualClock clock = ManualClock.at(Instant.parse("2025-08-11T09:00:00Z"));
    IncidentManager incidents;

    @BeforeEach
    void incidents() {
        incidents = IncidentKit.builder().store(new InMemoryEventStore()).clock(clock).build();
        // 2025-W33: acknowledged after 4 and 6 minutes, resolved after 40 and 60.
        handle("Checkout 502s", Severity.SEV2, "checkout", "2025-08-11T09:00:00Z", 4, 40);
        handle("Payments down", Severity.SEV1, "payments", "2025-08-13T10:00:00Z", 6, 60);
        // 2025-W34's last second in UTC, but Monday of W35 in Berlin; never acknowledged.
        declare("Search slow", Severity.SEV2, "search", "2025-08-24T23:59:59Z");
        // 2025-W35: acknowledged after 10 minutes, still open; and a canceled one, not counted.
        handle("Checkout again", Severity.SEV3, "checkout", "2025-08-25T08:00:00Z", 10, -1);
        String canceled = declare("False alarm", Severity.SEV4, "search", "2025-08-26T08:00:00Z");
        incidents.cancel(canceled, "not an incident", as("carl"));
        clock.set(NOW);
    }

    @AfterEach
    void close() {
        incidents.close();
    }

    @Test
    void meansAndVolumesPerUtcWeek() {
        WeeklyMetrics m = WeeklyMetrics.of(incidents, MetricQuery.all(), NOW, 4);

        assertThat(m.isoWeeks()).containsExactly(new IsoWeek(2025, 32), new IsoWeek(2025, 33), new IsoWeek(2025, 34),
                new IsoWeek(2025, 35));
        List<WeeklyMetrics.Week> w = m.weeks();
        assertThat(w.get(0).mtta().isEmpty()).isTrue();
        assertThat(w.get(0).volume().total()).isZero();
        assertThat(w.get(1).mtta().mean()).isEqualTo(Duration.ofMinutes(5));
        assertThat(w.get(1).mttr().mean()).isEqualTo(Duration.ofMinutes(50));
        assertThat(w.get(1).volume().of(Severity.SEV1)).isEqualTo(1);
        assertThat(w.get(1).volume().of(Severity.SEV2)).isEqualTo(1);
        assertThat(w.get(2).volume().total()).isEqualTo(1);
        assertThat(w.get(2).mtta().isEmpty()).isTrue();
        assertThat(w.get(3).mtta().mean()).isEqualTo(Duration.ofMinutes(10));
        assertThat(w.get(3).mttr().isEmpty()).isTrue();
        assertThat(w.get(3).volume().total()).isEqualTo(1);
    }

    @Test
    void theChartsShowTheSameFigures() {
        MetricsCharts charts = MetricsCharts.of(incidents, NOW, 4);

        List<LineChart.Series> lines = charts.mttaMttr().series();
        assertThat(lines).extracting(s -> s.key().label()).containsExactly("MTTA", "MTTR");
        assertThat(lines.get(0).points()).hasSize(2); // W33 and W35; W32 and W34 are gaps
        assertThat(lines.get(0).runs()).isEmpty();
        assertThat(lines.get(1).points()).hasSize(1);
        assertThat(charts.mttaMttr().table().rows()).extracting(Chart.Row::cells).containsExactly(
                List.of("no value", "no value"), List.of("5.0", "50"), List.of("no value", "no value"),
                List.of("10", "no value"));
        assertThat(charts.mttaMttr().description())
                .isEqualTo("MTTA and MTTR per week from W32 to W35; latest MTTA 10 min (W35), MTTR 50 min (W33).");

        assertThat(charts.bySeverity().table().rows()).extracting(Chart.Row::cells).containsExactly(
                List.of("0", "0", "0", "0", "0"), List.of("1", "1", "0", "0", "2"), List.of("0", "1", "0", "0", "1"),
                List.of("0", "0", "1", "0", "1"));
        assertThat(charts.bySeverity().description())
                .isEqualTo("Volume by severity per week from W32 to W35: 4 in all, 1 in W35.");

        assertThat(charts.byService().legend()).extracting(Chart.Key::label)
                .containsExactly("checkout", "payments", "search");
        assertThat(charts.byService().table().columns())
                .containsExactly("Week", "checkout", "payments", "search", "Total");
    }

    @Test
    void aLongOutageTurnsTheChartToHours() {
        // 2025-W35: acknowledged after 30 minutes, resolved after 45 hours, before NOW.
        handle("Region lost", Severity.SEV1, "payments", "2025-08-25T09:00:00Z", 30, 45 * 60);
        clock.set(NOW);

        LineChart chart = MetricsCharts.of(incidents, NOW, 4).mttaMttr();
        assertThat(chart.unit()).isEqualTo(LineChart.Unit.HOURS);
        assertThat(chart.table().columns()).containsExactly("Week", "MTTA (h)", "MTTR (h)");
        // W33: 5 and 50 minutes; W35: MTTA (10 + 30) / 2 = 20 minutes, MTTR 45 hours.
        assertThat(chart.table().rows()).extracting(Chart.Row::cells).containsExactly(
                List.of("no value", "no value"), List.of("0.1", "0.8"), List.of("no value", "no value"),
                List.of("0.3", "45"));
        assertThat(chart.description())
                .isEqualTo("MTTA and MTTR per week from W32 to W35; latest MTTA 0.3 h (W35), MTTR 45 h (W35).");
        assertThat(chart.axis().ticks()).extracting(Chart.Tick::label)
                .containsExactly("0", "10", "20", "30", "40", "50");
    }

    @Test
    void weeksInTheQuerysZone() {
        WeeklyMetrics berlin = WeeklyMetrics.of(incidents, MetricQuery.all().zone(ZoneId.of("Europe/Berlin")), NOW, 4);
        assertThat(berlin.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(berlin.weeks().get(2).volume().total()).isZero();
        assertThat(berlin.weeks().get(3).volume().total()).isEqualTo(2);
        assertThat(berlin.weeks().get(3).volume().of("search")).isEqualTo(1);
    }

    @Test
    void theLatestWeekIsTheOneHoldingNow() {
        Instant sunday = Instant.parse("2025-08-31T23:59:59Z");
        assertThat(WeeklyMetrics.of(incidents, MetricQuery.all(), sunday, 1).isoWeeks())
                .containsExactly(new IsoWeek(2025, 35));
        assertThat(WeeklyMetrics.of(incidents, MetricQuery.all(), sunday.plusSeconds(1), 1).isoWeeks())
                .containsExactly(new IsoWeek(2025, 36));
        assertThat(WeeklyMetrics.of(incidents, MetricQuery.all(), NOW, MetricsView.WEEKS).weeks())
                .hasSize(12).last().satisfies(w -> assertThat(w.week()).isEqualTo(new IsoWeek(2025, 35)));
    }

    @Test
    void keepsTheBaseQuerysFilters() {
        WeeklyMetrics sev1 = WeeklyMetrics.of(incidents, MetricQuery.all().severity(Severity.SEV1), NOW, 4);
        assertThat(sev1.weeks()).extracting(x -> x.volume().total()).containsExactly(0L, 1L, 0L, 0L);
        assertThat(sev1.weeks().get(1).mttr().mean()).isEqualTo(Duration.ofMinutes(60));
    }

    @Test
    void refusesAWeekCountOutOfRange() {
        assertThatThrownBy(() -> MetricsCharts.of(incidents, NOW, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> MetricsCharts.of(incidents, NOW, 105)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("105");
    }

    @Test
    void fiveBusiestServicesAndTheRestTogether() {
        assertThat(MetricsCharts.services(oneWeek(6))).extracting(BarChart.Group::name)
                .containsExactly("s6", "s5", "s4", "s3", "s2", "s1");
        List<BarChart.Group> seven = MetricsCharts.services(oneWeek(7));
        assertThat(seven).extracting(BarChart.Group::name)
                .containsExactly("s7", "s6", "s5", "s4", "s3", MetricsCharts.OTHER_SERVICES);
        assertThat(seven.get(5).counts()).containsExactly(2L + 1L);
        assertThat(seven).extracting(BarChart.Group::colour).containsExactlyElementsOf(MetricsCharts.SERVICES);
    }

    /** One week in which service {@code sN} had N incidents. */
    static WeeklyMetrics oneWeek(int services) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        IntStream.rangeClosed(1, services).forEach(i -> counts.put("s" + i, (long) i));
        return new WeeklyMetrics(ZoneOffset.UTC, List.of(new WeeklyMetrics.Week(new IsoWeek(2025, 35),
                DurationStats.EMPTY, DurationStats.EMPTY, new Frequency(services, Map.of(), counts))));
    }

    private String declare(String title, Severity severity, String service, String at) {
        clock.set(Instant.parse(at));
        return incidents.declare(Declare.of(title, severity, service), as("carl")).id();
    }

    /** Declares, acknowledges after {@code ack} minutes and resolves {@code resolve} minutes after declaring (unless negative). */
    private void handle(String title, Severity severity, String service, String at, int ack, int resolve) {
        String id = declare(title, severity, service, at);
        Instant start = clock.instant();
        clock.set(start.plus(Duration.ofMinutes(ack)));
        incidents.acknowledge(id, "on it", as("rita"));
        if (resolve >= 0) {
            clock.set(start.plus(Duration.ofMinutes(resolve)));
            incidents.resolve(id, "fixed", as("rita"));
        }
    }
}
