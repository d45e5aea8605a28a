package dev.incidentkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.internal.IncidentCache.Entry;
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

/** How a worker takes an event's incident: from the cache, folded onto the version before, or replayed. */
class EventPreparerTest {

    private static final Instant AT = Instant.parse("2025-08-23T14:30:00Z");
    private static final Instant LATER = AT.plusSeconds(600);

    /** Streams written with the real record builder; counts the rebuilds, which read a stream. */
    private static final class Streams extends UnsupportedEventStore {
        final Map<String, List<StoredEvent>> streams = new HashMap<>();
        long position;
        int streamReads;

        StoredEvent add(String incidentId, IncidentEvent event, Instant at) {
            List<StoredEvent> stream = streams.computeIfAbsent(incidentId, id -> new ArrayList<>());
            String previousHash = stream.isEmpty() ? HashChain.GENESIS : stream.get(stream.size() - 1).record().hash();
            EventRecord r = Events.records(incidentId, stream.size(), previousHash, List.of(event), at, at,
                    Actor.of("alice"), Optional.empty()).get(0);
            StoredEvent s = new StoredEvent(LogPosition.of(++position), r);
            stream.add(s);
            return s;
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
    void interleavedIncidentsAreFoldedEventByEventWithoutARebuild() {
        Streams store = new Streams();
        EventPreparer preparer = new EventPreparer(store, new IncidentCache(0, 64, 1));
        String a = "INC-2025-001";
        String b = "INC-2025-002";
        preparer.prepare(store.add(a, declared(a), AT));
        preparer.prepare(store.add(b, declared(b), AT));
        Entry lastA = null;
        Entry lastB = null;
        for (int i = 0; i < 10; i++) {
            lastA = preparer.prepare(store.add(a, new IncidentEvent.NoteAdded("a " + i), AT));
            lastB = preparer.prepare(store.add(b, new IncidentEvent.NoteAdded("b " + i), AT));
        }

        assertThat(store.streamReads).as("rebuilds").isZero();
        assertThat(lastA.incident().version()).isEqualTo(11);
        assertThat(lastA.incident().notesCount()).isEqualTo(10);
        assertThat(lastB.incident().id()).isEqualTo(b);
        assertThat(lastB.incident().version()).isEqualTo(11);
    }

    @Test
    void anEventWhoseVersionBeforeIsNotCachedIsReplayedFromItsStreamCorrectly() {
        Streams store = new Streams();
        String a = "INC-2025-001";
        store.add(a, declared(a), AT);
        store.add(a, new IncidentEvent.Acknowledged("on it", Optional.empty()), LATER);
        StoredEvent third = store.add(a, new IncidentEvent.NoteAdded("a note"), LATER.plusSeconds(60));
        EventPreparer preparer = new EventPreparer(store, new IncidentCache(0, 64, 1));

        Entry rebuilt = preparer.prepare(third);

        assertThat(store.streamReads).isEqualTo(1);
        assertThat(rebuilt.incident().version()).isEqualTo(3);
        assertThat(rebuilt.incident().status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(rebuilt.incident().notesCount()).isEqualTo(1);
        assertThat(rebuilt.lastHash()).isEqualTo(third.record().hash());
        assertThat(rebuilt.lastMoveAt()).as("the acknowledgement").isEqualTo(LATER);
        assertThat(EventPreparer.event(rebuilt, third).stored()).isSameAs(third);
    }

    @Test
    void whatOneWorkerFoldedTheNextTakesAsItIs() {
        Streams store = new Streams();
        IncidentCache cache = new IncidentCache(0, 64, 2);
        EventPreparer first = new EventPreparer(store, cache);
        EventPreparer second = new EventPreparer(store, cache);
        String a = "INC-2025-001";
        StoredEvent declared = store.add(a, declared(a), AT);
        StoredEvent note = store.add(a, new IncidentEvent.NoteAdded("n"), AT);

        Entry one = first.prepare(declared);
        Entry two = first.prepare(note);

        assertThat(second.prepare(declared)).isSameAs(one);
        assertThat(second.prepare(note)).isSameAs(two);
        assertThat(store.streamReads).isZero();
    }

    @Test
    void anEventNotCommittedHereIsFoldedOntoTheVersionBeforeThatACommandCommitted() {
        Streams store = new Streams();
        IncidentCache cache = new IncidentCache(0, 64, 2);
        String a = "INC-2025-001";
        StoredEvent declared = store.add(a, declared(a), AT);
        RecordedEvent typed = Events.decode(declared);
        Entry committed = new Entry(IncidentFold.replay(List.of(typed)), declared.record().hash(), AT,
                declared.position().position(), typed);
        cache.put(committed);
        StoredEvent note = store.add(a, new IncidentEvent.NoteAdded("written by another process"), AT);
        EventPreparer worker = new EventPreparer(store, cache);

        assertThat(worker.prepare(declared)).as("found by its position").isSameAs(committed);
        cache.passed(committed);
        Entry folded = worker.prepare(note);

        assertThat(store.streamReads).as("rebuilds").isZero();
        assertThat(folded.incident().version()).isEqualTo(2);
        assertThat(folded.incident().notesCount()).isEqualTo(1);
    }

    @Test
    void anEntryOfTheSameVersionFromAnotherChainIsNotTaken() {
        Streams store = new Streams();
        Streams other = new Streams();
        IncidentCache cache = new IncidentCache(0, 64, 1);
        String a = "INC-2025-001";
        new EventPreparer(other, cache).prepare(other.add(a, new IncidentEvent.Declared(a, "Another incident",
                Severity.SEV1, "search", Status.OPEN, "", AT, AT, false), AT));
        StoredEvent declared = store.add(a, declared(a), AT);
        StoredEvent note = store.add(a, new IncidentEvent.NoteAdded("n"), AT);

        Entry e = new EventPreparer(store, cache).prepare(note);

        assertThat(store.streamReads).as("version 1 in the cache has another hash: replayed").isEqualTo(1);
        assertThat(e.incident().title()).isEqualTo("Checkout failing");
        assertThat(declared.record().hash()).isNotEqualTo(other.streams.get(a).get(0).record().hash());
    }
}
