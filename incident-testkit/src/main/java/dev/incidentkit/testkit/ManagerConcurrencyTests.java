package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.timeline.TimelineEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link IncidentManagerContract}: concurrent writers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class ManagerConcurrencyTests extends ManagerHarness {

    @Test
    @DisplayName("8 threads adding 25 notes each to one incident: all kept, versions gapless, chain intact")
    void concurrentNotes() throws Exception {
        int threads = 8;
        int each = 25;
        // Every lost race means another writer's append went through, so no command can lose
        // more races than there are notes: with this many retries none may give up.
        RaceGate gate = new RaceGate(store());
        IncidentManager m = manager(b -> b.store(gate).conflictRetries(threads * each));
        String id = m.declare(CHECKOUT, ALICE).id();

        List<List<Incident>> results = concurrently(gate, threads, each,
                (t, i) -> m.addNote(id, "thread " + t + " note " + i, CommandContext.as("thread-" + t)));

        List<RecordedEvent> history = m.history(id);
        List<Long> versions = new ArrayList<>();
        for (long v = 1; v <= 1 + threads * each; v++) {
            versions.add(v);
        }
        assertThat(history).extracting(RecordedEvent::version).containsExactlyElementsOf(versions);
        Set<String> expectedNotes = new HashSet<>();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < each; i++) {
                expectedNotes.add("thread " + t + " note " + i);
            }
        }
        assertThat(m.timeline(id).subList(1, history.size())).extracting(TimelineEntry::text)
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedNotes);
        IncidentAssert.assertThat(m.get(id)).hasNotesCount(threads * each).hasVersion(1 + threads * each);
        assertThat(results.stream().flatMap(List::stream).map(Incident::version))
                .as("each command returned its own version").doesNotHaveDuplicates();
        for (List<Incident> mine : results) {
            assertThat(mine).extracting(Incident::version).as("one thread's versions").isSorted();
        }
        assertThat(gate.conflicts()).as("conflicts the store reported").isGreaterThanOrEqualTo(threads - 1);
        assertThat(m.verify(id).isIntact()).as("verify: %s", m.verify(id)).isTrue();
        assertThat(Incident.replay(history)).isEqualTo(m.get(id));
    }

    @Test
    @DisplayName("8 threads sending the same command id at once write it once and all get its result")
    void racingRetries() throws Exception {
        RaceGate gate = new RaceGate(store());
        IncidentManager m = manager(b -> b.store(gate));
        String id = m.declare(CHECKOUT, ALICE).id();

        List<Incident> results = concurrently(gate, 8, 1, (t, i) -> m.addNote(id, "exactly once", ALICE.commandId("retry-me")))
                .stream().flatMap(List::stream).collect(Collectors.toList());

        assertThat(gate.conflicts()).as("conflicts the store reported").isPositive();
        assertThat(m.history(id)).hasSize(2);
        assertThat(results).allSatisfy(r -> IncidentAssert.assertThat(r).hasVersion(2).hasNotesCount(1));
        assertThat(new HashSet<>(results)).hasSize(1);
    }
}
