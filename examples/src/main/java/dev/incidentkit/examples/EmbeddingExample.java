package dev.incidentkit.examples;

import static dev.incidentkit.core.CommandContext.as;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Subscription;
import dev.incidentkit.core.metrics.Metric;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.core.metrics.MetricsReport;
import dev.incidentkit.core.notify.Route;
import dev.incidentkit.core.sla.SlaMonitor;
import dev.incidentkit.core.sla.SlaTick;
import dev.incidentkit.core.timeline.Timeline;
import dev.incidentkit.core.timeline.TimelineEntry;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import dev.incidentkit.store.memory.InMemoryEventStore;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * IncidentKit embedded in a host application: a live timeline from a subscription, the SLA
 * monitor ticking, a notifier of the host's own, and metrics at the end. Time is simulated so
 * that the example runs in a moment: the host moves its clock, and everything reads that clock.
 */
public final class EmbeddingExample {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private EmbeddingExample() {}

    /**
     * Runs the example and prints what happens.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for the notifier
     */
    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /**
     * @param out where to print
     * @return the metrics printed at the end
     * @throws InterruptedException if interrupted while waiting for the notifier
     */
    public static MetricsReport run(PrintStream out) throws InterruptedException {
        SimulatedClock clock = new SimulatedClock(Instant.parse("2025-08-23T14:30:00Z"));
        // Two events reach the pager: the declaration and the resolution.
        PagerNotifier pager = new PagerNotifier(out, 2);

        try (IncidentManager incidents = IncidentKit.builder()
                        .store(new InMemoryEventStore())
                        .clock(clock)
                        .application("payments-api")
                        .notifier(pager, Route.all().withTypes("incident.declared", "incident.resolved"))
                        .build();
                Subscription live = incidents.subscribe(event -> {
                    TimelineEntry entry = Timeline.entry(event);
                    out.println("[live] " + HH_MM.format(entry.at()) + " " + entry.headline()
                            + (entry.text().isEmpty() ? "" : ": " + entry.text()));
                });
                SlaMonitor sla = SlaMonitor.create(incidents)) {

            Incident incident = incidents.declare(
                    Declare.of("Complete payment system outage", Severity.SEV1, "payments").warRoom(true), as("alertmanager"));
            String id = incident.id();

            // Nobody acknowledges: 20 minutes later the 15-minute acknowledge target of SEV-1 is gone.
            clock.advance(Duration.ofMinutes(20));
            SlaTick tick = sla.tick();
            out.println("[sla] tick at " + HH_MM.format(tick.at()) + ": " + tick.recorded().size() + " breach(es) recorded");

            incidents.acknowledge(id, "Taking ownership, investigating", as("bob"));
            clock.advance(Duration.ofMinutes(10));
            incidents.addNote(id, "Found network connectivity issue", as("carol"));
            clock.advance(Duration.ofMinutes(5));
            incidents.mitigate(id, "Failed over to the second region", as("bob"));
            clock.advance(Duration.ofMinutes(10));
            incidents.resolve(id, "Network restored, payments functional", as("alice"));

            if (!pager.delivered.await(30, TimeUnit.SECONDS)) {
                out.println("[pager] not every page arrived within 30 s");
            }
            MetricsReport report = incidents.metrics(MetricQuery.all());
            out.println();
            for (Metric metric : new Metric[] {Metric.MTTA, Metric.MTTM, Metric.MTTR}) {
                out.println(metric + ": " + report.stats(metric).mean().toMinutes() + " minutes over "
                        + report.stats(metric).count() + " incident(s)");
            }
            return report;
        }
    }

    /** The host's own notifier: a pager that prints. Any class implementing the SPI will do. */
    static final class PagerNotifier implements Notifier {
        private final PrintStream out;
        final CountDownLatch delivered;

        PagerNotifier(PrintStream out, int expected) {
            this.out = out;
            this.delivered = new CountDownLatch(expected);
        }

        @Override
        public String name() {
            return "pager";
        }

        @Override
        public DeliveryResult deliver(Notification n) {
            out.println("[pager] " + n.severity() + " " + n.incidentId() + " " + n.status() + ": " + n.title());
            delivered.countDown();
            return DeliveryResult.delivered();
        }
    }

    /** A clock the host moves by hand: the example simulates an hour in a moment. */
    static final class SimulatedClock extends Clock {
        private final AtomicReference<Instant> now;

        SimulatedClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration duration) {
            now.updateAndGet(t -> t.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the simulated clock is UTC only");
        }
    }
}
