package dev.incidentkit.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.store.memory.InMemoryEventStore;
import java.io.IOException;
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
 * One typical event, an {@code incident.note_added} with a 100-character note and a command id,
 * as a CloudEvent in the JSON event format (one op = one event):
 * <ul>
 *   <li>{@code encode}: {@code StoredEvent} to CloudEvent to JSON bytes ({@link CloudEventCodec#serialize});</li>
 *   <li>{@code decode}: JSON bytes to CloudEvent to a checked {@code EventRecord}
 *       ({@link CloudEventCodec#deserialize} then {@link CloudEventCodec#toRecord});</li>
 *   <li>the baselines: plain Jackson writing and reading a record of the same attributes, with the
 *       data as a nested object, nothing checked.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Threads(1)
@State(Scope.Benchmark)
public class CloudEventBenchmark {

    /** The CloudEvent's attributes, as the baseline writes and reads them. */
    public record PlainCloudEvent(
            String specversion,
            String id,
            String source,
            String type,
            String time,
            String subject,
            String datacontenttype,
            Fixtures.NoteData data,
            String actor,
            int incidentversion,
            int schemaversion,
            String recordedat,
            String commandid,
            String prevhash,
            String hash) {}

    CloudEventCodec codec;
    StoredEvent event;
    byte[] json;
    PlainCloudEvent plain;
    byte[] plainJson;
    ObjectWriter plainWriter;
    ObjectReader plainReader;

    @Setup(Level.Trial)
    public void event() throws IOException {
        EventStore store = new InMemoryEventStore();
        try (IncidentManager m = IncidentKit.builder().store(store).clock(Fixtures.CLOCK).build()) {
            CommandContext c = CommandContext.as(Fixtures.ACTOR);
            String id = m.declare(Declare.of(Fixtures.TITLE, Severity.SEV2, Fixtures.SERVICE), c).id();
            m.addNote(id, Fixtures.NOTE, c.commandId("cmd-7f3a9c2e-note"));
            List<StoredEvent> events = store.readStream(id, 0);
            event = events.get(events.size() - 1);
            codec = m.cloudEvents();
        }
        EventRecord r = event.record();
        if (!r.type().equals(EventTypes.NOTE_ADDED)) {
            throw new IllegalStateException("the fixture must be a note_added event, is " + r.type());
        }
        json = codec.serialize(event);
        plain = new PlainCloudEvent("1.0", r.eventId().toString(), codec.source().toString(), r.type(),
                r.occurredAt().toString(), r.incidentId(), CloudEventCodec.DATA_CONTENT_TYPE,
                new Fixtures.NoteData(Fixtures.NOTE), r.actor(), Math.toIntExact(r.version()), r.schemaVersion(),
                r.recordedAt().toString(), r.commandId().orElseThrow(), r.prevHash(), r.hash());
        // Plain names: the CloudEvents attribute names are lower case already.
        plainWriter = new ObjectMapper().writerFor(PlainCloudEvent.class);
        plainReader = new ObjectMapper().readerFor(PlainCloudEvent.class);
        plainJson = plainWriter.writeValueAsBytes(plain);
        // Both sides must round trip before they are timed.
        if (!codec.toRecord(codec.deserialize(json)).equals(r)) {
            throw new IllegalStateException("the codec does not round trip the fixture event");
        }
        if (!plainReader.readValue(plainJson).equals(plain)) {
            throw new IllegalStateException("plain Jackson does not round trip the fixture event");
        }
    }

    @Benchmark
    public byte[] encode() {
        return codec.serialize(event);
    }

    @Benchmark
    public EventRecord decode() {
        return codec.toRecord(codec.deserialize(json));
    }

    @Benchmark
    public byte[] baselineJacksonEncode() throws IOException {
        return plainWriter.writeValueAsBytes(plain);
    }

    @Benchmark
    public PlainCloudEvent baselineJacksonDecode() throws IOException {
        return plainReader.readValue(plainJson);
    }
}
