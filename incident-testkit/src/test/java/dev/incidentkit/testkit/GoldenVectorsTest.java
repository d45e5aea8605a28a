package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.format.CanonicalForm;
import dev.incidentkit.core.format.EventDataFormat;
import dev.incidentkit.testkit.GoldenVectors.Vector;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The golden vectors as the test kit ships them, through core's public format API only. */
class GoldenVectorsTest {

    @TestFactory
    List<DynamicTest> corePublicFormatApiReproducesEveryVector() {
        return GoldenVectors.load().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> check(v)))
                .collect(Collectors.toList());
    }

    private static void check(Vector v) {
        assertThat(EventDataFormat.encode(v.event())).isEqualTo(v.record().data());
        assertThat(CanonicalForm.canonicalBytes(v.record())).isEqualTo(v.canonicalBytes());
        assertThat(CanonicalForm.hash(v.record())).isEqualTo(v.record().hash());
        if (v.accepted()) {
            assertThat(EventDataFormat.decode(v.record().type(), v.record().schemaVersion(), v.record().data()))
                    .isEqualTo(v.event());
        } else {
            assertThatThrownBy(() -> EventDataFormat.decode(v.record().type(), v.record().schemaVersion(),
                    v.record().data())).isInstanceOf(ValidationException.class);
        }
    }
}
