package dev.incidentkit.store.jdbc;

import static dev.incidentkit.core.CommandContext.as;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.notify.DeliverySettings;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The process that dies in {@link KilledDeliveryPostgresTest}: builds a manager on a shared
 * PostgreSQL store with a notifier that never answers, records commands, and once the notifier
 * holds the first of their events, halts the JVM without closing anything: no lease released, no
 * checkpoint advanced, nothing delivered.
 *
 * <p>Arguments: JDBC URL, process id, notifier name, lease time to live in milliseconds, number
 * of incidents, notes per incident. Standard output ends with {@code HALTING <events>} just before
 * the halt; exit code 3 if the notifier was not called in time.
 */
public final class DeliveryKillChild {

    private DeliveryKillChild() {}

    /**
     * Runs the child.
     *
     * @param args see the class comment
     * @throws Exception if the store cannot be reached; the exit code is then not 0
     */
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String processId = args[1];
        String notifier = args[2];
        Duration ttl = Duration.ofMillis(Long.parseLong(args[3]));
        int incidents = Integer.parseInt(args[4]);
        int notes = Integer.parseInt(args[5]);

        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        TestPool pool = new TestPool(ds);
        CountDownLatch called = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Notifier blocking = new Notifier() {
            @Override
            public String name() {
                return notifier;
            }

            @Override
            public DeliveryResult deliver(Notification notification) {
                called.countDown();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return DeliveryResult.delivered();
            }

            @Override
            public void close() {}
        };
        IncidentManager manager = IncidentKit.builder()
                .store(JdbcEventStore.builder(pool).build())
                .processId(processId)
                .deliverySettings(DeliverySettings.custom().leaseTtl(ttl)
                        // As long as the lease allows: the child halts within milliseconds of the first call.
                        .callTimeout(ttl.multipliedBy(4).dividedBy(5)).maxAttempts(5).pollInterval(Duration.ofMillis(20)).build())
                .notifier(blocking)
                .build();
        int events = 0;
        for (int i = 0; i < incidents; i++) {
            Incident incident = manager.declare(Declare.of("Killed " + i, Severity.SEV2, "checkout"), as("child"));
            events++;
            for (int j = 0; j < notes; j++) {
                manager.addNote(incident.id(), "note " + j, as("child"));
                events++;
            }
        }
        if (!called.await(60, TimeUnit.SECONDS)) {
            System.out.println("the notifier was never called");
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }
        System.out.println("HALTING " + events);
        System.out.flush();
        // No close(), no shutdown hooks: as a kill -9 would leave it.
        Runtime.getRuntime().halt(0);
    }
}
