package dev.incidentkit.benchmarks;

import static dev.incidentkit.core.CommandContext.as;

import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.export.Escaping;
import dev.incidentkit.core.export.MarkdownExport;
import dev.incidentkit.core.export.TextExport;
import dev.incidentkit.core.timeline.Timeline;
import dev.incidentkit.core.timeline.TimelineEntry;
import dev.incidentkit.store.memory.InMemoryEventStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exporting a 1,000-event incident (one op = one whole document):
 * <ul>
 *   <li>{@code markdown}: the postmortem, {@link MarkdownExport#postmortem(List)}: replay of the snapshot,
 *       the timeline, escaping of every text, the document;</li>
 *   <li>{@code text}: the plain-text timeline, {@link TextExport#timeline(List)};</li>
 *   <li>{@code escapeOnly}: {@link Escaping#markdown(String)} of the same 1,000 texts appended to
 *       one {@link StringBuilder}, the escaping part of the Markdown export alone;</li>
 *   <li>{@code baselineConcatenate}: the same 1,000 texts appended to one {@link StringBuilder}
 *       as list items, with no escaping, no replay and no timeline.</li>
 * </ul>
 *
 * <p>The incident is written once per trial through an {@link IncidentManager} on the in-memory
 * store, every command back-dated from a fixed clock: declared, acknowledged, then 998 notes of
 * about 100 characters with a few Markdown metacharacters each, one a minute.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
@State(Scope.Benchmark)
public class ExportBenchmark {

    private static final int EVENTS = 1_000;
    private static final Instant DECLARED = Instant.parse("2025-08-23T14:30:00Z");

    /** The incident's history, version order. */
    List<RecordedEvent> history;
    /** The user text of each of its events: the title, the acknowledgement's note, the notes. */
    List<String> texts;

    /** Writes the incident and checks that it has exactly 1,000 events. */
    @Setup(Level.Trial)
    public void writeIncident() {
        Clock clock = Clock.fixed(DECLARED.plusSeconds(60L * (EVENTS + 10)), ZoneOffset.UTC);
        try (IncidentManager incidents = IncidentKit.builder().store(new InMemoryEventStore()).clock(clock).build()) {
            String id = incidents.declare(Declare.of("Checkout latency: p99 above 5 s on orders-db", Severity.SEV2,
                    "checkout"), as("alice@example.com").at(DECLARED)).id();
            incidents.acknowledge(id, "Investigating database metrics", as("bob@example.com").at(DECLARED.plusSeconds(30)));
            for (int i = 1; i <= EVENTS - 2; i++) {
                incidents.addNote(id, "Update " + i + ": checked shard " + (i % 17) + " of orders-db, p99 at "
                        + (400 + i % 250) + " ms (was 5.2 s); next: look at *GC* logs_" + i + " <db-" + (i % 5) + ">",
                        as(i % 2 == 0 ? "alice@example.com" : "bob@example.com").at(DECLARED.plusSeconds(60L * i)));
            }
            history = incidents.history(id);
        }
        if (history.size() != EVENTS) {
            throw new IllegalStateException("expected " + EVENTS + " events, got " + history.size());
        }
        texts = new ArrayList<>(EVENTS);
        for (TimelineEntry entry : Timeline.of(history)) {
            texts.add(entry.text());
        }
    }

    /** The Markdown postmortem of the whole incident. */
    @Benchmark
    public String markdown() {
        return MarkdownExport.postmortem(history);
    }

    /** The plain-text timeline of the whole incident. */
    @Benchmark
    public String text() {
        return TextExport.timeline(history);
    }

    /** @return the 1,000 texts escaped for Markdown, as list items */
    @Benchmark
    public String escapeOnly() {
        StringBuilder out = new StringBuilder(128 * EVENTS);
        for (String t : texts) {
            out.append("- ").append(Escaping.markdown(t)).append('\n');
        }
        return out.toString();
    }

    /** @return the 1,000 texts as list items, nothing escaped */
    @Benchmark
    public String baselineConcatenate() {
        StringBuilder out = new StringBuilder(128 * EVENTS);
        for (String t : texts) {
            out.append("- ").append(t).append('\n');
        }
        return out.toString();
    }
}
