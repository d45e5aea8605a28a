package dev.incidentkit.store.jdbc;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.notify.DeliverySettings;
import dev.incidentkit.core.spi.Lease;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed in the middle of a delivery, on a shared PostgreSQL store: a child JVM ({@link
 * DeliveryKillChild}) records events with a notifier that never answers and halts while it holds
 * the notifier's lease. A manager built afterwards on the same store, with a notifier of the same
 * name, takes the lease over once it lapses and delivers every one of the child's events exactly
 * once, in the store's order, and none from before the notifier was first registered.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KilledDeliveryPostgresTest {

    private static final String NOTIFIER = "pager";
    private static final long CHILD_LEASE_MILLIS = 3_000;
    private static final int INCIDENTS = 4;
    private static final int NOTES = 4;
    private static final int EVENTS = INCIDENTS * (1 + NOTES);

    private TestDatabase db;
    private JdbcEventStore store;

    @BeforeEach
    void open() {
        db = TestDatabase.postgres();
        store = db.store();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theEventsOfAKilledProcessAreDeliveredExactlyOnceByTheNextOne(@TempDir Path dir) throws Exception {
        // An event from before the notifier ever ran: FROM_NOW leaves it out.
        try (IncidentManager setup = IncidentKit.builder().store(store).build()) {
            setup.declare(Declare.of("Before the notifier", Severity.SEV3, "search"), as("setup"));
        }
        LogPosition beforeChild = store.head();

        Path out = dir.resolve("child.txt");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                DeliveryKillChild.class.getName(),
                db.url(), "child-process", NOTIFIER, Long.toString(CHILD_LEASE_MILLIS),
                Integer.toString(INCIDENTS), Integer.toString(NOTES))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        boolean exited = child.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(exited).as("the child ended; its output:%n%s", output).isTrue();
        assertThat(child.exitValue()).as("exit code of the child; its output:%n%s", output).isZero();
        assertThat(output).contains("HALTING " + EVENTS);

        // What the dead process left: its lease, and the checkpoint where its notifier started.
        List<StoredEvent> childEvents = store.readAll(beforeChild, 100_000);
        assertThat(childEvents).hasSize(EVENTS);
        assertThat(store.lease(NOTIFIER)).map(Lease::owner).contains("child-process");
        assertThat(store.checkpoint("notifier:" + NOTIFIER)).contains(beforeChild);

        CountDownLatch allDelivered = new CountDownLatch(EVENTS);
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        List<String> order = new CopyOnWriteArrayList<>();
        Notifier recording = new Notifier() {
            @Override
            public String name() {
                return NOTIFIER;
            }

            @Override
            public DeliveryResult deliver(Notification notification) {
                order.add(notification.id());
                if (deliveries.computeIfAbsent(notification.id(), id -> new AtomicInteger()).incrementAndGet() == 1) {
                    allDelivered.countDown();
                }
                return DeliveryResult.delivered();
            }

            @Override
            public void close() {}
        };
        IncidentManager survivor = IncidentKit.builder().store(store).processId("survivor")
                .deliverySettings(DeliverySettings.custom().leaseTtl(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(2))
                        .pollInterval(Duration.ofMillis(20)).build())
                .notifier(recording)
                .build();
        try {
            assertThat(allDelivered.await(90, TimeUnit.SECONDS))
                    .as("every event of the killed process delivered; got %d of %d", deliveries.size(), EVENTS)
                    .isTrue();
        } finally {
            // Waits for the worker: whatever it was still going to deliver has been delivered.
            survivor.close();
        }

        List<String> expected = childEvents.stream().map(e -> e.record().eventId().toString())
                .collect(Collectors.toList());
        assertThat(order).as("each event once, in the store's order").containsExactlyElementsOf(expected);
        assertThat(deliveries.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        assertThat(store.checkpoint("notifier:" + NOTIFIER)).contains(store.head());
        assertThat(store.deadLetters(NOTIFIER)).isEmpty();
        assertThat(store.lease(NOTIFIER)).as("released on close").isEmpty();
    }
}
