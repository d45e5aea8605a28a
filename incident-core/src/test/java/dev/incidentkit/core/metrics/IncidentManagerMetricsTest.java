package dev.incidentkit.core.metrics;

import static dev.incidentkit.core.metrics.EventLog.addItem;
import static dev.incidentkit.core.metrics.MetricsTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@link IncidentManager#metrics}: the report over {@code list()}, "now" from the manager's clock. */
class IncidentManagerMetricsTest {

    private final EventLog log = new EventLog();

    /** A manager that answers {@code list()} and {@code clock()} and runs its default methods. */
    private IncidentManager manager(Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "list":
                    return log.incidents();
                case "clock":
                    return clock;
                default:
                    if (method.isDefault()) {
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    throw new UnsupportedOperationException(method.getName());
            }
        };
        return (IncidentManager) Proxy.newProxyInstance(IncidentManager.class.getClassLoader(),
                new Class<?>[] {IncidentManager.class}, handler);
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
