package dev.incidentkit.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.internal.Events;
import dev.incidentkit.core.internal.IncidentFold;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.store.memory.InMemoryEventStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * Rebuilding an incident's snapshot from its 1,000 events (one op = one whole rebuild):
 * <ul>
 *   <li>{@code replayDecoded}: {@link Incident#replay} of events already decoded, the fold alone;</li>
 *   <li>{@code replayStored}: from the store's {@link StoredEvent}s, JSON decode and validation of
 *       each event's data included ({@code Events.decode} then {@code IncidentFold.replay}), the path
 *       a manager takes on a snapshot-cache miss;</li>
 *   <li>{@code baselineJacksonReadTree}: the same 1,000 events' data parsed with plain Jackson into
 *       {@link JsonNode}s added to an {@link ArrayList}, nothing checked and nothing folded.</li>
 * </ul>
 *
 * <p>The incident is written once per trial through an {@link IncidentManager}: declared,
 * acknowledged, investigated, then mostly 100-character notes with a severity change, a
 * correlated service or an action item every few events, then identified, mitigated, resolved.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Threads(1)
@State(Scope.Benchmark)
public class ReplayBenchmark {

    static final int EVENTS = 1_000;

    List<StoredEvent> stored;
    List<RecordedEvent> decoded;
    ObjectReader reader;

    @Setup(Level.Trial)
    public void writeIncident() {
        EventStore store = new InMemoryEventStore();
        try (IncidentManager m = IncidentKit.builder().store(store).clock(Fixtures.CLOCK).build()) {
            CommandContext c = CommandContext.as(Fixtures.ACTOR);
            String id = m.declare(Declare.of(Fixtures.TITLE, Severity.SEV2, Fixtures.SERVICE)
                    .description(Fixtures.DESCRIPTION), c).id();
            m.acknowledge(id, Fixtures.ACK_NOTE, Role.COMMANDER, c);
            m.investigate(id, "Looking at the deploy of 11:52.", c);
            boolean severe = false;
            for (int i = 4; i <= EVENTS - 3; i++) {
                switch (i % 20) {
                    case 0:
                        m.correlateService(id, "dependency-" + i, "Also affected.", c);
                        break;
                    case 5:
                        severe = !severe;
                        if (severe) {
                            m.escalate(id, Severity.SEV1, "Spreading to other regions.", c);
                        } else {
                            m.downgrade(id, Severity.SEV2, "Contained to one region again.", c);
                        }
                        break;
                    case 10:
                        m.addActionItem(id, "Alert on connection pool saturation (" + i + ")",
                                Optional.of(Actor.of("bob")), Optional.empty(), c);
                        break;
                    default:
                        m.addNote(id, Fixtures.NOTE, c);
                        break;
                }
            }
            m.identify(id, "Connection pool of 5 in the new config.", c);
            m.mitigate(id, Fixtures.MITIGATE_NOTE, c);
            m.resolve(id, Fixtures.RESOLVE_NOTE, c);
            stored = List.copyOf(store.readStream(id, 0));
        }
        if (stored.size() != EVENTS) {
            throw new IllegalStateException("the fixture incident must have " + EVENTS + " events, has " + stored.size());
        }
        decoded = List.copyOf(Events.decode(stored));
        reader = Fixtures.SNAKE.reader();
    }

    @Benchmark
    public Incident replayDecoded() {
        return Incident.replay(decoded);
    }

    @Benchmark
    public Incident replayStored() {
        return IncidentFold.replay(Events.decode(stored));
    }

    @Benchmark
    public List<JsonNode> baselineJacksonReadTree() throws JsonProcessingException {
        List<StoredEvent> events = stored;
        List<JsonNode> out = new ArrayList<>(events.size());
        for (StoredEvent s : events) {
            out.add(reader.readTree(s.record().data()));
        }
        return out;
    }
}
