package dev.incidentkit.core.metrics;

import static dev.incidentkit.core.metrics.EventLog.addItem;
import static dev.incidentkit.core.metrics.MetricsTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link IncidentManager#metrics}: the report over the read model, "now" from the manager's clock. */
class IncidentManagerMetricsTest {

    private final EventLog log = new EventLog();
    private IncidentManager manager;

    /** A manager on a store that holds the log's incidents, each with its summary, and a fixed clock. */
    private IncidentManager manager(Instant now) {
        SimpleEventStore store = new SimpleEventStore();
        for (Incident incident : log.incidents()) {
            List<EventRecord> records = log.history(incident.id()).stream().map(e -> e.stored().record())
                    .collect(Collectors.toList());
            store.append(incident.id(), 0, records,
                    new IncidentSummary(incident, records.get(records.size() - 1).recordedAt()));
        }
        manager = IncidentKit.builder().store(store).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
        return manager;
    }

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }

    @Test
    void computesOverListWithTheClockAsNow() {
        log.declare("INC-1", Declare.of("t", Severity.SEV2, "api"), at("10:00"), "a");
        log.run("INC-1", addItem("follow up"), at("10:00"), "a");
        log.declare("INC-2", Declare.of("t", Severity.SEV1, "api"), at("11:00"), "a");
        IncidentManager incidents = manager(at("10:00").plus(Duration.ofDays(100)));

        MetricsReport report = incidents.metrics(MetricQuery.all());

        assertThat(report.incidents()).isEqualTo(2);
        assertThat(report.query().asOf()).contains(at("10:00").plus(Duration.ofDays(100)));
        assertThat(report.actionItems().overdue()).isEqualTo(1);
        assertThat(report).isEqualTo(Metrics.compute(log.incidents(), MetricQuery.all().asOf(at("10:00").plus(Duration.ofDays(100)))));
    }

    @Test
    void keepsTheQuerysOwnNow() {
        log.declare("INC-1", Declare.of("t", Severity.SEV2, "api"), at("10:00"), "a");
        log.run("INC-1", addItem("follow up"), at("10:00"), "a");
        MetricQuery query = MetricQuery.all().severity(Severity.SEV2).asOf(at("12:00"));

        MetricsReport report = manager(at("10:00").plus(Duration.ofDays(100))).metrics(query);

        assertThat(report.query()).isEqualTo(query);
        assertThat(report.actionItems().pending()).isEqualTo(1);
    }
}
