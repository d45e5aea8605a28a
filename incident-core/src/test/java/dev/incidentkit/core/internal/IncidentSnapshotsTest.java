package dev.incidentkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.core.spi.UnsupportedEventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A worker's incident cache: correct snapshots, and no rebuild for incidents that share a set. */
class IncidentSnapshotsTest {

    private static final Instant AT = Instant.parse("2025-08-23T14:30:00Z");

    /** Streams written with the real record builder; counts the rebuilds, which read a stream. */
    private static final class Streams extends UnsupportedEventStore {
        final Map<String, List<StoredEvent>> streams = new HashMap<>();
        long position;
        int streamReads;

        RecordedEvent add(String incidentId, IncidentEvent event) {
            List<StoredEvent> stream = streams.computeIfAbsent(incidentId, id -> new ArrayList<>());
            String previousHash = stream.isEmpty() ? HashChain.GENESIS : stream.get(stream.size() - 1).record().hash();
            EventRecord r = Events.records(incidentId, stream.size(), previousHash, List.of(event), AT, AT,
                    Actor.of("alice"), Optional.empty()).get(0);
            StoredEvent s = new StoredEvent(LogPosition.of(++position), r);
            stream.add(s);
            return new RecordedEvent(s, event);
        }

        @Override
        public List<StoredEvent> readStream(String incidentId, long afterVersion) {
            streamReads++;
            return streams.getOrDefault(incidentId, List.of()).stream().filter(s -> s.version() > afterVersion).toList();
        }
    }

    private static IncidentEvent.Declared declared(String id) {
        return new IncidentEvent.Declared(id, "Checkout failing", Severity.SEV2, "checkout", Status.OPEN, "",
                AT, AT, false);
    }

    @Test
    void twoIncidentsOfOneSetTakeTurnsWithoutARebuild() {
        Streams store = new Streams();
        IncidentSnapshots snapshots = new IncidentSnapshots(store, 4);
        String a = "INC-2025-001";
        String b = a;
        for (int n = 2; snapshots.set(b) != snapshots.set(a) || b.equals(a); n++) {
            b = String.format("INC-2025-%03d", n);
        }
        snapshots.after(store.add(a, declared(a)));
        snapshots.after(store.add(b, declared(b)));
        Incident lastA = null;
        Incident lastB = null;
        for (int i = 0; i < 10; i++) {
            lastA = snapshots.after(store.add(a, new IncidentEvent.NoteAdded("a " + i)));
            lastB = snapshots.after(store.add(b, new IncidentEvent.NoteAdded("b " + i)));
        }

        assertThat(store.streamReads).as("rebuilds").isZero();
        assertThat(lastA.version()).isEqualTo(11);
        assertThat(lastA.notesCount()).isEqualTo(10);
        assertThat(lastB.id()).isEqualTo(b);
        assertThat(lastB.version()).isEqualTo(11);
    }

    @Test
    void aThirdIncidentOfTheSetEvictsTheOneUsedLessRecentlyWhichIsRebuiltCorrectly() {
        Streams store = new Streams();
        IncidentSnapshots snapshots = new IncidentSnapshots(store, 4);
        List<String> sameSet = new ArrayList<>();
        for (int n = 1; sameSet.size() < 3; n++) {
            String id = String.format("INC-2025-%03d", n);
            if (sameSet.isEmpty() || snapshots.set(id) == snapshots.set(sameSet.get(0))) {
                sameSet.add(id);
            }
        }
        String a = sameSet.get(0);
        String b = sameSet.get(1);
        String c = sameSet.get(2);
        snapshots.after(store.add(a, declared(a)));
        snapshots.after(store.add(b, declared(b)));
        snapshots.after(store.add(a, new IncidentEvent.NoteAdded("a")));
        snapshots.after(store.add(c, declared(c)));

        // c took b's slot (a was used last): a goes on from its snapshot, b is rebuilt from its stream.
        assertThat(snapshots.after(store.add(a, new IncidentEvent.NoteAdded("a again"))).notesCount()).isEqualTo(2);
        assertThat(store.streamReads).isZero();
        Incident rebuilt = snapshots.after(store.add(b, new IncidentEvent.NoteAdded("b")));
        assertThat(store.streamReads).isEqualTo(1);
        assertThat(rebuilt.id()).isEqualTo(b);
        assertThat(rebuilt.version()).isEqualTo(2);
        assertThat(rebuilt.notesCount()).isEqualTo(1);
    }
}
