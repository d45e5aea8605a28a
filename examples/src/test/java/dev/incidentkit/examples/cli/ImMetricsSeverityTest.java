package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code im metrics --severity} counts an escalated-then-downgraded incident at its peak, or now with {@code --by current}. */
class ImMetricsSeverityTest {

    @TempDir
    Path home;

    @Test
    void severityFilterUsesThePeakUnlessToldOtherwise() throws Exception {
        ImProcess im = new ImProcess(home, Map.of("IM_HOME", home.toString(), "IM_USER", "alice"));
        String id = "INC-" + Year.now(ZoneOffset.UTC) + "-001";
        Walkthrough.ok(im.run("declare", "--sev", "SEV-3", "--title", "Slow reports", "--service", "reports"));
        Walkthrough.ok(im.run("escalate", "--incident", id, "--severity", "SEV-1"));
        Walkthrough.ok(im.run("downgrade", "--incident", id, "--severity", "SEV-3"));

        assertThat(Walkthrough.ok(im.run("metrics", "--severity", "SEV-1")).out()).contains("Incidents: 1 ");
        assertThat(Walkthrough.ok(im.run("metrics", "--severity", "SEV-1", "--by", "current")).out()).contains("Incidents: 0 ");
        assertThat(Walkthrough.ok(im.run("metrics", "--severity", "SEV-3", "--by", "CURRENT")).out()).contains("Incidents: 1 ");
        ImProcess.Result bad = im.run("metrics", "--by", "worst");
        assertThat(bad.exitCode()).isEqualTo(6);
        assertThat(bad.err()).contains("--by").contains("peak or current");
    }
}
