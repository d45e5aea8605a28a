package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.internal.HashChain;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.CommandRecord;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link EventStoreContract}: concurrency. */
abstract class StoreConcurrencyTests extends StoreHarness {

    @Test
    @DisplayName("writers racing on one stream: one winner per version, no gap, nothing lost, nothing twice")
    void racingWritersOnOneStream() throws Exception {
        int writers = 8;
        int appendsEach = 100;
        List<Callable<List<AppendResult>>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            int batchSize = 1 + writer % 3;
            tasks.add(() -> {
                List<AppendResult> won = new ArrayList<>();
                int lost = 0;
                while (won.size() < appendsEach) {
                    // A loser retries under the same command id: the store must not have kept it.
                    String commandId = "writer-" + writer + "-append-" + won.size();
                    List<EventRecord> batch = next("INC-2025-001", batchSize, commandId);
                    try {
                        won.add(append("INC-2025-001", versionBefore(batch), batch));
                    } catch (ConcurrencyConflictException lostTheRace) {
                        // Each loss needs another writer's win after this writer's read, so a
                        // writer cannot lose more often than the others win, however the threads run.
                        lost++;
                        assertThat(lost).as("conflicts of writer %d, more than the other writers' appends", writer)
                                .isLessThanOrEqualTo((writers - 1) * appendsEach);
                    }
                }
                return won;
            });
        }

        List<AppendResult> won = runTogether(tasks).stream().flatMap(List::stream).collect(Collectors.toList());

        List<StoredEvent> stream = store.readStream("INC-2025-001", 0);
        List<StoredEvent> wonEvents = won.stream().flatMap(r -> r.events().stream())
                .sorted(Comparator.comparingLong(StoredEvent::version)).collect(Collectors.toList());
        long expectedEvents = IntStream.range(0, writers).mapToLong(w -> (1 + w % 3) * (long) appendsEach).sum();
        assertThat(won).allSatisfy(r -> assertThat(r.alreadyStored()).isFalse());
        assertThat(versions(wonEvents)).as("one winner per version, gapless")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, expectedEvents).boxed().collect(Collectors.toList()));
        assertThat(stream).as("the stream holds exactly what the winners wrote").isEqualTo(wonEvents);
        assertChained(stream);
        assertThat(store.readAll(LogPosition.START, (int) expectedEvents + 10)).isEqualTo(stream);
        for (AppendResult r : won) {
            String commandId = r.events().get(0).record().commandId().orElseThrow();
            assertThat(store.findCommand(commandId)).contains(new CommandRecord(commandId, "INC-2025-001", r.lastVersion()));
        }
    }

    @Test
    @DisplayName("writers on their own streams: every event is in readAll once, in version order")
    void writersOnOwnStreams() throws Exception {
        int writers = 16;
        int appendsEach = 30;
        List<Callable<List<AppendResult>>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String incidentId = incidentId(w);
            int batchSize = 1 + w % 2;
            tasks.add(() -> {
                List<AppendResult> results = new ArrayList<>();
                for (int i = 0; i < appendsEach; i++) {
                    results.add(appendNext(incidentId, batchSize));
                }
                return results;
            });
        }

        List<AppendResult> results = runTogether(tasks).stream().flatMap(List::stream).collect(Collectors.toList());

        List<StoredEvent> appended = results.stream().flatMap(r -> r.events().stream()).collect(Collectors.toList());
        List<StoredEvent> all = readEverything(7);
        assertThat(all).as("every appended event, each once").containsExactlyInAnyOrderElementsOf(appended);
        assertStrictlyIncreasing(positions(all));
        for (int w = 0; w < writers; w++) {
            String incidentId = incidentId(w);
            List<StoredEvent> ofStream = all.stream().filter(e -> e.incidentId().equals(incidentId))
                    .collect(Collectors.toList());
            assertThat(versions(ofStream)).as("versions of %s in global order", incidentId)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, (1 + w % 2) * (long) appendsEach)
                            .boxed().collect(Collectors.toList()));
            assertThat(store.readStream(incidentId, 0)).isEqualTo(ofStream);
        }
    }

    @Test
    @DisplayName("readers never see half an append")
    void noHalfAppends() throws Exception {
        int writers = 2;
        int batchSize = 4;
        // Writers go on until each reader has read this often, or until they wrote this much:
        // enough reads land inside appends of a fast store, and a slow store stays quick.
        int readsWanted = 20_000;
        int maxBatches = 5_000;
        AtomicInteger writersRunning = new AtomicInteger(writers);
        AtomicInteger readersDone = new AtomicInteger();
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String incidentId = incidentId(w);
            tasks.add(() -> {
                try {
                    // Each writer owns its stream and chains on without reading it, so that it
                    // spends its time appending.
                    String hash = HashChain.GENESIS;
                    int batches = 0;
                    while (batches < maxBatches && readersDone.get() < 2) {
                        List<EventRecord> batch = notesAfter(incidentId, (long) batches * batchSize, hash, batchSize,
                                Optional.empty());
                        append(incidentId, versionBefore(batch), batch);
                        hash = batch.get(batchSize - 1).hash();
                        batches++;
                    }
                    return batches;
                } finally {
                    writersRunning.decrementAndGet();
                }
            });
        }
        tasks.add(() -> {
            int reads = 0;
            long[] seenVersion = new long[writers];
            while (writersRunning.get() > 0) {
                for (int w = 0; w < writers; w++) {
                    List<StoredEvent> tail = store.readStream(incidentId(w), seenVersion[w]);
                    if (!tail.isEmpty()) {
                        seenVersion[w] = tail.get(tail.size() - 1).version();
                        assertThat(seenVersion[w] % batchSize).as("last version of %s seen", incidentId(w)).isZero();
                    }
                }
                if (++reads == readsWanted) {
                    readersDone.incrementAndGet();
                }
                stopIfInterrupted();
            }
            return reads;
        });
        tasks.add(() -> {
            int reads = 0;
            LogPosition last = LogPosition.START;
            while (writersRunning.get() > 0) {
                // The limit is above everything the writers can write, so a page ends where the
                // store's visible events end, which must be after a whole batch of each stream.
                List<StoredEvent> page = store.readAll(last, writers * maxBatches * batchSize + 1);
                Map<String, StoredEvent> lastOfStream = new HashMap<>();
                page.forEach(e -> lastOfStream.put(e.incidentId(), e));
                for (StoredEvent e : lastOfStream.values()) {
                    assertThat(e.version() % batchSize).as("last version of %s seen in readAll", e.incidentId()).isZero();
                }
                if (!page.isEmpty()) {
                    last = page.get(page.size() - 1).position();
                }
                if (++reads == readsWanted) {
                    readersDone.incrementAndGet();
                }
                stopIfInterrupted();
            }
            return reads;
        });

        List<Integer> results = runTogether(tasks);

        int batchesWritten = results.get(0) + results.get(1);
        assertThat(readEverything(1000)).hasSize(batchesWritten * batchSize);
    }
}
