package dev.incidentkit.core.metrics;

import static dev.incidentkit.core.metrics.EventLog.ack;
import static dev.incidentkit.core.metrics.EventLog.cancel;
import static dev.incidentkit.core.metrics.EventLog.correlate;
import static dev.incidentkit.core.metrics.EventLog.severity;
import static dev.incidentkit.core.metrics.EventLog.status;
import static dev.incidentkit.core.metrics.MetricsTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.RecordedEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MetricsProjection")
class MetricsProjectionTest {

    private final EventLog log = new EventLog();
    private int fed;

    /** Gives the projection the log's events it has not had yet. */
    private void feed(MetricsProjection p) {
        List<RecordedEvent> all = log.events();
        all.subList(fed, all.size()).forEach(p);
        fed = all.size();
    }

    @Test
    @DisplayName("follows an incident as it moves in and out of its query")
    void followsChanges() {
        MetricsProjection sev1 = new MetricsProjection(MetricQuery.all().severity(Severity.SEV1));
        log.declare("INC-1", Declare.of("t", Severity.SEV2, "api"), at("10:00"), "a");
        feed(sev1);
        assertThat(sev1.report().incidents()).isZero();

        log.run("INC-1", severity(Severity.SEV1), at("10:05"), "a");
        log.run("INC-1", ack(), at("10:07"), "bob");
        feed(sev1);
        assertThat(sev1.report().incidents()).isEqualTo(1);
        assertThat(sev1.report().stats(Metric.MTTA).mean()).isEqualTo(Duration.ofMinutes(7));

        log.run("INC-1", cancel(), at("10:10"), "a");
        feed(sev1);
        assertThat(sev1.report().incidents()).isZero();
        assertThat(sev1.report().canceled()).isEqualTo(1);
        assertThat(sev1.report().stats(Metric.MTTA)).isEqualTo(DurationStats.EMPTY);
        assertThat(sev1.report().acknowledgeTimes()).isEmpty();
        assertThat(sev1.report()).isEqualTo(Metrics.compute(log.incidents(), sev1.query()));
    }

    @Test
    @DisplayName("ignores an event it has already applied")
    void redelivery() {
        MetricsProjection p = new MetricsProjection();
        log.declare("INC-1", Declare.of("t", Severity.SEV2, "api"), at("10:00"), "a");
        log.run("INC-1", ack(), at("10:02"), "a");
        log.run("INC-1", status(Status.RESOLVED), at("10:30"), "a");
        log.events().forEach(p);
        MetricsReport once = p.report();

        log.events().forEach(p);
        p.accept(log.events().get(0));

        assertThat(p.report()).isEqualTo(once);
        assertThat(p.incident("INC-1")).contains(log.incident("INC-1"));
    }

    @Test
    @DisplayName("needs each incident from its declaration, without gaps")
    void rejectsWhatDoesNotFollow() {
        MetricsProjection p = new MetricsProjection();
        log.declare("INC-1", Declare.of("t", Severity.SEV2, "api"), at("10:00"), "a");
        log.run("INC-1", ack(), at("10:02"), "a");
        log.run("INC-1", correlate("web"), at("10:03"), "a");
        List<RecordedEvent> events = log.events();

        assertThatThrownBy(() -> p.accept(events.get(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("INC-1").hasMessageContaining("declaration");
        p.accept(events.get(0));
        assertThatThrownBy(() -> p.accept(events.get(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
        assertThat(p.incidents()).containsExactly(dev.incidentkit.core.Incident.replay(events.subList(0, 1)));
    }

    @Test
    @DisplayName("answers other queries from its snapshots")
    void otherQueries() {
        MetricsProjection p = new MetricsProjection();
        log.declare("INC-1", Declare.of("t", Severity.SEV2, "api"), at("10:00"), "a");
        log.declare("INC-2", Declare.of("t", Severity.SEV1, "web"), at("11:00"), "a");
        log.events().forEach(p);

        MetricQuery web = MetricQuery.all().service("web");
        assertThat(p.report(web)).isEqualTo(Metrics.compute(log.incidents(), web));
        assertThat(p.report(web).incidents()).isEqualTo(1);
        assertThat(p.report(MetricQuery.all())).isEqualTo(p.report());
    }

    @Test
    @DisplayName("takes events on one thread while others read reports")
    void concurrentReadsAndWrites() throws Exception {
        for (int i = 0; i < 200; i++) {
            String id = "INC-" + i;
            log.declare(id, Declare.of("t", Severity.values()[i % 4], "api"), at("10:00").plusSeconds(60L * i), "a");
            log.run(id, ack(), at("10:00").plusSeconds(60L * i + 30), "bob");
            log.run(id, status(Status.RESOLVED), at("10:00").plusSeconds(60L * i + 50), "bob");
        }
        MetricsProjection p = new MetricsProjection();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<?> writer = pool.submit(() -> {
                start.await();
                log.events().forEach(p);
                return null;
            });
            List<Future<Boolean>> readers = new java.util.ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(pool.submit(() -> {
                    start.await();
                    boolean consistent = true;
                    for (int k = 0; k < 200; k++) {
                        MetricsReport report = p.report();
                        // A report is of one moment: every covered incident has its MTTD.
                        consistent &= report.stats(Metric.MTTD).count() == report.incidents();
                    }
                    return consistent;
                }));
            }
            start.countDown();
            writer.get(30, TimeUnit.SECONDS);
            for (Future<Boolean> reader : readers) {
                assertThat(reader.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(p.report()).isEqualTo(Metrics.compute(log.incidents(), MetricQuery.all()));
        assertThat(p.report().stats(Metric.MTTA).count()).isEqualTo(200);
    }
}
