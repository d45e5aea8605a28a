package dev.incidentkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.metrics.Metric;
import dev.incidentkit.core.metrics.MetricsReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddingExampleTest {

    @Test
    void showsTheLiveTimelineTheSlaBreachThePagesAndTheMetrics() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        MetricsReport report = EmbeddingExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("[sla] tick at 14:50: 2 breach(es) recorded");
        assertThat(out).contains("SLA breached: ack within 15m", "SLA breached: update within 15m");
        assertThat(out).contains("[pager] SEV-1 INC-2025-001 open: Complete payment system outage");
        assertThat(out).contains("[pager] SEV-1 INC-2025-001 resolved: Complete payment system outage");
        assertThat(out).contains("MTTA: 20 minutes", "MTTM: 35 minutes", "MTTR: 45 minutes");
        assertThat(report.stats(Metric.MTTR).mean()).isEqualTo(Duration.ofMinutes(45));
    }
}
