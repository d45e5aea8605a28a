package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.internal.HashChain;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.CommandRecord;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link EventStoreContract}: append and read. */
abstract class StoreAppendAndReadTests extends StoreHarness {

    @Test
    @DisplayName("one event is stored and read back as written")
    void oneEvent() {
        List<EventRecord> batch = next("INC-2025-001", 1);

        AppendResult result = append("INC-2025-001", 0, batch);

        assertThat(result.alreadyStored()).isFalse();
        assertThat(records(result.events())).isEqualTo(batch);
        assertThat(result.events().get(0).position()).isGreaterThan(LogPosition.START);
        assertThat(store.readStream("INC-2025-001", 0)).isEqualTo(result.events());
    }

    @Test
    @DisplayName("a batch is stored in version order")
    void batch() {
        List<EventRecord> batch = next("INC-2025-001", 3);

        AppendResult result = append("INC-2025-001", 0, batch);

        assertThat(result.lastVersion()).isEqualTo(3);
        assertThat(records(result.events())).isEqualTo(batch);
        assertThat(store.readStream("INC-2025-001", 0)).isEqualTo(result.events());
    }

    @Test
    @DisplayName("later appends continue the stream")
    void laterAppends() {
        AppendResult first = appendNext("INC-2025-001", 2);
        AppendResult second = appendNext("INC-2025-001", 3);

        assertThat(second.lastVersion()).isEqualTo(5);
        List<StoredEvent> expected = new ArrayList<>(first.events());
        expected.addAll(second.events());
        assertThat(store.readStream("INC-2025-001", 0)).isEqualTo(expected);
    }

    @Test
    @DisplayName("readStream after a version returns only the later events")
    void readStreamSlices() {
        appendNext("INC-2025-001", 2);
        appendNext("INC-2025-001", 3);
        List<StoredEvent> all = store.readStream("INC-2025-001", 0);

        assertThat(versions(all)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(store.readStream("INC-2025-001", 1)).isEqualTo(all.subList(1, 5));
        assertThat(store.readStream("INC-2025-001", 2)).isEqualTo(all.subList(2, 5));
        assertThat(store.readStream("INC-2025-001", 4)).isEqualTo(all.subList(4, 5));
        assertThat(store.readStream("INC-2025-001", 5)).isEmpty();
        assertThat(store.readStream("INC-2025-001", 9)).isEmpty();
    }

    @Test
    @DisplayName("an unknown stream reads as empty")
    void unknownStream() {
        assertThat(store.readStream("INC-2025-001", 0)).isEmpty();
        appendNext("INC-2025-001", 2);

        assertThat(store.readStream("INC-2025-002", 0)).isEmpty();
        assertThat(store.readStream("INC-2025-00", 0)).as("no prefix match").isEmpty();
    }

    @Test
    @DisplayName("streams do not mix")
    void streamsDoNotMix() {
        AppendResult a1 = appendNext("INC-2025-001", 2);
        AppendResult b = appendNext("INC-2025-002", 1);
        AppendResult a2 = appendNext("INC-2025-001", 1);

        assertThat(store.readStream("INC-2025-001", 0))
                .containsExactly(a1.events().get(0), a1.events().get(1), a2.events().get(0));
        assertThat(store.readStream("INC-2025-002", 0)).isEqualTo(b.events());
    }

    @Test
    @DisplayName("every field comes back as written: hostile text, Unicode, microseconds")
    void fieldForField() {
        String hostile = "Zoë O'Brien \"quoted\" \\ <script>alert(1)</script> '; DROP TABLE events; -- %_ $$ "
                + "${jndi:ldap://x} 😀🚒 𝄞 עברית \u202Eevil\u202C 中文 e\u0301 \uFEFF";
        // Key order, spacing, an escaped é beside a literal one and 1.10: a store that parses
        // its data (a jsonb column) changes these bytes and breaks the hash chain.
        String data = "{\"z_last\":1.10,  \"note\":\"" + hostile.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\\n\\t\",\"caf\\u00e9\":\"café\",\"empty\":{} }";
        List<EventRecord> batch = chain("INC-2025-001", 0, HashChain.GENESIS, List.of(
                note(1).by(hostile).data(data).command("req-42 'ü' \"x\"")
                        .at(Instant.parse("1999-12-31T23:59:59.999999Z"), Instant.parse("2025-08-23T14:30:00.000001Z")),
                note(2).type("incident.severity_changed").schema(7)
                        .at(Instant.parse("2025-08-23T14:30:00Z"), Instant.parse("2025-08-23T14:30:00.100Z"))));

        AppendResult result = append("INC-2025-001", 0, batch);

        List<StoredEvent> read = store.readStream("INC-2025-001", 0);
        assertThat(records(result.events())).isEqualTo(batch);
        assertThat(records(read)).isEqualTo(batch);
        assertThat(records(store.readAll(LogPosition.START, 10))).isEqualTo(batch);
        assertThat(read.get(0).record().data()).isEqualTo(data);
        assertThat(read.get(0).record().actor()).isEqualTo(hostile);
        assertThat(read.get(0).record().occurredAt()).isEqualTo(Instant.parse("1999-12-31T23:59:59.999999Z"));
        assertThat(read.get(1).record().commandId()).isEmpty();
        assertThat(store.findCommand("req-42 'ü' \"x\"")).contains(new CommandRecord("req-42 'ü' \"x\"", "INC-2025-001", 2));
    }

    @Test
    @DisplayName("instants at the edges of the range IncidentKit allows come back exactly")
    void edgeInstants() {
        Instant first = Instant.parse("1970-01-01T00:00:00.000001Z");
        Instant last = Instant.parse("9999-12-31T23:59:59Z");
        List<EventRecord> batch = chain("INC-2025-001", 0, HashChain.GENESIS, List.of(
                note(1).at(first, last), note(2).at(last, Instant.parse("9999-12-31T23:59:58.999999Z"))));

        append("INC-2025-001", 0, batch);

        assertThat(records(store.readStream("INC-2025-001", 0))).isEqualTo(batch);
    }

    @Test
    @DisplayName("large data comes back byte for byte")
    void largeData() {
        // The longest note core accepts, in characters that take four bytes in UTF-8.
        String data = "{\"note\":\"" + "🚒".repeat(10_000) + "\"}";
        List<EventRecord> batch = chain("INC-2025-001", 0, HashChain.GENESIS, List.of(note(1).data(data)));

        append("INC-2025-001", 0, batch);

        assertThat(store.readStream("INC-2025-001", 0).get(0).record().data()).isEqualTo(data);
    }

    @Test
    @DisplayName("appends get increasing positions, within a batch and across streams")
    void positionsIncrease() {
        List<LogPosition> positions = new ArrayList<>();
        positions.addAll(positions(appendNext("INC-2025-001", 3).events()));
        positions.addAll(positions(appendNext("INC-2025-002", 1).events()));
        positions.addAll(positions(appendNext("INC-2025-001", 2).events()));

        assertStrictlyIncreasing(positions);
        assertThat(positions.get(0)).isGreaterThan(LogPosition.START);
        assertThat(positions(store.readAll(LogPosition.START, 100))).isEqualTo(positions);
    }
}
