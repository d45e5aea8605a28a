package dev.incidentkit.core.spi;

import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.DuplicateCommandException;
import dev.incidentkit.core.DuplicateEventException;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.metrics.IncidentFacts;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.IncidentSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stores incident event streams, their global order, incident numbers, command ids and reader
 * checkpoints. This is what a store adapter implements; {@code EventStoreContract} in {@code
 * incident-testkit} checks every rule below, and an adapter is done when it passes.
 *
 * <p><b>Threads.</b> Every method may be called from many threads at once, and, for a shared
 * database, from many processes. Reads must not block appends to other streams for longer than
 * a store's own locking requires, and must never see half an append.
 *
 * <p><b>What core does, and the store does not.</b> Core validates events, numbers their
 * versions, stamps their times (truncated to microseconds, so that every store returns exactly
 * what was written) and computes their hash chain; a store writes {@link EventRecord}s as they
 * are and returns them unchanged, field for field, {@code data} byte for byte.
 *
 * <p><b>Failures.</b> Besides the exceptions named below, any failure of the underlying storage
 * surfaces as a {@link StoreException}, after which the append has been written entirely or not
 * at all.
 *
 * @since 0.1.0
 */
public interface EventStore extends AutoCloseable {

    /**
     * Appends events to one incident's stream, atomically: all of them or none.
     *
     * <p>In this order:
     *
     * <ol>
     *   <li>If the first event's id is already stored: when every event of the batch equals the
     *       stored one with its id, nothing is written and the stored events are returned with
     *       {@link AppendResult#alreadyStored()} set (a retry is safe); otherwise a {@link
     *       DuplicateEventException} is thrown.
     *   <li>If the stream's version is not {@code expectedVersion} (0 for a stream that does not
     *       exist yet), a {@link ConcurrencyConflictException} is thrown.
     *   <li>If an event carries a {@code commandId} stored by an earlier append, a {@link
     *       DuplicateCommandException} is thrown.
     * </ol>
     *
     * <p>The events get global positions greater than those of every event committed before
     * them.
     *
     * <p><b>The read model.</b> In the same transaction, the store replaces the incident's summary
     * with {@code summary}, so that a read of {@link #summary} or {@link #findSummaries} that
     * starts after the append returns sees it, and no read ever sees the events without the
     * summary or the summary without the events. An append that writes nothing (a retry that
     * finds its events stored) leaves the summary as it is. The store does not check the summary
     * against the events beyond its id and version ({@link IncidentSummary#requireFor}): core
     * computes it.
     *
     * <p><b>Alerts.</b> A store whose {@link #alertStore()} keeps alerts records, in the same
     * transaction, the incident of every alert an {@code incident.alert_attached} event of the
     * batch names, as {@link AlertStore#attach} does ({@link AlertStore#attachedBy}): an alert is
     * attached exactly when its event is stored.
     *
     * @param incidentId the stream
     * @param expectedVersion the stream's version the events were decided on
     * @param events at least one event, all of {@code incidentId}, numbered {@code
     *     expectedVersion + 1} onwards without gaps
     * @param summary the incident after these events: its id is {@code incidentId} and its
     *     version the last event's
     * @return the stored events with their positions
     * @throws IllegalArgumentException if the batch is empty, names another stream, holds the
     *     same event id twice or is not numbered from {@code expectedVersion + 1} without gaps, or
     *     if the summary's id or version is not the batch's
     * @throws ConcurrencyConflictException if the stream moved past {@code expectedVersion}
     * @throws DuplicateEventException if an event id is stored with other content
     * @throws DuplicateCommandException if a command id was stored by an earlier append
     */
    AppendResult append(String incidentId, long expectedVersion, List<EventRecord> events, IncidentSummary summary);

    /**
     * Reads one stream, in version order.
     *
     * @param incidentId the stream
     * @param afterVersion return only events with a greater version; 0 for the whole stream
     * @return the events, empty if the stream does not exist or has nothing after {@code
     *     afterVersion}
     */
    List<StoredEvent> readStream(String incidentId, long afterVersion);

    /**
     * Reads the events of every stream in global order, after a position.
     *
     * <p>A reader that feeds back the last position it received never skips an event: an event
     * that becomes visible later always has a greater position than any event returned before.
     * A store whose transactions may commit out of position order returns only the events
     * before the oldest transaction still open, and orders by commit first (see {@link
     * LogPosition}).
     *
     * @param after return only events after this position; {@link LogPosition#START} for all
     * @param limit at most this many events, at least 1
     * @return the events, in order; empty when there is nothing new
     * @throws IllegalArgumentException if {@code limit} is less than 1
     */
    List<StoredEvent> readAll(LogPosition after, int limit);

    /**
     * @return the position of the last event {@link #readAll} can return now, or {@link
     *     LogPosition#START} for an empty store
     */
    LogPosition head();

    /**
     * Allocates the next incident number of a year, atomically across every thread and process
     * sharing the store: 1, 2, 3... A number is never given twice; one may be lost if the
     * declaration that took it fails.
     *
     * @param year the year of declaration
     * @return the new number, at least 1
     */
    long nextIncidentNumber(int year);

    /**
     * Looks up a command id stored with an earlier append.
     *
     * @param commandId the client command id
     * @return where that command wrote, or empty if the id is unknown
     */
    Optional<CommandRecord> findCommand(String commandId);

    /**
     * @param name a reader's name, such as {@code notifier:slack}
     * @return the position that reader saved last, if any
     */
    Optional<LogPosition> checkpoint(String name);

    /**
     * Saves a reader's position; the last save wins.
     *
     * @param name the reader's name
     * @param position the position of the last event it has handled
     */
    void saveCheckpoint(String name, LogPosition position);

    // The read model: one summary per incident, written by append in its transaction.

    /**
     * @param incidentId the incident
     * @return its summary as the last committed append wrote it, or empty if it has no events
     * @since 0.2.0
     */
    Optional<IncidentSummary> summary(String incidentId);

    /**
     * The summaries a query selects, in its order, after its cursor.
     *
     * <p>A summary is selected when {@link IncidentQuery#matches} holds, and comes after the
     * cursor when {@link IncidentQuery#isAfterCursor} holds; the order is {@link
     * IncidentQuery#comparator()}. A store computes the same answer in its own way (an SQL store
     * in SQL, with indexes), and the contract suite holds it to this reference. Incident ids
     * compare as strings of UTF-16 code units (SQL: a binary collation such as PostgreSQL's
     * {@code "C"}), titles through {@link IncidentSummary#titleKey()} against {@link
     * IncidentQuery#titleKey()}.
     *
     * @param query the filters, order and cursor; its own limit is ignored
     * @param limit the most summaries to return, at least 1
     * @return the first {@code limit} summaries selected after the cursor
     * @throws IllegalArgumentException if {@code limit} is less than 1
     * @since 0.2.0
     */
    List<IncidentSummary> findSummaries(IncidentQuery query, int limit);

    /**
     * What the metrics read of the incidents a query selects ({@link IncidentFacts}), in its order,
     * after its cursor: for each summary that {@link #findSummaries findSummaries(query, limit)}
     * returns, in the same order, {@link IncidentFacts#of IncidentFacts.of(summary.incident())}.
     * How {@code IncidentManager.metrics} reads the read model, a page at a time.
     *
     * <p>The default does exactly that, so every store answers correctly without overriding it. A
     * store that can read these few fields without decoding whole snapshots (an SQL store, from
     * columns of their own) overrides it; it then keeps them equal to the summary's, written in
     * the same transaction as the summary by {@link #append} and {@link #saveSummary}, so that a
     * read sees both or neither. The contract suite holds an override to the default's answer.
     *
     * <p>A caller pages as with {@link #findSummaries}, making the cursor from the last facts of a
     * page: their sort value is the declaration instant in microseconds for {@link
     * dev.incidentkit.core.query.SortKey#DECLARED} and the severity's level for {@link
     * dev.incidentkit.core.query.SortKey#SEVERITY} ({@link IncidentQuery#sortValue}). The facts do
     * not hold the last change, so a walk of facts does not sort by it.
     *
     * @param query the filters, order and cursor; its own limit is ignored
     * @param limit the most incidents to return, at least 1
     * @return the facts of the first {@code limit} incidents selected after the cursor
     * @throws IllegalArgumentException if {@code limit} is less than 1
     * @since 0.2.0
     */
    default List<IncidentFacts> findFacts(IncidentQuery query, int limit) {
        List<IncidentSummary> summaries = findSummaries(query, limit);
        List<IncidentFacts> facts = new ArrayList<>(summaries.size());
        for (IncidentSummary summary : summaries) {
            facts.add(IncidentFacts.of(summary.incident()));
        }
        return facts;
    }

    /**
     * @param query the filters; its cursor and limit are ignored
     * @return how many summaries it selects
     * @since 0.2.0
     */
    long countSummaries(IncidentQuery query);

    /**
     * Writes a summary that core recomputed from the log (a rebuild, a repair), if and only if the
     * incident's stream is at exactly {@code summary.version()} at that moment: the stored summary
     * is then replaced, whatever its version (older, equal, or newer, as a summary left ahead of
     * its events by a bug or a partial restore is), or written where none is stored.
     *
     * <p>Atomic against appends: the check of the stream's version and the write are one step, so
     * an append that commits meanwhile is never undone (either it comes first and the stream is
     * past the summary, which is refused, or it comes after and replaces the summary with its
     * own). An incident without events is refused.
     *
     * @param summary the summary, of the incident {@code summary.id()}
     * @return true if it was written; false if the stream is not at {@code summary.version()},
     *     or has no events
     * @since 0.2.0
     */
    boolean saveSummary(IncidentSummary summary);

    /**
     * The ids of the incidents that have events, in ascending order (as {@link
     * String#compareTo}): how a rebuild or a check walks the whole store a page at a time.
     *
     * @param after return only ids greater than this one; the empty string for the first page
     * @param limit the most ids to return, at least 1
     * @return the ids
     * @throws IllegalArgumentException if {@code limit} is less than 1
     * @since 0.2.0
     */
    List<String> incidentIds(String after, int limit);

    /** Releases what the store holds. The default does nothing. */
    @Override
    default void close() {}

    /**
     * The delivery state of the notification dispatcher (leases and dead letters), if this store
     * keeps it. A manager with notifiers needs it. The default has none, so that an adapter
     * written before notifications keeps compiling.
     *
     * @return the store's delivery state, usually the store itself; empty if it keeps none
     * @since 0.1.0
     */
    default Optional<DeliveryStore> deliveryStore() {
        return Optional.empty();
    }

    /**
     * The alert state ({@link AlertStore}: alerts, groups, storm counters, silences), if this
     * store keeps it. {@link dev.incidentkit.core.alert.AlertIntake} needs it. The default has
     * none, so that an adapter written before alerts keeps compiling.
     *
     * @return the store's alert state; empty if it keeps none
     * @since 0.3.0
     */
    default Optional<AlertStore> alertStore() {
        return Optional.empty();
    }

    /**
     * The escalation timers ({@link EscalationStore}), if this store keeps them. Escalation
     * with {@link dev.incidentkit.core.oncall.Escalator} needs it. The default has none,
     * so that an adapter written before escalation keeps compiling.
     *
     * @return the store's escalation timers; empty if it keeps none
     * @since 0.4.0
     */
    default Optional<EscalationStore> escalationStore() {
        return Optional.empty();
    }
}
