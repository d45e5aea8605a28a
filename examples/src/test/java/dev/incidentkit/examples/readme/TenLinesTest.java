package dev.incidentkit.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.metrics.Metric;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TenLinesTest {

    @Test
    void declaresAcknowledgesAndMitigatesThenReports() {
        TenLines.Outcome outcome = TenLines.run();

        assertThat(outcome.postmortem()).contains("Checkout latency", "Investigating DB metrics", "Index added");
        assertThat(outcome.metrics().stats(Metric.MTTA).count()).isEqualTo(1);
        assertThat(outcome.metrics().stats(Metric.MTTA).mean()).isEqualTo(Duration.ofMinutes(4));
        assertThat(outcome.metrics().stats(Metric.MTTM).count()).isEqualTo(1);
    }
}
