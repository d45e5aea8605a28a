package dev.incidentkit.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.internal.EventData;
import dev.incidentkit.core.internal.HashChain;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.testkit.GoldenVectors;
import dev.incidentkit.testkit.GoldenVectors.Vector;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The vectors written by IncidentKit 0.1.0, reproduced by both encoders of each format: chains
 * already stored keep verifying.
 */
class GoldenVectorsTest {

    private static final List<Vector> VECTORS = GoldenVectors.load();

    @TestFactory
    List<DynamicTest> theReferenceEncodersReproduceEveryVector() {
        return each(v -> {
            assertThat(EventDataFormat.encode(v.event())).isEqualTo(v.record().data());
            assertThat(CanonicalForm.canonicalBytes(v.record())).isEqualTo(v.canonicalBytes());
            assertThat(CanonicalForm.hash(v.record())).isEqualTo(v.record().hash());
        });
    }

    @TestFactory
    List<DynamicTest> theFastEncodersReproduceEveryVector() {
        return each(v -> {
            assertThat(EventData.encode(v.event())).isEqualTo(v.record().data());
            assertThat(HashChain.hash(v.record())).isEqualTo(v.record().hash());
        });
    }

    @TestFactory
    List<DynamicTest> decodingEachVectorGivesItsEventOrRefusesItsText() {
        return each(v -> {
            EventRecord r = v.record();
            assertThat(r.type()).isEqualTo(v.event().type());
            assertThat(r.schemaVersion()).isEqualTo(EventDataFormat.VERSION);
            if (v.accepted()) {
                assertThat(EventDataFormat.decode(r.type(), r.schemaVersion(), r.data())).isEqualTo(v.event());
            } else {
                assertThatThrownBy(() -> EventDataFormat.decode(r.type(), r.schemaVersion(), r.data()))
                        .isInstanceOf(ValidationException.class);
            }
        });
    }

    @Test
    void theVectorsChainEachIncidentFromGenesis() {
        for (List<Vector> chain : GoldenVectors.loadByIncident().values()) {
            String prev = CanonicalForm.GENESIS;
            long version = 0;
            for (Vector v : chain) {
                assertThat(v.record().prevHash()).as(v.name()).isEqualTo(prev);
                assertThat(v.record().version()).as(v.name()).isEqualTo(++version);
                prev = v.record().hash();
            }
        }
    }

    @Test
    void theVectorsCoverEveryTypeAndEveryRecord() {
        assertThat(VECTORS).hasSizeGreaterThanOrEqualTo(25);
        assertThat(VECTORS.stream().map(v -> v.record().type()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
        Map<Class<?>, Long> byRecord = VECTORS.stream()
                .collect(Collectors.groupingBy(v -> v.event().getClass(), Collectors.counting()));
        assertThat(byRecord.keySet()).containsExactlyInAnyOrder(IncidentEvent.class.getPermittedSubclasses());
    }

    private static List<DynamicTest> each(Check check) {
        return VECTORS.stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> check.check(v))).collect(Collectors.toList());
    }

    private interface Check {
        void check(Vector v);
    }
}
