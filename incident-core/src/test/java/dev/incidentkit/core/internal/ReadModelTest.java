package dev.incidentkit.core.internal;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.query.ReadModelCheck;
import dev.incidentkit.core.query.ReadModelCheck.Mismatch;
import dev.incidentkit.core.query.ReadModelRebuild;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.testkit.CapturedLog;
import dev.incidentkit.testkit.ForwardingStore;
import dev.incidentkit.testkit.ManualClock;
import dev.incidentkit.testkit.SimpleEventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rebuild and check of the read model when a stream does not fold, and while commands append
 * between their reads.
 */
class ReadModelTest {

    private final SimpleEventStore store = new SimpleEventStore();
    private final Hooks hooks = new Hooks(store);
    private final IncidentManager manager = IncidentKit.builder().store(hooks)
            .clock(ManualClock.at(Instant.parse("2025-08-23T14:30:00Z"))).build();

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void aStreamThatDoesNotFoldIsReportedAndTheIncidentsAfterItAreStillRebuilt() {
        String a = declare("A");
        String b = declare("B");
        String c = declare("C");
        IncidentSummary kept = store.summary(c).orElseThrow();
        assertThat(store.saveSummary(new IncidentSummary(kept.incident(), kept.lastChangedAt().plusSeconds(60))))
                .isTrue();
        hooks.unreadable = b;

        ReadModelCheck before = manager.verifyReadModel();
        ReadModelRebuild rebuild;
        List<String> warnings;
        try (CapturedLog log = CapturedLog.start()) {
            rebuild = manager.rebuildReadModel();
            warnings = log.warningsAndErrors(b);
        }
        ReadModelCheck after = manager.verifyReadModel();

        assertThat(before.mismatches()).extracting(Mismatch::incidentId).containsExactly(b, c);
        assertThat(before.mismatches().get(0).problem()).startsWith("its events do not fold: ");
        assertThat(before.mismatches().get(1).problem()).contains("differs");
        assertThat(rebuild).isEqualTo(new ReadModelRebuild(2, 0, List.of(b)));
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("WARN", "do not fold");
        assertThat(store.summary(c)).contains(kept);
        assertThat(store.summary(a)).isPresent();
        assertThat(after.mismatches()).extracting(Mismatch::incidentId).containsExactly(b);
        assertThat(after.holds()).isFalse();
    }

    /** A command that appends after the check read the summary, before it read the events: no mismatch. */
    @Test
    void anAppendBetweenTheTwoReadsOfTheCheckIsNoMismatch() {
        String a = declare("A");
        hooks.afterSummary(a, () -> manager.addNote(a, "moves on", as("bob")));

        ReadModelCheck check = manager.verifyReadModel();

        assertThat(hooks.fired).as("the append came between the reads").isTrue();
        assertThat(check.mismatches()).isEmpty();
        assertThat(check.holds()).isTrue();
        assertThat(check.incidents()).isEqualTo(1);
        assertThat(check.summaries()).isEqualTo(1);
    }

    /** A command that appends after the rebuild read the events: its summary stays, and the rebuild says so. */
    @Test
    void anAppendDuringTheRebuildIsLeftItsSummary() {
        String a = declare("A");
        String b = declare("B");
        hooks.afterEvents(a, () -> manager.addNote(a, "moves on", as("bob")));

        ReadModelRebuild rebuild = manager.rebuildReadModel();

        assertThat(hooks.fired).isTrue();
        assertThat(rebuild).isEqualTo(new ReadModelRebuild(1, 1, List.of()));
        assertThat(store.summary(a).orElseThrow().version()).isEqualTo(2);
        assertThat(store.summary(b).orElseThrow().version()).isEqualTo(1);
        assertThat(manager.verifyReadModel().holds()).isTrue();
    }

    @Test
    void theCountsAreComparedWithoutAMismatchOfTheirOwn() {
        declare("A");
        declare("B");

        ReadModelCheck check = manager.verifyReadModel();

        assertThat(check).isEqualTo(new ReadModelCheck(2, 2, List.of()));
        assertThat(check.holds()).isTrue();
        assertThat(new ReadModelCheck(2, 3, List.of()).holds()).as("a summary more than incidents").isFalse();
        assertThat(new ReadModelCheck(3, 2, List.of()).holds()).as("a summary less").isFalse();
    }

    private String declare(String title) {
        return manager.declare(Declare.of(title, Severity.SEV2, "checkout"), as("alice")).id();
    }

    /**
     * The store under test, with one incident whose declaration reads back as data that cannot be
     * read (what a damaged row gives), and a command to run once right after a given read.
     */
    static final class Hooks extends ForwardingStore {
        volatile String unreadable = "";
        volatile boolean fired;
        private volatile String summaryOf = "";
        private volatile String eventsOf = "";
        private volatile Runnable hook = () -> {};

        Hooks(EventStore store) {
            super(store);
        }

        void afterSummary(String incidentId, Runnable command) {
            summaryOf = incidentId;
            hook = command;
        }

        void afterEvents(String incidentId, Runnable command) {
            eventsOf = incidentId;
            hook = command;
        }

        @Override
        public Optional<IncidentSummary> summary(String incidentId) {
            Optional<IncidentSummary> read = super.summary(incidentId);
            if (incidentId.equals(summaryOf)) {
                fire();
            }
            return read;
        }

        @Override
        public List<StoredEvent> readStream(String incidentId, long afterVersion) {
            List<StoredEvent> read = super.readStream(incidentId, afterVersion);
            if (incidentId.equals(eventsOf) && afterVersion == 0) {
                fire();
            }
            if (!incidentId.equals(unreadable) || afterVersion > 0 || read.isEmpty()) {
                return read;
            }
            List<StoredEvent> damaged = new ArrayList<>(read);
            EventRecord r = read.get(0).record();
            damaged.set(0, new StoredEvent(read.get(0).position(), new EventRecord(r.eventId(), r.incidentId(),
                    r.version(), r.type(), r.schemaVersion(), r.occurredAt(), r.recordedAt(), r.actor(), r.commandId(),
                    "{}", r.prevHash(), r.hash())));
            return damaged;
        }

        private void fire() {
            summaryOf = "";
            eventsOf = "";
            if (!fired) {
                fired = true;
                hook.run();
            }
        }
    }
}
