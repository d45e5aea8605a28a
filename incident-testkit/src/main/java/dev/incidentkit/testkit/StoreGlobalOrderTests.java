package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link EventStoreContract}: global order. */
abstract class StoreGlobalOrderTests extends StoreHarness {

    @Test
    @DisplayName("an empty store has nothing to read and its head is START")
    void emptyStore() {
        assertThat(store.readAll(LogPosition.START, 10)).isEmpty();
        assertThat(store.head()).isEqualTo(LogPosition.START);
    }

    @Test
    @DisplayName("readAll returns every stream's events in the order they were appended")
    void appendOrder() {
        List<StoredEvent> appended = new ArrayList<>();
        appended.addAll(appendNext("INC-2025-001", 2).events());
        appended.addAll(appendNext("INC-2025-002", 1).events());
        appended.addAll(appendNext("INC-2025-001", 1).events());
        appended.addAll(appendNext("INC-2025-003", 3).events());
        appended.addAll(appendNext("INC-2025-002", 2).events());

        List<StoredEvent> all = store.readAll(LogPosition.START, 100);

        assertThat(all).isEqualTo(appended);
        assertStrictlyIncreasing(positions(all));
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {1, 2, 3, 7, 9, 100})
    @DisplayName("paging from the last position returned reads every event once, in order")
    void paging(int limit) {
        appendNext("INC-2025-001", 3);
        appendNext("INC-2025-002", 2);
        appendNext("INC-2025-001", 4);
        List<StoredEvent> all = store.readAll(LogPosition.START, 100);

        List<StoredEvent> paged = new ArrayList<>();
        LogPosition last = LogPosition.START;
        List<StoredEvent> page;
        while (!(page = store.readAll(last, limit)).isEmpty()) {
            assertThat(page).hasSizeLessThanOrEqualTo(limit);
            paged.addAll(page);
            last = page.get(page.size() - 1).position();
        }

        assertThat(all).hasSize(9);
        assertThat(paged).isEqualTo(all);
    }

    @Test
    @DisplayName("readAll after a position returns only later events")
    void afterPosition() {
        appendNext("INC-2025-001", 3);
        appendNext("INC-2025-002", 3);
        List<StoredEvent> all = store.readAll(LogPosition.START, 100);

        assertThat(store.readAll(all.get(3).position(), 100)).isEqualTo(all.subList(4, 6));
        assertThat(store.readAll(all.get(5).position(), 100)).isEmpty();
    }

    @Test
    @DisplayName("head is the position of the last event")
    void head() {
        AppendResult first = appendNext("INC-2025-001", 2);
        assertThat(store.head()).isEqualTo(first.events().get(1).position());

        AppendResult second = appendNext("INC-2025-002", 3);

        assertThat(store.head()).isEqualTo(second.events().get(2).position());
        List<StoredEvent> all = store.readAll(LogPosition.START, 100);
        assertThat(store.head()).isEqualTo(all.get(all.size() - 1).position());
        assertThat(store.readAll(store.head(), 100)).isEmpty();
    }

    @Test
    @DisplayName("a reader paging while writers append sees every event once, in order")
    void readerDuringAppends() throws Exception {
        int writers = 6;
        int appendsEach = 40;
        AtomicInteger writersRunning = new AtomicInteger(writers);
        List<Callable<List<StoredEvent>>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String incidentId = incidentId(w);
            int batchSize = 1 + w % 3;
            tasks.add(() -> {
                try {
                    List<StoredEvent> appended = new ArrayList<>();
                    for (int i = 0; i < appendsEach; i++) {
                        appended.addAll(appendNext(incidentId, batchSize).events());
                    }
                    return appended;
                } finally {
                    writersRunning.decrementAndGet();
                }
            });
        }
        tasks.add(() -> {
            List<StoredEvent> seen = new ArrayList<>();
            LogPosition last = LogPosition.START;
            while (true) {
                // Read the flag before the page: when the writers were done before it, an empty
                // page means the reader has caught up with everything they wrote.
                boolean writersDone = writersRunning.get() == 0;
                List<StoredEvent> page = store.readAll(last, 5);
                if (page.isEmpty()) {
                    if (writersDone) {
                        return seen;
                    }
                    giveWay();
                    continue;
                }
                for (StoredEvent e : page) {
                    assertThat(e.position()).as("positions increase").isGreaterThan(last);
                    seen.add(e);
                    last = e.position();
                }
            }
        });

        List<List<StoredEvent>> results = runTogether(tasks);

        List<StoredEvent> seen = results.get(writers);
        List<StoredEvent> appended = results.subList(0, writers).stream().flatMap(List::stream)
                .collect(Collectors.toList());
        assertThat(seen).as("every appended event, each once").containsExactlyInAnyOrderElementsOf(appended);
        assertStrictlyIncreasing(positions(seen));
        assertThat(seen).isEqualTo(readEverything(100));
    }
}
