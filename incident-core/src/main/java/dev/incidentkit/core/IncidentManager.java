package dev.incidentkit.core;

import dev.incidentkit.core.Command.ChangeSeverity.Direction;
import dev.incidentkit.core.access.Authorizer;
import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.core.metrics.MetricsReport;
import dev.incidentkit.core.notify.Notifications;
import dev.incidentkit.core.query.IncidentPage;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.ReadModelCheck;
import dev.incidentkit.core.query.ReadModelRebuild;
import dev.incidentkit.core.sla.SlaPolicy;
import dev.incidentkit.core.sla.SlaStatus;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.timeline.TimelineEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The facade of IncidentKit: declare incidents, run commands on them, read them back. Built by
 * {@link IncidentKit#builder()}.
 *
 * <p>Every command takes a {@link CommandContext}: who acts, optionally when it happened
 * (back-dating) and a client command id (a repeated id returns the first result and writes
 * nothing). Every command validates its input and checks the {@link Lifecycle} before writing;
 * a rejected command throws one of the {@link IncidentException}s and writes nothing. A command
 * returns the incident as it is after its events.
 *
 * <p>Thread-safe. Reads never block writes. A command that races another on the same incident
 * is decided again on the new state, a few times, before a {@link ConcurrencyConflictException}
 * gets through.
 *
 * @since 0.1.0
 */
public interface IncidentManager extends AutoCloseable {

    /**
     * Declares a new incident and gives it the next id of its year, such as {@code INC-2025-001}.
     *
     * @param declare what is wrong
     * @param context who declares, and when
     * @return the new incident, OPEN
     * @throws ValidationException if a field breaks its rule
     * @throws AccessDeniedException if the {@link #authorizer()} refuses it to the actor
     */
    Incident declare(Declare declare, CommandContext context);

    /**
     * Runs a command on an incident: {@link #submit} without the events it recorded.
     *
     * @param incidentId the incident
     * @param command what to do
     * @param context who does it, and when
     * @return the incident after the command
     * @throws IncidentNotFoundException if there is no such incident
     * @throws IllegalTransitionException if its status does not allow the command
     * @throws ValidationException if a field breaks its rule
     * @throws ConcurrencyConflictException if other writers kept changing the incident
     */
    default Incident execute(String incidentId, Command command, CommandContext context) {
        return submit(incidentId, command, context).incident();
    }

    /**
     * Runs a command on an incident and tells what it recorded, so that a caller reports only the
     * effect the command had (none for a safe retry).
     *
     * @param incidentId the incident
     * @param command what to do
     * @param context who does it, and when
     * @return the incident after the command, and the events the command recorded
     * @throws IncidentNotFoundException if there is no such incident
     * @throws IllegalTransitionException if its status does not allow the command
     * @throws ValidationException if a field breaks its rule
     * @throws ConcurrencyConflictException if other writers kept changing the incident
     * @throws AccessDeniedException if the {@link #authorizer()} refuses it to the actor
     * @since 0.1.0
     */
    CommandResult submit(String incidentId, Command command, CommandContext context);

    /**
     * Reads an incident from the read model: its summary's snapshot, without replaying its events.
     *
     * @param incidentId the incident
     * @return it as it is now, if it exists
     */
    Optional<Incident> find(String incidentId);

    /**
     * One page of the incidents a query selects, read from the read model (one summary per
     * incident, kept by the store in the transaction of each append): the cost is the page's, not
     * the history's. A read that starts after a command returned sees that command.
     *
     * @param query the filters, order, cursor and page size
     * @return the page and the cursor of the next one
     * @throws StoreException if the store cannot be read
     * @since 0.2.0
     */
    IncidentPage query(IncidentQuery query);

    /**
     * @param query the filters; its cursor and page size are ignored
     * @return how many incidents it selects
     * @throws StoreException if the store cannot be read
     * @since 0.2.0
     */
    long count(IncidentQuery query);

    /**
     * Recomputes every summary of the read model from the events (after an upgrade that changes
     * the snapshot, or to repair one), an incident at a time; safe while commands run, since a
     * summary is written only while its incident is still at the version it was folded at. An
     * incident whose events do not fold (data that cannot be read, say) is skipped, logged at WARN
     * and listed in the result; the others are rebuilt all the same.
     *
     * @return how many summaries were rewritten, how many were left to a command that appended
     *     meanwhile, and which incidents failed
     * @throws StoreException if the store cannot be read or written
     * @since 0.2.0
     */
    ReadModelRebuild rebuildReadModel();

    /**
     * Compares every summary of the read model with the fold of its incident's events, and reports
     * each one that differs, is missing, or whose events do not fold; reports an incident whose
     * facts for the metrics ({@link dev.incidentkit.core.spi.EventStore#findFacts}) differ from its
     * summary's; and counts the summaries against the incidents. Writes nothing. Safe while commands run: a summary and events at
     * different versions are read once more before that is reported, since a command may have
     * appended between the two reads; the counts are approximate while incidents are being
     * declared (see {@link ReadModelCheck}).
     *
     * @return what was checked and what differs
     * @throws StoreException if the store cannot be read
     * @since 0.2.0
     */
    ReadModelCheck verifyReadModel();

    /**
     * @param incidentId the incident
     * @return it as it is now
     * @throws IncidentNotFoundException if there is no such incident
     */
    default Incident get(String incidentId) {
        return find(incidentId).orElseThrow(() -> new IncidentNotFoundException(incidentId));
    }

    /**
     * Every incident in the store, from the read model: for small stores and tests. Use {@link
     * #query} to page through a large one.
     *
     * @return every incident in the store, in the order they were declared
     */
    List<Incident> list();

    /**
     * @param incidentId the incident
     * @return its events in version order
     * @throws IncidentNotFoundException if there is no such incident
     */
    List<RecordedEvent> history(String incidentId);

    /**
     * @param incidentId the incident
     * @return its timeline: entries in the order they happened, ties by version
     * @throws IncidentNotFoundException if there is no such incident
     */
    List<TimelineEntry> timeline(String incidentId);

    /**
     * Checks an incident's hash chain: every event's hash over its content and its predecessor's
     * hash, and versions without gaps. A changed, removed or reordered event is reported, with one
     * limit inherent to any hash chain: removing the last events leaves a shorter chain that is
     * still valid. Hosts that must detect that too record an incident's version and last hash
     * elsewhere (an audit log, a ticket) and compare.
     *
     * @param incidentId the incident
     * @return the first event that breaks the chain, if any
     * @throws IncidentNotFoundException if there is no such incident
     */
    VerificationResult verify(String incidentId);

    /**
     * Subscribes to every event recorded from now on, in every incident.
     *
     * @param listener called on the subscription's own thread, once per event, in order
     * @return the subscription; close it to stop
     */
    Subscription subscribe(Consumer<RecordedEvent> listener);

    /**
     * Subscribes to every event after a position, old ones first, then live ones.
     *
     * @param after the position to start after; {@link LogPosition#START} for all
     * @param listener called on the subscription's own thread, once per event, in order
     * @return the subscription; close it to stop
     */
    Subscription subscribe(LogPosition after, Consumer<RecordedEvent> listener);

    /** @return the codec this manager writes CloudEvents with (its {@code source} included) */
    CloudEventCodec cloudEvents();

    /**
     * @return the authorizer this manager asks before every declaration and command, for a host
     *     that serves reads to ask it too ({@link Authorizer#allowAll()} unless the builder was
     *     given another)
     * @since 0.2.0
     */
    Authorizer authorizer();

    /** @return the clock every instant of this manager comes from */
    Clock clock();

    /**
     * Stops the notifiers, closes open subscriptions and the store. Each notifier first delivers
     * what is pending, until it has caught up, fails an attempt made during the drain (one that
     * was failing gets one fresh attempt first) or reaches {@link
     * dev.incidentkit.core.notify.DeliverySettings#drainTimeout()} (a call in progress then still
     * bounded by the call timeout), and is closed; what it left undelivered is logged at WARN and
     * shown by {@code notifications().status(name).undeliveredAtClose()}, which stays readable.
     * The notifiers stop within {@code drainTimeout + 2 × callTimeout + 10 s} in all (see {@link
     * dev.incidentkit.core.notify.DeliverySettings}); closing the store comes after.
     */
    @Override
    void close();

    /**
     * Takes the incident: an OPEN incident becomes ACKNOWLEDGED. Repeating it (same actor, same
     * note) is a no-op; once the incident has moved on, another acknowledgment is rejected (see
     * {@link #acknowledge(String, String, Role, CommandContext)} to join it with a role).
     *
     * @param incidentId the incident
     * @param note what you are doing, possibly empty
     * @param context who acknowledges
     * @return the incident, ACKNOWLEDGED unless it had moved on already
     * @throws IllegalTransitionException if the incident is no longer OPEN and this is no repeat
     */
    default Incident acknowledge(String incidentId, String note, CommandContext context) {
        return execute(incidentId, new Command.Acknowledge(note, Optional.empty()), context);
    }

    /**
     * Takes the incident and a role in it, such as commander. An OPEN incident becomes
     * ACKNOWLEDGED. Any responder joins an incident that has moved on (any status before
     * RESOLVED) this way: the role is assigned to them ({@code incident.role_assigned}) and a
     * note, if given, is added ({@code incident.note_added}); the status and the first
     * acknowledgment stay as they are. Taking a role one holds already is a no-op. Use {@link
     * #submit} to learn which of these happened.
     *
     * @param incidentId the incident
     * @param note what you are doing, possibly empty
     * @param role the role you take
     * @param context who acknowledges
     * @return the incident, holding the role for the actor
     * @throws IllegalTransitionException if the incident is resolved, closed, canceled or a duplicate
     */
    default Incident acknowledge(String incidentId, String note, Role role, CommandContext context) {
        return execute(incidentId, new Command.Acknowledge(note, Optional.of(role)), context);
    }

    /**
     * @param incidentId the incident
     * @param note why
     * @param context who
     * @return the incident, INVESTIGATING
     * @throws IllegalTransitionException if the incident's status does not allow it (see {@link Lifecycle})
     */
    default Incident investigate(String incidentId, String note, CommandContext context) {
        return execute(incidentId, new Command.ChangeStatus(Status.INVESTIGATING, note), context);
    }

    /**
     * @param incidentId the incident
     * @param note the cause
     * @param context who
     * @return the incident, IDENTIFIED
     * @throws IllegalTransitionException if the incident's status does not allow it (see {@link Lifecycle})
     */
    default Incident identify(String incidentId, String note, CommandContext context) {
        return execute(incidentId, new Command.ChangeStatus(Status.IDENTIFIED, note), context);
    }

    /**
     * @param incidentId the incident
     * @param note how
     * @param context who
     * @return the incident, MITIGATED
     * @throws IllegalTransitionException if the incident's status does not allow it (see {@link Lifecycle})
     */
    default Incident mitigate(String incidentId, String note, CommandContext context) {
        return execute(incidentId, new Command.ChangeStatus(Status.MITIGATED, note), context);
    }

    /**
     * @param incidentId the incident
     * @param note how
     * @param context who
     * @return the incident, RESOLVED
     * @throws IllegalTransitionException if the incident's status does not allow it (see {@link Lifecycle})
     */
    default Incident resolve(String incidentId, String note, CommandContext context) {
        return execute(incidentId, new Command.ChangeStatus(Status.RESOLVED, note), context);
    }

    /**
     * Closes a RESOLVED incident: its postmortem is done. Named apart from {@link #close()},
     * which shuts this manager down.
     *
     * @param incidentId the incident
     * @param note why
     * @param context who
     * @return the incident, CLOSED
     * @throws IllegalTransitionException if the incident is not RESOLVED
     * @since 0.2.0
     */
    default Incident closeIncident(String incidentId, String note, CommandContext context) {
        return execute(incidentId, new Command.ChangeStatus(Status.CLOSED, note), context);
    }

    /**
     * @param incidentId the incident
     * @param note why, required
     * @param context who
     * @return the incident, INVESTIGATING
     * @throws IllegalTransitionException if the incident is not resolved, closed, canceled or a duplicate,
     *     or is closed under {@link Lifecycle#withoutReopeningClosed()}
     * @throws ValidationException if the note is blank
     */
    default Incident reopen(String incidentId, String note, CommandContext context) {
        return execute(incidentId, new Command.Reopen(note), context);
    }

    /**
     * @param incidentId the incident
     * @param reason why, required
     * @param context who
     * @return the incident, CANCELED
     * @throws IllegalTransitionException if the incident is past INVESTIGATING
     * @throws ValidationException if the reason is blank
     */
    default Incident cancel(String incidentId, String reason, CommandContext context) {
        return execute(incidentId, new Command.Cancel(reason), context);
    }

    /**
     * @param incidentId the incident
     * @param survivorId the incident that covers the same problem
     * @param note why
     * @param context who
     * @return the incident, DUPLICATE
     * @throws IncidentNotFoundException if there is no such incident, or no survivor
     * @throws IllegalTransitionException if the incident is canceled, closed or a duplicate already, or the
     *     survivor is itself a duplicate
     */
    default Incident markDuplicate(String incidentId, String survivorId, String note, CommandContext context) {
        return execute(incidentId, new Command.MarkDuplicate(survivorId, note), context);
    }

    /**
     * @param incidentId the incident
     * @param note the update
     * @param context who
     * @return the incident
     */
    default Incident addNote(String incidentId, String note, CommandContext context) {
        return execute(incidentId, new Command.AddNote(note), context);
    }

    /**
     * @param incidentId the incident
     * @param to a more severe level
     * @param note why
     * @param context who
     * @return the incident; unchanged if {@code to} is its severity already
     * @throws ValidationException if {@code to} is less severe than the current severity
     */
    default Incident escalate(String incidentId, Severity to, String note, CommandContext context) {
        return execute(incidentId, new Command.ChangeSeverity(to, Direction.ESCALATE, note), context);
    }

    /**
     * @param incidentId the incident
     * @param to a less severe level
     * @param note why
     * @param context who
     * @return the incident; unchanged if {@code to} is its severity already
     * @throws ValidationException if {@code to} is more severe than the current severity
     */
    default Incident downgrade(String incidentId, Severity to, String note, CommandContext context) {
        return execute(incidentId, new Command.ChangeSeverity(to, Direction.DOWNGRADE, note), context);
    }

    /**
     * @param incidentId the incident
     * @param service another affected service
     * @param note how
     * @param context who
     * @return the incident
     */
    default Incident correlateService(String incidentId, String service, String note, CommandContext context) {
        return execute(incidentId, new Command.CorrelateService(service, note), context);
    }

    /**
     * @param incidentId the incident
     * @param role the role
     * @param assignee who takes it
     * @param context who
     * @return the incident
     */
    default Incident assignRole(String incidentId, Role role, Actor assignee, CommandContext context) {
        return execute(incidentId, new Command.AssignRole(role, assignee), context);
    }

    /**
     * @param incidentId the incident
     * @param text what is to be done
     * @param owner who does it, if decided
     * @param due by when, if decided
     * @param context who
     * @return the incident, whose last action item is the new one
     */
    default Incident addActionItem(
            String incidentId, String text, Optional<Actor> owner, Optional<LocalDate> due, CommandContext context) {
        return execute(incidentId, new Command.AddActionItem(text, owner, due), context);
    }

    /**
     * @param incidentId the incident
     * @param itemId the action item
     * @param context who
     * @return the incident
     * @throws ValidationException if the incident has no action item {@code itemId}
     */
    default Incident completeActionItem(String incidentId, int itemId, CommandContext context) {
        return execute(incidentId, new Command.CompleteActionItem(itemId, ""), context);
    }

    /**
     * @param incidentId the incident
     * @param changes the fields to write
     * @param context who
     * @return the incident
     */
    default Incident updatePostmortem(String incidentId, PostmortemUpdate changes, CommandContext context) {
        return execute(incidentId, new Command.UpdatePostmortem(changes), context);
    }

    /**
     * Posts an update for customers, for the public status page ({@link Command.PostPublicUpdate}).
     *
     * @param incidentId the incident
     * @param title its public title, such as {@code Checkout issues}
     * @param status where it stands for customers
     * @param impact how its services work meanwhile
     * @param message what customers read
     * @param context who
     * @return the incident
     * @since 0.5.0
     */
    default Incident postPublicUpdate(String incidentId, String title, PublicStatus status, ComponentStatus impact,
            String message, CommandContext context) {
        return execute(incidentId, new Command.PostPublicUpdate(title, status, impact, message), context);
    }

    /**
     * Computes the metrics of the incidents a query covers, in one pass over what the read model
     * keeps of each for the metrics ({@link dev.incidentkit.core.metrics.IncidentFacts}, read with
     * {@link dev.incidentkit.core.spi.EventStore#findFacts}), not the events and, on a store that
     * keeps the facts apart, not the snapshots either.
     * When the query has no {@link MetricQuery#asOf() asOf}, this manager's clock gives it, so
     * that open action items older than 90 days count as overdue.
     *
     * @param query which incidents to cover
     * @return the report
     * @since 0.1.0
     */
    MetricsReport metrics(MetricQuery query);

    /**
     * Reads the events of every incident after a position, in the store's global order, on the
     * caller's thread: the pull form of {@link #subscribe(LogPosition, Consumer)}, for a reader
     * that catches up when it chooses, such as {@link dev.incidentkit.core.sla.SlaMonitor}. An
     * event that commits later with a smaller position is never skipped by a reader that
     * continues from the last position it got.
     *
     * @param after the position to read after; {@link LogPosition#START} for the first events
     * @param limit the most events to return, at least 1
     * @return the next events in global order; fewer than {@code limit} when the reader is caught up
     * @throws IllegalArgumentException if {@code limit} is less than 1
     * @throws StoreException if the store cannot be read
     * @since 0.1.0
     */
    List<RecordedEvent> events(LogPosition after, int limit);

    /**
     * The position of the last event {@link #events} can return now: a cheap way to learn whether
     * anything was recorded since a position seen before (a cache of reads keys on it).
     *
     * @return that position, or {@link LogPosition#START} for an empty store
     * @throws StoreException if the store cannot be read
     * @since 0.2.0
     */
    LogPosition head();

    /**
     * The position a reader of {@link #events} saved last under its name, to resume there after a
     * restart: how {@link dev.incidentkit.core.sla.SlaMonitor} finds what changed while no monitor
     * ran. Names starting with {@code notifier:} belong to the notification workers and are
     * refused here: read them through {@link #notifications()}.
     *
     * @param name the reader's name, such as {@code sla-monitor:sla-monitor}
     * @return the position it saved last, if any
     * @throws ValidationException if the name starts with {@code notifier:}
     * @throws StoreException if the store cannot be read
     * @since 0.2.0
     */
    Optional<LogPosition> checkpoint(String name);

    /**
     * Saves a reader's position, replacing the one saved under its name ({@link #checkpoint}).
     * Names starting with {@code notifier:} are refused: those checkpoints belong to the
     * notification workers, which a foreign write would make skip or repeat deliveries.
     *
     * @param name the reader's name
     * @param position the position of the last event it has dealt with
     * @throws ValidationException if the name starts with {@code notifier:}
     * @throws StoreException if the store cannot be written
     * @since 0.2.0
     */
    void saveCheckpoint(String name, LogPosition position);

    /**
     * @return the SLA policy of this manager, {@link SlaPolicy#ofDefaults()} unless the builder was
     *     given another
     * @since 0.1.0
     */
    SlaPolicy slaPolicy();

    /**
     * The SLA clocks of an incident now, by this manager's clock and {@link #slaPolicy()}.
     *
     * @param incidentId the incident
     * @return its SLA status
     * @throws IncidentNotFoundException if there is no such incident
     * @since 0.1.0
     */
    default SlaStatus slaStatus(String incidentId) {
        List<RecordedEvent> history = history(incidentId);
        Instant now = clock().instant();
        // A declaration back-dated into the allowed clock skew lies after "now" for a moment.
        Instant declared = history.get(0).occurredAt();
        return slaPolicy().status(history, now.isBefore(declared) ? declared : now);
    }

    /**
     * The notification dispatcher of this manager: its notifiers, their checkpoints and leases,
     * and their dead letters, which can be replayed.
     *
     * @return the notifications view; without notifiers, one that lists none
     * @since 0.1.0
     */
    default Notifications notifications() {
        return Notifications.none();
    }
}
