package dev.incidentkit.core.export;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.internal.Events;
import dev.incidentkit.core.internal.HashChain;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds an incident's history in memory, chained and numbered as the manager would, without a
 * store and without validating the text: exporters must cope with anything a history can hold.
 */
public final class TestHistory {

    private final String incidentId;
    private final List<RecordedEvent> events = new ArrayList<>();
    private String lastHash = HashChain.GENESIS;
    private long position;

    private TestHistory(String incidentId, long firstPosition) {
        this.incidentId = incidentId;
        this.position = firstPosition;
    }

    /** Starts a history with its declaration; positions count from {@code firstPosition + 1}. */
    public static TestHistory declared(String incidentId, String title, Severity severity, String service,
            String description, Instant at, String actor, long firstPosition) {
        TestHistory h = new TestHistory(incidentId, firstPosition);
        return h.add(at, actor, new IncidentEvent.Declared(incidentId, title, severity, service, Status.OPEN, description,
                at, at, false));
    }

    /** Starts a history with the given declaration, at {@code at}. */
    public static TestHistory declared(Instant at, String actor, IncidentEvent.Declared declaration) {
        return new TestHistory(declaration.incidentId(), 0).add(at, actor, declaration);
    }

    /** Starts a history with its declaration. */
    public static TestHistory declared(String incidentId, String title, Instant at, String actor) {
        return declared(incidentId, title, Severity.SEV2, "checkout", "", at, actor, 0);
    }

    /** Appends one event. */
    public TestHistory add(Instant at, String actor, IncidentEvent event) {
        EventRecord r = Events.records(incidentId, events.size(), lastHash, List.of(event), at, at, Actor.of(actor),
                Optional.empty()).get(0);
        events.add(new RecordedEvent(new StoredEvent(LogPosition.of(++position), r), event));
        lastHash = r.hash();
        return this;
    }

    /** @return the number of events so far */
    public long version() {
        return events.size();
    }

    /** @return the events so far, in version order */
    public List<RecordedEvent> events() {
        return List.copyOf(events);
    }
}
