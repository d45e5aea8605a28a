package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.format.CanonicalForm;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.testkit.GoldenVectors.Vector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link EventStoreContract}: the stored formats through a store. Each {@link GoldenVectors golden
 * vector} written by IncidentKit 0.1.0 is appended and read back field for field, its data byte
 * for byte, and its hash still verifies against {@link CanonicalForm}. A store that changes a byte
 * of the data (a JSON column that reorders keys, a text column that normalises Unicode, a
 * timestamp column that drops microseconds) fails here, as it would fail {@code verify} on every
 * incident it holds.
 *
 * <p>Only vectors whose text core accepts are stored: the others hold text (an unpaired
 * surrogate) that no command or import can write.
 */
abstract class StoreStoredFormatTests extends StoreHarness {

    @Test
    @DisplayName("each golden vector is read back as written, and its chain verifies")
    void eachVectorIsReadBackAsWritten() {
        for (Map.Entry<String, List<EventRecord>> stream : accepted().entrySet()) {
            List<EventRecord> written = stream.getValue();
            append(stream.getKey(), 0, written);

            List<EventRecord> read = store.readStream(stream.getKey(), 0).stream().map(StoredEvent::record)
                    .collect(Collectors.toList());

            assertThat(read).isEqualTo(written);
            String prev = CanonicalForm.GENESIS;
            for (int i = 0; i < read.size(); i++) {
                EventRecord r = read.get(i);
                assertThat(r.data().getBytes(StandardCharsets.UTF_8)).as(r.type() + " data")
                        .isEqualTo(written.get(i).data().getBytes(StandardCharsets.UTF_8));
                assertThat(r.prevHash()).isEqualTo(prev);
                assertThat(CanonicalForm.hash(r)).as("hash of version " + r.version()).isEqualTo(r.hash());
                prev = r.hash();
            }
        }
    }

    @Test
    @DisplayName("the global log returns the golden vectors unchanged")
    void theGlobalLogReturnsTheVectorsUnchanged() {
        List<EventRecord> written = new ArrayList<>();
        for (Map.Entry<String, List<EventRecord>> stream : accepted().entrySet()) {
            append(stream.getKey(), 0, stream.getValue());
            written.addAll(stream.getValue());
        }

        List<EventRecord> read = store.readAll(LogPosition.START, written.size() + 1).stream()
                .map(StoredEvent::record).collect(Collectors.toList());

        assertThat(read).isEqualTo(written);
        assertThat(read).allSatisfy(r -> assertThat(CanonicalForm.hash(r)).isEqualTo(r.hash()));
    }

    /** The accepted vectors' records, by incident, each chain cut where the first refused vector stands. */
    private static Map<String, List<EventRecord>> accepted() {
        Map<String, List<EventRecord>> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, List<Vector>> chain : GoldenVectors.loadByIncident().entrySet()) {
            List<EventRecord> records = new ArrayList<>();
            for (Vector v : chain.getValue()) {
                if (!v.accepted()) {
                    break;
                }
                records.add(v.record());
            }
            if (!records.isEmpty()) {
                out.put(chain.getKey(), records);
            }
        }
        return out;
    }
}
