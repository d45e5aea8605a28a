package dev.incidentkit.core.metrics;

import static dev.incidentkit.core.CommandContext.as;
import static dev.incidentkit.core.metrics.EventLog.addItem;
import static dev.incidentkit.core.metrics.MetricsTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link IncidentManager#metrics}: the report over the read model's incidents, "now" from the manager's clock. */
class IncidentManagerMetricsTest {

    private final ManualClock clock = ManualClock.at(at("10:00"));
    private final IncidentManager incidents = IncidentKit.builder().store(new SimpleEventStore()).clock(clock).build();

    @AfterEach
    void close() {
        incidents.close();
    }

    @Test
    void computesOverTheIncidentsWithTheClockAsNow() {
        String one = incidents.declare(Declare.of("t", Severity.SEV2, "api"), as("a")).id();
        incidents.execute(one, addItem("follow up"), as("a"));
        clock.set(at("11:00"));
        incidents.declare(Declare.of("t", Severity.SEV1, "api"), as("a"));
        clock.set(at("10:00").plus(Duration.ofDays(100)));

        MetricsReport report = incidents.metrics(MetricQuery.all());

        assertThat(report.incidents()).isEqualTo(2);
        assertThat(report.query().asOf()).contains(at("10:00").plus(Duration.ofDays(100)));
        assertThat(report.actionItems().overdue()).isEqualTo(1);
        assertThat(report).isEqualTo(Metrics.compute(incidents.list(),
                MetricQuery.all().asOf(at("10:00").plus(Duration.ofDays(100)))));
    }

    @Test
    void keepsTheQuerysOwnNow() {
        String one = incidents.declare(Declare.of("t", Severity.SEV2, "api"), as("a")).id();
        incidents.execute(one, addItem("follow up"), as("a"));
        clock.set(at("10:00").plus(Duration.ofDays(100)));
        MetricQuery query = MetricQuery.all().severity(Severity.SEV2).asOf(at("12:00"));

        MetricsReport report = incidents.metrics(query);

        assertThat(report.query()).isEqualTo(query);
        assertThat(report.actionItems().pending()).isEqualTo(1);
    }
}
