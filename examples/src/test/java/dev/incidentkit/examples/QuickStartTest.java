package dev.incidentkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class QuickStartTest {

    @Test
    void printsTheWalkthroughTimelineInOrder() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(Instant.parse("2025-08-23T16:00:00Z"), ZoneOffset.UTC);

        Incident incident = QuickStart.run(clock, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(incident.id()).isEqualTo("INC-2025-001");
        assertThat(incident.status()).isEqualTo(Status.CLOSED);
        assertThat(out).startsWith("Incident declared: INC-2025-001");
        assertThat(out).containsSubsequence(
                "14:30 - Incident declared (SEV-2)",
                "Checkout service experiencing high database latency",
                "14:32 - Acknowledged by user@example.com",
                "14:35 - Update from user@example.com",
                "14:42 - Update from user@example.com",
                "14:45 - Update from user@example.com",
                "14:47 - Incident mitigated",
                "15:15 - Incident resolved",
                "15:15 - Incident closed",
                "Mitigated 17 minutes after it was declared. Hash chain: intact (8 events).");
    }
}
