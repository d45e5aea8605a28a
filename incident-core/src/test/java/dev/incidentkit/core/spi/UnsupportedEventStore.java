package dev.incidentkit.core.spi;

import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.IncidentSummary;
import java.util.List;
import java.util.Optional;

/**
 * An event store whose every operation throws: a test extends it with just the operations its
 * subject may use, so that any other call fails the test loudly.
 */
public abstract class UnsupportedEventStore implements EventStore {

    @Override
    public AppendResult append(String incidentId, long expectedVersion, List<EventRecord> events,
            IncidentSummary summary) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<IncidentSummary> summary(String incidentId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<IncidentSummary> findSummaries(IncidentQuery query, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long countSummaries(IncidentQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean saveSummary(IncidentSummary summary) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> incidentIds(String after, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<StoredEvent> readStream(String incidentId, long afterVersion) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<StoredEvent> readAll(LogPosition after, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public LogPosition head() {
        throw new UnsupportedOperationException();
    }

    @Override
    public long nextIncidentNumber(int year) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<CommandRecord> findCommand(String commandId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<LogPosition> checkpoint(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void saveCheckpoint(String name, LogPosition position) {
        throw new UnsupportedOperationException();
    }
}
