package dev.incidentkit.web.internal.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The status page's formats are contracts: a fixed page written as JSON ({@code
 * incidentkit-status/1}) and as Atom equals, byte for byte, the golden files checked in beside this
 * test's resources. A change that alters them is a change of the format: a new version, not an
 * edit of the golden file. A mismatch writes what was made to {@code target/status-golden/}.
 */
@DisplayName("the status page's JSON and Atom against their golden files")
class StatusFormatsTest {

    static final String TITLE = "Checkout <errors> & \"retries\"";
    static final String MESSAGE = "We found a faulty change ]]> &amp; are rolling it back.\nRetry failed payments safely.";

    @Test
    @DisplayName("incidentkit-status/1")
    void json() throws IOException {
        assertGolden("status-1.json", StatusFormats.json(StatusPageSamples.page(TITLE, MESSAGE), "Acme status"));
    }

    @Test
    @DisplayName("Atom 1.0")
    void atom() throws IOException {
        assertGolden("status.atom", StatusFormats.atom(StatusPageSamples.page(TITLE, MESSAGE), "Acme status",
                StatusPageSamples.AT));
    }

    private static void assertGolden(String name, byte[] made) throws IOException {
        byte[] golden;
        try (InputStream in = StatusFormatsTest.class.getResourceAsStream("/dev/incidentkit/web/status/" + name)) {
            golden = in == null ? new byte[0] : in.readAllBytes();
        }
        String actual = new String(made, StandardCharsets.UTF_8);
        if (!actual.equals(new String(golden, StandardCharsets.UTF_8))) {
            Path out = Path.of("target", "status-golden", name);
            Files.createDirectories(out.getParent());
            Files.write(out, made);
        }
        assertThat(actual).isEqualTo(new String(golden, StandardCharsets.UTF_8));
    }
}
