package dev.incidentkit.examples.plugin;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.notify.NotifierDiscovery;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import dev.incidentkit.store.memory.InMemoryEventStore;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditFileNotifierTest {

    private static final String HOSTILE = "</script><img src=x onerror=alert(1)> | \"quoted\" \\ \u202e";

    @TempDir
    Path folder;

    @AfterEach
    void forgetTheFile() {
        System.clearProperty("incidentkit.audit.file");
    }

    @Test
    void serviceLoaderFindsThePlugin() {
        List<Notifier> found = NotifierDiscovery.discover(getClass().getClassLoader());

        assertThat(found).extracting(Notifier::name).contains("audit-file");
        assertThat(found).hasAtLeastOneElementOfType(AuditFileNotifier.class);
    }

    @Test
    void appendsOneJsonLinePerNotificationWithTheTextAsTyped() throws Exception {
        Path file = folder.resolve("audit.jsonl");
        AuditFileNotifier notifier = new AuditFileNotifier(file);

        assertThat(notifier.deliver(notification("11111111-1111-7111-8111-111111111111"))).isEqualTo(DeliveryResult.delivered());
        assertThat(notifier.deliver(notification("22222222-2222-7222-8222-222222222222"))).isEqualTo(DeliveryResult.delivered());

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.path("id").asText()).isEqualTo("11111111-1111-7111-8111-111111111111");
        assertThat(first.path("title").asText()).isEqualTo(HOSTILE);
        assertThat(first.path("note").asText()).isEqualTo("line one\nline two");
    }

    @Test
    void aFileThatCannotBeWrittenIsATransientFailure() {
        AuditFileNotifier notifier = new AuditFileNotifier(folder.resolve("missing-folder").resolve("audit.jsonl"));

        assertThat(notifier.deliver(notification("33333333-3333-7333-8333-333333333333")))
                .isInstanceOf(DeliveryResult.RetryLater.class);
    }

    @Test
    void aHostThatDiscoversNotifiersGetsEveryEventInTheAuditFile() throws Exception {
        Path file = folder.resolve("host-audit.jsonl");
        System.setProperty("incidentkit.audit.file", file.toString());

        try (IncidentManager incidents = IncidentKit.builder()
                .store(new InMemoryEventStore())
                .discoverNotifiers(getClass().getClassLoader())
                .build()) {
            String id = incidents.declare(Declare.of("Checkout latency", Severity.SEV2, "checkout"), as("alice")).id();
            incidents.acknowledge(id, "on it", as("bob"));

            awaitTrue(() -> lines(file).size() == 2, Duration.ofSeconds(30));
            assertThat(incidents.notifications().notifiers()).contains("audit-file");
        }
        List<String> lines = lines(file);
        assertThat(new ObjectMapper().readTree(lines.get(0)).path("type").asText()).isEqualTo("incident.declared");
        assertThat(new ObjectMapper().readTree(lines.get(1)).path("type").asText()).isEqualTo("incident.acknowledged");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a condition that another thread makes true, checking it every 10 ms up to a deadline. */
    private static void awaitTrue(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static Notification notification(String id) {
        return new Notification(
                CloudEventBuilder.v1().withId(id).withSource(URI.create("incident-management/test"))
                        .withType("incident.declared").withTime(Instant.parse("2025-08-23T14:30:00Z").atOffset(ZoneOffset.UTC))
                        .build(),
                "INC-2025-001", HOSTILE, "SEV-2", "OPEN", "checkout", "alice", Optional.of("line one\nline two"), List.of());
    }
}
