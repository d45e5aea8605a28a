package dev.incidentkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.internal.IncidentCache.Entry;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The one incident cache: keyed by id and version, checked by hash, bounded, safe to share. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class IncidentCacheTest {

    private static final Instant AT = Instant.parse("2025-08-23T14:30:00Z");

    /** The entries of one incident's stream, version 1 (declared) to {@code versions} (notes). */
    static List<Entry> stream(String id, int versions, long firstPosition) {
        List<Entry> out = new ArrayList<>();
        String previousHash = HashChain.GENESIS;
        Incident incident = null;
        for (int v = 1; v <= versions; v++) {
            IncidentEvent event = v == 1
                    ? new IncidentEvent.Declared(id, "Checkout failing", Severity.SEV2, "checkout", Status.OPEN, "",
                            AT, AT, false)
                    : new IncidentEvent.NoteAdded("note " + v);
            EventRecord r = Events.records(id, v - 1, previousHash, List.of(event), AT, AT, Actor.of("alice"),
                    Optional.empty()).get(0);
            RecordedEvent recorded = new RecordedEvent(new StoredEvent(LogPosition.of(firstPosition + v - 1), r), event);
            incident = incident == null ? IncidentFold.replay(List.of(recorded))
                    : IncidentFold.apply(incident, List.of(recorded));
            out.add(new Entry(incident, r.hash(), AT, firstPosition + v - 1, recorded));
            previousHash = r.hash();
        }
        return out;
    }

    @Test
    void anEntryIsFoundByIdVersionAndHashAndOnlySo() {
        IncidentCache cache = new IncidentCache(10, 64, 1);
        List<Entry> a = stream("INC-2025-001", 3, 1);
        a.forEach(cache::put);
        Entry second = a.get(1);

        assertThat(cache.at("INC-2025-001", 2, second.lastHash(), 2)).isSameAs(second);
        assertThat(cache.at("INC-2025-001", 2, a.get(2).lastHash(), 2)).as("another event's hash").isNull();
        assertThat(cache.at("INC-2025-001", 4, second.lastHash(), 2)).as("a version not seen").isNull();
        assertThat(cache.at("INC-2025-002", 2, second.lastHash(), 2)).as("another incident").isNull();
        assertThat(cache.at("INC-2025-001", 2, second.lastHash(), 3)).as("another position").isNull();
        assertThat(cache.newest("INC-2025-001")).isSameAs(a.get(2));
        assertThat(cache.newest("INC-2025-002")).isNull();
    }

    @Test
    void anOlderVersionPutLaterDoesNotReplaceTheNewestButIsFoundByItsVersion() {
        IncidentCache cache = new IncidentCache(10, 64, 1);
        List<Entry> a = stream("INC-2025-001", 3, 1);
        cache.put(a.get(2));
        cache.put(a.get(0));

        assertThat(cache.newest("INC-2025-001")).isSameAs(a.get(2));
        assertThat(cache.at("INC-2025-001", 1, a.get(0).lastHash(), 1)).isSameAs(a.get(0));
    }

    @Test
    void withoutNotifiersOnlyTheNewestIsKeptAndWithoutItsEvent() {
        IncidentCache cache = new IncidentCache(10, 0, 0);
        List<Entry> a = stream("INC-2025-001", 2, 1);
        a.forEach(cache::put);

        assertThat(cache.at("INC-2025-001", 1, a.get(0).lastHash())).isNull();
        assertThat(cache.at("INC-2025-001", 2, a.get(1).lastHash())).isSameAs(a.get(1));
        assertThat(a.get(1).event()).as("nobody would pass it").isNull();
    }

    @Test
    void aCapacityOfZeroKeepsNoNewestVersionForCommands() {
        IncidentCache cache = new IncidentCache(0, 64, 1);
        Entry e = stream("INC-2025-001", 1, 1).get(0);
        cache.put(e);

        assertThat(cache.newest("INC-2025-001")).isNull();
        assertThat(cache.at("INC-2025-001", 1, e.lastHash(), 1)).as("still there for the workers").isSameAs(e);
    }

    @Test
    void theNewestVersionsAreBoundedByTheCapacity() {
        IncidentCache cache = new IncidentCache(100, 0, 0);
        for (int n = 1; n <= 1_000; n++) {
            cache.put(stream(String.format("INC-2025-%04d", n), 1, n).get(0));
        }
        int kept = 0;
        for (int n = 1; n <= 1_000; n++) {
            kept += cache.newest(String.format("INC-2025-%04d", n)) != null ? 1 : 0;
        }
        assertThat(kept).isBetween(1, 100);
    }

    @Test
    void theRingIsBoundedAndInAFullSetTheEntryWhoseEventIsOldestMakesRoom() {
        IncidentCache cache = new IncidentCache(0, 8, 2);
        List<Entry> entries = new ArrayList<>();
        for (int n = 1; n <= 100; n++) {
            Entry e = stream(String.format("INC-2025-%03d", n), 1, n).get(0);
            entries.add(e);
            cache.putRecent(e);
        }
        long found = entries.stream().filter(e -> cache.at(e.incident().id(), 1, e.lastHash()) != null).count();
        assertThat(found).isBetween(1L, 8L);

        // Five entries of one set of four, put newest event first: the oldest event's entry gives way.
        IncidentCache one = new IncidentCache(0, 8, 2);
        List<Entry> sameSet = new ArrayList<>();
        for (int n = 1; sameSet.size() < 5; n++) {
            Entry e = stream(String.format("INC-2025-%03d", n), 1, 1_000 - n).get(0);
            if (sameSet.isEmpty() || one.set(IncidentCache.key(e.incident().id(), 1)) == one.set(IncidentCache.key(sameSet.get(0).incident().id(), 1))) {
                sameSet.add(e);
            }
        }
        sameSet.forEach(one::putRecent);

        Entry oldest = sameSet.get(3);
        for (Entry e : sameSet) {
            assertThat(one.at(e.incident().id(), 1, e.lastHash())).as(e.incident().id())
                    .isSameAs(e == oldest ? null : e);
        }
    }

    @Test
    void aCommittedEntryIsFoundByItsPositionAndByItsVersionOnceAWorkerPassedIt() {
        IncidentCache cache = new IncidentCache(0, 64, 2);
        Entry e = stream("INC-2025-001", 1, 7).get(0);
        cache.put(e);

        assertThat(cache.at("INC-2025-001", 1, e.lastHash(), 7)).isSameAs(e);
        assertThat(cache.at("INC-2025-001", 1, e.lastHash())).as("by version, before any worker passed it").isNull();
        cache.passed(e);
        assertThat(cache.at("INC-2025-001", 1, e.lastHash())).as("by version, for the fold of the next event")
                .isSameAs(e);
        assertThat(e.event()).as("a worker has yet to pass it").isNotNull();
        cache.passed(e);
        assertThat(e.event()).isNull();
        assertThat(cache.at("INC-2025-001", 1, e.lastHash(), 7)).isSameAs(e);
    }

    @Test
    void aLaterEventInTheSameSlotOfThePositionRingIsAMissNotAWrongAnswer() {
        IncidentCache cache = new IncidentCache(0, 8, 1);
        Entry early = stream("INC-2025-001", 1, 3).get(0);
        Entry late = stream("INC-2025-002", 1, 3 + 8).get(0);
        cache.put(early);
        cache.put(late);

        assertThat(cache.at("INC-2025-001", 1, early.lastHash(), 3)).isNull();
        assertThat(cache.at("INC-2025-002", 1, late.lastHash(), 11)).isSameAs(late);
    }

    @Test
    void anEventIsHeldUntilEveryWorkerPassedIt() {
        IncidentCache cache = new IncidentCache(10, 64, 3);
        Entry e = stream("INC-2025-001", 1, 1).get(0);
        cache.put(e);
        cache.passed(e);
        cache.passed(e);
        assertThat(e.event()).isNotNull();
        cache.passed(e);
        assertThat(e.event()).isNull();
        assertThat(cache.at("INC-2025-001", 1, e.lastHash())).as("the incident stays").isSameAs(e);
    }

    @Test
    void threadsPuttingAndReadingTogetherOnlyEverSeeTheEntryOfTheVersionAskedFor() throws Exception {
        IncidentCache cache = new IncidentCache(50, 256, 4);
        int threads = 4;
        List<List<Entry>> streams = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            streams.add(stream(String.format("INC-2025-%03d", n), 50, 1_000L * n));
        }
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicReference<String> wrong = new AtomicReference<>();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int round = 0; round < 200; round++) {
                        for (List<Entry> s : streams) {
                            Entry e = s.get((round + offset) % s.size());
                            cache.put(e);
                            Entry other = s.get((round * 7 + offset) % s.size());
                            Entry seen = cache.at(other.incident().id(), other.incident().version(), other.lastHash());
                            if (seen != null && seen != other) {
                                wrong.set("asked for " + other.incident().id() + " v" + other.incident().version()
                                        + ", got v" + seen.incident().version());
                            }
                            Entry newest = cache.newest(e.incident().id());
                            if (newest != null && !newest.incident().id().equals(e.incident().id())) {
                                wrong.set("newest of " + e.incident().id() + " is " + newest.incident().id());
                            }
                        }
                    }
                } catch (Exception x) {
                    wrong.set(x.toString());
                }
            });
            running.add(thread);
            thread.start();
        }
        for (Thread t : running) {
            t.join();
        }
        assertThat(wrong.get()).isNull();
        for (List<Entry> s : streams) {
            Entry newest = cache.newest(s.get(0).incident().id());
            if (newest != null) {
                assertThat(newest.incident().version()).as("the newest put wins").isEqualTo(50);
            }
        }
    }
}
