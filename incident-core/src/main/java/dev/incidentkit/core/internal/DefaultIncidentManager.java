package dev.incidentkit.core.internal;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.CommandResult;
import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.DuplicateCommandException;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.IncidentNotFoundException;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.Subscription;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.VerificationResult;
import dev.incidentkit.core.VerificationResult.Violation;
import dev.incidentkit.core.access.Action;
import dev.incidentkit.core.access.Authorizer;
import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.internal.IncidentCache.Entry;
import dev.incidentkit.core.metrics.MetricQuery;
import dev.incidentkit.core.metrics.MetricsReport;
import dev.incidentkit.core.notify.Notifications;
import dev.incidentkit.core.query.IncidentPage;
import dev.incidentkit.core.query.IncidentQuery;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.query.ReadModelCheck;
import dev.incidentkit.core.query.ReadModelRebuild;
import dev.incidentkit.core.query.SortDirection;
import dev.incidentkit.core.query.SortKey;
import dev.incidentkit.core.sla.SlaPolicy;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.CommandRecord;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.core.spi.StoredEvent;
import dev.incidentkit.core.timeline.Timeline;
import dev.incidentkit.core.timeline.TimelineEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The {@link IncidentManager}: decide on the current state, append with the version read, retry on a race. */
public final class DefaultIncidentManager implements IncidentManager {

    private final ManagerSettings settings;
    private final EventStore store;
    private final Decider decider;
    private final IncidentCache cache;
    private final ReadModel readModel;
    private final AppendSignal signal = new AppendSignal();
    private final Set<PollingSubscription> subscriptions = ConcurrentHashMap.newKeySet();

    public DefaultIncidentManager(ManagerSettings settings) {
        this.settings = settings;
        this.store = settings.store();
        this.decider = new Decider(settings.lifecycle());
        this.cache = NotificationDispatcher.cacheFor(settings.notifications(), settings.snapshotCacheSize());
        this.readModel = new ReadModel(store);
        // Undeliverable pages reach the listeners of notifications() (an Escalator, say).
        this.dispatcher = new NotificationDispatcher(store, settings.codec(), settings.clock(), settings.notifications(),
                signal, cache, settings.contacts(), PageFailures.ignore());
        this.dispatcher.start();
    }

    @Override
    public Incident declare(Declare declare, CommandContext context) {
        Instant now = now();
        Instant at = occurredAt(context, now);
        Backdating.declaration(Decider.validate(declare, at), at, now, settings.maxBackdating());
        settings.authorizer().authorize(context.actor(), new Action.Declare(declare));
        Optional<String> commandId = context.commandId();
        if (commandId.isPresent()) {
            Optional<CommandRecord> done = store.findCommand(commandId.get());
            if (done.isPresent()) {
                return declaredBy(done.get());
            }
        }
        int year = at.atZone(settings.zone()).getYear();
        long number = store.nextIncidentNumber(year);
        String id = incidentId(year, number);
        IncidentEvent.Declared event = Decider.declared(id, declare, at);
        List<EventRecord> records = Events.records(id, 0, HashChain.GENESIS, List.of(event), at, now,
                context.actor(), commandId);
        Incident incident = IncidentFold.replay(provisional(records, List.of(event)));
        AppendResult result;
        try {
            result = store.append(id, 0, records, summary(incident, records));
        } catch (DuplicateCommandException e) {
            return declaredBy(store.findCommand(e.commandId()).orElseThrow(() -> e));
        } catch (ConcurrencyConflictException e) {
            throw new StoreException("Incident number " + id + " was given twice by the store; its "
                    + "nextIncidentNumber is not atomic.", e);
        }
        List<RecordedEvent> recorded = typed(result.events(), List.of(event));
        committed(incident, recorded, at);
        return incident;
    }

    @Override
    public CommandResult submit(String incidentId, Command command, CommandContext context) {
        Decider.validate(command);
        Command pending = command;   // an attachment loses the alerts found attached already
        Instant now = now();
        // An attachment's events carry each alert's own command id instead (AttachAlerts.commandIdOf).
        Optional<String> commandId = command instanceof Command.AttachAlerts ? Optional.empty() : context.commandId();
        for (int attempt = 0; ; attempt++) {
            Entry current = load(incidentId).orElseThrow(() -> new IncidentNotFoundException(incidentId));
            Incident incident = current.incident();
            // A retry is looked up after the load: a first attempt that committed before it (in
            // this process or another, given the same Idempotency-Key) is then found, and answers,
            // to its own actor only (it was authorized when it ran; the roles may have moved since).
            Optional<CommandRecord> done = commandId.flatMap(store::findCommand);
            if (done.isPresent()) {
                return replayOf(incidentId, done.get(), context.actor());
            }
            settings.authorizer().authorize(context.actor(), new Action.Run(incident, pending));
            if (context.expectedVersion().isPresent() && context.expectedVersion().getAsLong() != incident.version()) {
                throw new ConcurrencyConflictException(incidentId, context.expectedVersion().getAsLong(), incident.version());
            }
            Instant at = occurredAt(context, now);
            Backdating.command(incident, pending, at, settings.zone());
            List<IncidentEvent> events = decider.decide(incident, pending, context.actor(), this::find);
            if (events.isEmpty()) {
                return new CommandResult(incident, List.of());
            }
            Backdating.order(incident, events, at, current.lastMoveAt());
            List<EventRecord> records = Events.records(incidentId, incident.version(), current.lastHash(), events, at,
                    now, context.actor(), commandIds(events, commandId));
            Incident next = IncidentFold.apply(incident, provisional(records, events));
            AppendResult result;
            try {
                result = store.append(incidentId, incident.version(), records, summary(next, records));
            } catch (ConcurrencyConflictException e) {
                cache.invalidate(incidentId);
                if (attempt >= settings.conflictRetries() || context.expectedVersion().isPresent()) {
                    // The write that won may be this very command, sent again elsewhere: its result is the answer.
                    Optional<CommandRecord> won = commandId.flatMap(store::findCommand);
                    if (won.isPresent()) {
                        return replayOf(incidentId, won.get(), context.actor());
                    }
                    throw e;
                }
                continue;
            } catch (DuplicateCommandException e) {
                if (pending instanceof Command.AttachAlerts attach) {
                    // Some of its alerts were attached meanwhile (another process took a claim
                    // over, or this is a retry): attach the others.
                    Set<String> attached = attachedAlready(attach);
                    if (attached.isEmpty()) {
                        throw e;   // not an alert's id: nothing left out would change the outcome
                    }
                    Optional<Command.AttachAlerts> rest = attach.without(attached);
                    if (rest.isEmpty()) {
                        return new CommandResult(incident, List.of());
                    }
                    pending = rest.get();
                    continue;
                }
                return replayOf(incidentId, store.findCommand(e.commandId()).orElseThrow(() -> e), context.actor());
            }
            List<RecordedEvent> recorded = typed(result.events(), events);
            committed(next, recorded, current.lastMoveAt());
            return new CommandResult(next, recorded);
        }
    }

    @Override
    public LogPosition head() {
        return store.head();
    }

    @Override
    public Authorizer authorizer() {
        return settings.authorizer();
    }

    @Override
    public Optional<Incident> find(String incidentId) {
        return store.summary(incidentId).map(IncidentSummary::incident);
    }

    @Override
    public IncidentPage query(IncidentQuery query) {
        return readModel.query(query);
    }

    @Override
    public long count(IncidentQuery query) {
        return store.countSummaries(query);
    }

    @Override
    public List<Incident> list() {
        List<Incident> all = new ArrayList<>();
        readModel.forEach(IncidentQuery.all().sortBy(SortKey.DECLARED, SortDirection.ASCENDING), all::add);
        return List.copyOf(all);
    }

    @Override
    public MetricsReport metrics(MetricQuery query) {
        return readModel.metrics(query.asOf().isPresent() ? query : query.asOf(clock().instant()));
    }

    @Override
    public ReadModelRebuild rebuildReadModel() {
        return readModel.rebuild();
    }

    @Override
    public ReadModelCheck verifyReadModel() {
        return readModel.verify();
    }

    @Override
    public List<RecordedEvent> history(String incidentId) {
        List<StoredEvent> stored = store.readStream(incidentId, 0);
        if (stored.isEmpty()) {
            throw new IncidentNotFoundException(incidentId);
        }
        return List.copyOf(Events.decode(stored));
    }

    @Override
    public List<TimelineEntry> timeline(String incidentId) {
        return Timeline.of(history(incidentId));
    }

    @Override
    public VerificationResult verify(String incidentId) {
        List<StoredEvent> stored = store.readStream(incidentId, 0);
        if (stored.isEmpty()) {
            throw new IncidentNotFoundException(incidentId);
        }
        String previousHash = HashChain.GENESIS;
        int checked = 0;
        for (StoredEvent s : stored) {
            EventRecord r = s.record();
            long expected = checked + 1;
            Optional<String> problem = Optional.empty();
            if (r.version() != expected) {
                problem = Optional.of("found version " + r.version() + " where version " + expected
                        + " should be: an event was removed or reordered");
            } else if (!r.prevHash().equals(previousHash)) {
                problem = Optional.of("its prev_hash does not match the hash of version " + (expected - 1)
                        + ": an earlier event was changed, removed or reordered");
            } else if (!HashChain.hash(r).equals(r.hash())) {
                problem = Optional.of("its content does not match its hash: the event was changed");
            } else {
                try {
                    Events.decode(s);
                } catch (ValidationException e) {
                    problem = Optional.of("its data cannot be read: " + e.getMessage());
                }
            }
            if (problem.isPresent()) {
                return new VerificationResult(incidentId, checked, Optional.of(new Violation(expected, problem.get())));
            }
            previousHash = r.hash();
            checked++;
        }
        return new VerificationResult(incidentId, checked, Optional.empty());
    }

    @Override
    public Subscription subscribe(Consumer<RecordedEvent> listener) {
        return subscribe(store.head(), listener);
    }

    @Override
    public Subscription subscribe(LogPosition after, Consumer<RecordedEvent> listener) {
        PollingSubscription[] self = new PollingSubscription[1];
        self[0] = new PollingSubscription(store, after, listener, signal, settings.pollInterval(),
                () -> subscriptions.remove(self[0]));
        subscriptions.add(self[0]);
        self[0].start();
        return self[0];
    }

    @Override
    public CloudEventCodec cloudEvents() {
        return settings.codec();
    }

    @Override
    public Clock clock() {
        return settings.clock();
    }

    @Override
    public void close() {
        dispatcher.close();
        for (PollingSubscription s : List.copyOf(subscriptions)) {
            s.close();
        }
        store.close();
    }

    /** {@code INC-2025-001}: at least three digits. Not String.format: it sits on the declare path. */
    private String incidentId(int year, long number) {
        String digits = Long.toString(number);
        String padding = digits.length() >= 3 ? "" : "00".substring(digits.length() - 1);
        return settings.idPrefix() + '-' + year + '-' + padding + digits;
    }

    private Instant now() {
        return Times.micros(settings.clock().instant());
    }

    private Instant occurredAt(CommandContext context, Instant now) {
        Instant at = Validation.instant("occurredAt", context.occurredAt().map(Times::micros).orElse(now));
        if (at.isAfter(now.plus(settings.maxClockSkew()))) {
            throw new ValidationException("occurredAt", "must not be later than now (" + now
                    + ") plus the allowed clock skew of " + settings.maxClockSkew(), at);
        }
        return at;
    }

    /** The incident as the store has it now: the cached entry caught up, or a full replay. */
    private Optional<Entry> load(String incidentId) {
        Entry cached = cache.newest(incidentId);
        if (cached != null) {
            List<StoredEvent> newer = store.readStream(incidentId, cached.incident().version());
            if (newer.isEmpty()) {
                return Optional.of(cached);
            }
            List<RecordedEvent> decoded = Events.decode(newer);
            StoredEvent last = newer.get(newer.size() - 1);
            Entry caughtUp = new Entry(IncidentFold.apply(cached.incident(), decoded), last.record().hash(),
                    Backdating.lastMove(cached.lastMoveAt(), decoded), last.position().position(), null);
            cache.put(caughtUp);
            return Optional.of(caughtUp);
        }
        List<StoredEvent> all = store.readStream(incidentId, 0);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        List<RecordedEvent> decoded = Events.decode(all);
        StoredEvent last = all.get(all.size() - 1);
        Entry loaded = new Entry(IncidentFold.replay(decoded), last.record().hash(),
                Backdating.lastMove(decoded.get(0).occurredAt(), decoded), last.position().position(), null);
        cache.put(loaded);
        return Optional.of(loaded);
    }

    /** Puts the incident after a command in the cache, for the next command and for the notifiers, and wakes them. */
    private void committed(Incident incident, List<RecordedEvent> recorded, Instant lastMoveBefore) {
        RecordedEvent last = recorded.get(recorded.size() - 1);
        // Before the signal: a worker it wakes finds the event ready, incident and all. The earlier
        // events of a command that wrote several have no entry of their own; the workers fold those.
        cache.put(new Entry(incident, last.stored().record().hash(), Backdating.lastMove(lastMoveBefore, recorded),
                last.stored().position().position(), last));
        signal.fire();
    }

    /** Each event's command id: an attached alert's own, else the command's. */
    private static List<Optional<String>> commandIds(List<IncidentEvent> events, Optional<String> commandId) {
        List<Optional<String>> ids = new ArrayList<>(events.size());
        for (IncidentEvent event : events) {
            ids.add(event instanceof IncidentEvent.AlertAttached a
                    ? Optional.of(Command.AttachAlerts.commandIdOf(a.alertId())) : commandId);
        }
        return ids;
    }

    /** The alerts of an attachment whose events any append stored already. */
    private Set<String> attachedAlready(Command.AttachAlerts attach) {
        Set<String> attached = new HashSet<>();
        for (Command.AttachAlerts.Attachment a : attach.alerts()) {
            if (store.findCommand(Command.AttachAlerts.commandIdOf(a.alertId())).isPresent()) {
                attached.add(a.alertId());
            }
        }
        return attached;
    }

    /** The result a stored command id gave, for a command on {@code incidentId}. */
    private CommandResult replayOf(String incidentId, CommandRecord done, Actor actor) {
        if (!done.incidentId().equals(incidentId)) {
            throw new ValidationException("commandId", "was already used for a command on incident "
                    + done.incidentId(), done.commandId());
        }
        List<RecordedEvent> history = historyAt(done);
        Optional<String> id = Optional.of(done.commandId());
        List<RecordedEvent> own = history.stream().filter(e -> e.commandId().equals(id)).toList();
        if (!own.isEmpty() && !own.get(0).actor().equals(actor)) {
            // Someone else's id: their result is not this actor's to see.
            throw new ValidationException("commandId", "was already used by another actor", done.commandId());
        }
        return new CommandResult(IncidentFold.replay(history), own);
    }

    /** The incident a stored command id declared, for a repeated declaration. */
    private Incident declaredBy(CommandRecord done) {
        // A declaration is the only command that writes version 1: any other version means the id
        // belongs to a command on an existing incident, and returning that incident would pass it
        // off as the result of this declaration.
        if (done.version() != 1) {
            throw new ValidationException("commandId", "was already used for a command on incident "
                    + done.incidentId(), done.commandId());
        }
        return IncidentFold.replay(historyAt(done));
    }

    private List<RecordedEvent> historyAt(CommandRecord done) {
        List<RecordedEvent> history = new ArrayList<>();
        for (StoredEvent s : store.readStream(done.incidentId(), 0)) {
            if (s.version() <= done.version()) {
                history.add(Events.decode(s));
            }
        }
        if (history.isEmpty()) {
            throw new StoreException("Command " + done.commandId() + " is recorded for incident " + done.incidentId()
                    + ", whose events are missing from the store.");
        }
        return history;
    }

    /**
     * The events of an append as they will be read back, for folding before the append: the fold
     * reads no position, so the incident is the one the stored events give.
     */
    private static List<RecordedEvent> provisional(List<EventRecord> records, List<IncidentEvent> events) {
        List<RecordedEvent> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            out.add(new RecordedEvent(new StoredEvent(LogPosition.START, records.get(i)), events.get(i)));
        }
        return out;
    }

    private static IncidentSummary summary(Incident incident, List<EventRecord> records) {
        return new IncidentSummary(incident, records.get(records.size() - 1).recordedAt());
    }

    /** Pairs stored events with the typed events they were written from, sparing a decode. */
    private static List<RecordedEvent> typed(List<StoredEvent> stored, List<IncidentEvent> events) {
        if (stored.size() == 1) {
            return List.of(new RecordedEvent(stored.get(0), events.get(0)));
        }
        List<RecordedEvent> out = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            out.add(new RecordedEvent(stored.get(i), events.get(i)));
        }
        return out;
    }

    @Override
    public List<RecordedEvent> events(LogPosition after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        return List.copyOf(Events.decode(store.readAll(after, limit)));
    }

    @Override
    public Optional<LogPosition> checkpoint(String name) {
        return store.checkpoint(readerName(name));
    }

    @Override
    public void saveCheckpoint(String name, LogPosition position) {
        store.saveCheckpoint(readerName(name), position);
    }

    /** A reader's checkpoint name, kept out of the notifiers' part of the store's namespace. */
    private static String readerName(String name) {
        if (name.startsWith(NotifierNames.CHECKPOINT_PREFIX)) {
            throw new ValidationException("name", "must not start with " + NotifierNames.CHECKPOINT_PREFIX
                    + ": those checkpoints belong to the notification workers", name);
        }
        return name;
    }

    @Override
    public SlaPolicy slaPolicy() {
        return settings.slaPolicy();
    }

    // Notifications: a worker thread per notifier, started in the constructor, stopped by close().

    private final NotificationDispatcher dispatcher;

    @Override
    public Notifications notifications() {
        return dispatcher;
    }
}
