package dev.incidentkit.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.store.memory.InMemoryEventStore;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Commands per second through {@link IncidentManager} on the memory store, one thread: each
 * invocation is one incident's whole life, declare, acknowledge, add a note, mitigate, resolve,
 * so five commands and five events ({@code @OperationsPerInvocation(5)}: the score is commands/s).
 *
 * <p>The baseline writes the same five events (envelope and data, snake_case) with plain Jackson,
 * chains them with SHA-256 and adds them to an {@link ArrayList}: what any event log must at
 * least do, with none of IncidentKit's validation, decision, fold or store on top.
 *
 * <p>Both keep every event they write, as the memory store does; each measurement iteration starts
 * from an empty store (and an empty list) so that memory stays bounded.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Threads(1)
public class CommandBenchmark {

    /** An IncidentManager on a memory store that is new at each iteration. */
    @State(Scope.Thread)
    public static class Kit {
        IncidentManager manager;
        Cycle cycle;

        @Setup(Level.Trial)
        public void commands() {
            cycle = new Cycle();
        }

        @Setup(Level.Iteration)
        public void freshStore() {
            manager = IncidentKit.builder().store(new InMemoryEventStore()).clock(Fixtures.CLOCK).build();
        }

        @TearDown(Level.Iteration)
        public void close() {
            manager.close();
        }
    }

    /** The baseline's list, mapper and digest; the list is new at each iteration. */
    @State(Scope.Thread)
    public static class Baseline {
        ObjectWriter writer;
        MessageDigest sha256;
        List<Fixtures.Kept> log;
        long incidents;
        String at;
        String actor;
        String title;
        String severity;
        String service;
        String description;
        String ackNote;
        String note;
        String mitigateNote;
        String resolveNote;

        @Setup(Level.Trial)
        public void fields() {
            writer = Fixtures.SNAKE.writer();
            sha256 = Fixtures.sha256();
            at = Fixtures.NOW.toString();
            actor = Fixtures.ACTOR;
            title = Fixtures.TITLE;
            severity = Severity.SEV2.toString();
            service = Fixtures.SERVICE;
            description = Fixtures.DESCRIPTION;
            ackNote = Fixtures.ACK_NOTE;
            note = Fixtures.NOTE;
            mitigateNote = Fixtures.MITIGATE_NOTE;
            resolveNote = Fixtures.RESOLVE_NOTE;
        }

        @Setup(Level.Iteration)
        public void freshLog() {
            log = new ArrayList<>();
        }

        byte[] append(byte[] previousHash, String incidentId, long version, String type, Object data)
                throws JsonProcessingException {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String eventId = new UUID(random.nextLong(), random.nextLong()).toString();
            byte[] json = writer.writeValueAsBytes(new Fixtures.Envelope(eventId, incidentId, version, type,
                    IncidentEvent.SCHEMA_VERSION, at, at, actor, data));
            sha256.update(previousHash);
            byte[] hash = sha256.digest(json);
            log.add(new Fixtures.Kept(json, hash));
            return hash;
        }
    }

    @Benchmark
    @OperationsPerInvocation(Cycle.COMMANDS)
    public Incident incidentKitCycle(Kit kit) {
        return kit.cycle.run(kit.manager);
    }

    @Benchmark
    @OperationsPerInvocation(Cycle.COMMANDS)
    public byte[] baselineJacksonSha256ArrayList(Baseline b) throws JsonProcessingException {
        String id = "INC-2025-" + (++b.incidents);
        byte[] h = new byte[32];
        h = b.append(h, id, 1, EventTypes.DECLARED, new Fixtures.DeclaredData(id, b.title, b.severity, b.service,
                "open", b.description, b.at, b.at, false));
        h = b.append(h, id, 2, EventTypes.ACKNOWLEDGED, new Fixtures.NoteData(b.ackNote));
        h = b.append(h, id, 3, EventTypes.NOTE_ADDED, new Fixtures.NoteData(b.note));
        h = b.append(h, id, 4, EventTypes.MITIGATED, new Fixtures.StatusData("acknowledged", "mitigated", b.mitigateNote));
        return b.append(h, id, 5, EventTypes.RESOLVED, new Fixtures.StatusData("mitigated", "resolved", b.resolveNote));
    }
}
