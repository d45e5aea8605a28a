package dev.incidentkit.testkit;

import dev.incidentkit.core.spi.EventRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Alters the rows an {@link dev.incidentkit.core.spi.EventStore} holds, as an attacker with direct
 * access to its storage would: behind the store's back, without recomputing any hash. {@link
 * EventStoreContract} uses it to prove that {@code IncidentManager.verify} catches changed, removed
 * and reordered events, whatever the store.
 *
 * <p>An adapter's test implements it on the adapter's own storage, a JDBC store with plain SQL
 * {@code UPDATE} and {@code DELETE} statements; a store that can rewrite a stream's list of
 * records implements it with {@link #byRewritingStreams}. Versions name events by the version
 * they were stored with. Only tests use it; the stream must exist and hold those versions.
 *
 * @since 0.1.0
 */
public interface Tampering {

    /**
     * Replaces an event's {@code data}, leaving every other field, its hash included, as it was.
     *
     * @param incidentId the stream
     * @param version the event's version
     * @param newData the data to store instead
     */
    void changeData(String incidentId, long version, String newData);

    /**
     * Replaces an event's {@code actor}, leaving every other field, its hash included, as it was.
     *
     * @param incidentId the stream
     * @param version the event's version
     * @param newActor the actor to store instead
     */
    void changeActor(String incidentId, long version, String newActor);

    /**
     * Removes an event from its stream, leaving the others as they were.
     *
     * @param incidentId the stream
     * @param version the event's version
     */
    void delete(String incidentId, long version);

    /**
     * Exchanges the places of two events in the order the store reads the stream in, each event
     * otherwise keeping its own fields: afterwards the stream holds the event stored as {@code
     * versionB} where the one stored as {@code versionA} was, and the other way round. A store that
     * orders a stream by its version column may do this by exchanging every other column of the
     * two rows instead; either way the place of {@code min(versionA, versionB)} holds the wrong
     * event.
     *
     * @param incidentId the stream
     * @param versionA one event's version
     * @param versionB the other event's version, not {@code versionA}
     */
    void swap(String incidentId, long versionA, long versionB);

    /**
     * Rewrites one stream's records in place: the stream's records in stored order go in, the
     * records to store instead come out.
     */
    @FunctionalInterface
    interface StreamRewriter {

        /**
         * @param incidentId the stream
         * @param rewrite turns the stored records, in stored order, into the records to store
         */
        void rewrite(String incidentId, UnaryOperator<List<EventRecord>> rewrite);
    }

    /**
     * Tampering for a store that can rewrite a stream's list of records, such as an in-memory one:
     * each operation edits the list as described above.
     *
     * @param rewriter rewrites one stream of the store under test
     * @return tampering through {@code rewriter}
     */
    static Tampering byRewritingStreams(StreamRewriter rewriter) {
        Objects.requireNonNull(rewriter, "rewriter");
        return new Tampering() {
            @Override
            public void changeData(String incidentId, long version, String newData) {
                edit(incidentId, records -> {
                    int i = indexOf(records, version);
                    EventRecord r = records.get(i);
                    records.set(i, new EventRecord(r.eventId(), r.incidentId(), r.version(), r.type(), r.schemaVersion(),
                            r.occurredAt(), r.recordedAt(), r.actor(), r.commandId(), newData, r.prevHash(), r.hash()));
                });
            }

            @Override
            public void changeActor(String incidentId, long version, String newActor) {
                edit(incidentId, records -> {
                    int i = indexOf(records, version);
                    EventRecord r = records.get(i);
                    records.set(i, new EventRecord(r.eventId(), r.incidentId(), r.version(), r.type(), r.schemaVersion(),
                            r.occurredAt(), r.recordedAt(), newActor, r.commandId(), r.data(), r.prevHash(), r.hash()));
                });
            }

            @Override
            public void delete(String incidentId, long version) {
                edit(incidentId, records -> records.remove(indexOf(records, version)));
            }

            @Override
            public void swap(String incidentId, long versionA, long versionB) {
                edit(incidentId, records -> {
                    int a = indexOf(records, versionA);
                    int b = indexOf(records, versionB);
                    EventRecord atA = records.get(a);
                    records.set(a, records.get(b));
                    records.set(b, atA);
                });
            }

            private void edit(String incidentId, Consumer<List<EventRecord>> change) {
                rewriter.rewrite(incidentId, stored -> {
                    List<EventRecord> records = new ArrayList<>(stored);
                    change.accept(records);
                    return records;
                });
            }

            private int indexOf(List<EventRecord> records, long version) {
                for (int i = 0; i < records.size(); i++) {
                    if (records.get(i).version() == version) {
                        return i;
                    }
                }
                throw new IllegalArgumentException("the stream holds no version " + version);
            }
        };
    }
}
