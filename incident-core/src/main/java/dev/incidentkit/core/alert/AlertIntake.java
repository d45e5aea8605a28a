package dev.incidentkit.core.alert;

import dev.incidentkit.core.AccessDeniedException;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.IllegalTransitionException;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.StoreException;
import dev.incidentkit.core.access.Action;
import dev.incidentkit.core.spi.AlertStore;
import dev.incidentkit.core.spi.AlertStore.GroupDecision;
import dev.incidentkit.core.spi.EventStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door from monitoring to incidents: deduplicates alerts, groups them, declares or joins
 * incidents, resolves them, and keeps silences. Receivers (such as {@code incident-web}'s
 * Alertmanager and PagerDuty endpoints) hand it {@link AlertSignal}s, a post at a time ({@link
 * #receiveAll}).
 *
 * <pre>{@code
 * AlertIntake alerts = AlertIntake.of(incidents, store, AlertRules.defaults());
 * AlertReceipt r = alerts.receive(new AlertSignal.Firing(
 *         AlertDetails.of("alertmanager", fingerprint, "Checkout p99 above 2s", startsAt)
 *                 .withSeverity("critical").withLabels(Map.of("service", "checkout")),
 *         Optional.of(groupKey)), Actor.of("alertmanager"));
 * }</pre>
 *
 * <p><b>Decided by the store.</b> Whether an alert is new or a repeat, which incident its group
 * has, who declares it and how many incidents a source declared this minute are decided by the
 * {@link AlertStore}, atomically, so that many processes on one database agree. The events then
 * go on the incident ({@code incident.alert_attached}, {@code incident.alert_resolved}) with
 * command ids derived from the alert's and the group's ids, so that a process that takes over a
 * claim of one that died writes nothing twice. An alert whose router failed (the store threw) is
 * released, so that the source's retry routes it; one whose router died is routed again by its
 * first repeat after the claim ({@link AlertRules#claimTimeout()}) ends (Alertmanager repeats a
 * firing alert every {@code repeat_interval}). A repeat of a suppressed alert whose silence has
 * ended routes it then.
 *
 * <p>Claims end by each process's clock: the clocks of processes sharing a store must agree to
 * well within the claim timeout, or one may take over a claim that is still held (which then
 * costs a wait, never a second incident: the declaration's command id is the claim's).
 *
 * <p>The {@code actor} of {@link #receive} declares and writes; with a role-based authorizer it
 * needs the responder role. Silences are read from the store at most once a second: one that another
 * process made applies within a second. So is the incident of a group (without a window): an alert
 * that joins an incident that has resolved meanwhile is refused by its lifecycle, and its group
 * starts a new incident. Thread-safe; it starts no thread. A caller waits only while another
 * process declares the incident of the same group, at most twice the claim timeout for each group
 * of a post, one after the other; if that process died, the caller takes the group over once its
 * claim ends.
 *
 * @since 0.3.0
 */
public final class AlertIntake {

    private static final Instant NEVER_STALE = Instant.EPOCH;
    private static final Logger LOG = LoggerFactory.getLogger(AlertIntake.class);

    /** How long the silences read from the store are kept: another process's new silence applies within this. */
    private static final long SILENCES_KEPT_NANOS = 1_000_000_000L;
    /** How long a group's incident, once read, is taken as it is. */
    private static final long GROUPS_KEPT_NANOS = 1_000_000_000L;
    private static final int MAX_KNOWN_GROUPS = 10_000;
    /** How many times new alerts are placed when their incident resolves under them. */
    private static final int MAX_PLACEMENTS = 3;
    /** Alerts per append: a group of thousands stays within a statement's parameters. */
    private static final int MAX_ATTACHMENTS = 500;

    private final IncidentManager incidents;
    private final AlertStore store;
    private final AlertRules rules;
    private final AlertResolutions resolutions;
    /** Groups whose incident was read, and when (System.nanoTime()): joins within a second read nothing. */
    private final ConcurrentHashMap<String, KnownGroup> known = new ConcurrentHashMap<>();

    private record KnownGroup(String incidentId, long readAt) {}

    /** The silences as last read, and when (System.nanoTime()): one read a second, not one per alert. */
    private volatile KeptSilences kept;
    /** Storm incidents whose escalation the authorizer refused, warned about once each. */
    private final Set<String> stormsNotEscalated = ConcurrentHashMap.newKeySet();

    private record KeptSilences(List<Silence> silences, long readAt) {}

    /**
     * @param incidents where incidents are declared and written
     * @param store the alert state: the alert store of the event store {@code incidents} writes to
     *     ({@link EventStore#alertStore()}), which records an alert's incident when its event is appended
     * @param rules the rules
     */
    public AlertIntake(IncidentManager incidents, AlertStore store, AlertRules rules) {
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.store = Objects.requireNonNull(store, "store");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.resolutions = new AlertResolutions(incidents, store, rules);
    }

    /**
     * @param incidents where incidents are declared and written
     * @param store the event store {@code incidents} writes to
     * @param rules the rules
     * @return an intake on that store's alert state
     * @throws IllegalArgumentException if the store keeps no alert state
     */
    public static AlertIntake of(IncidentManager incidents, EventStore store, AlertRules rules) {
        AlertStore alerts = store.alertStore().orElseThrow(() -> new IllegalArgumentException(
                "the store " + store + " keeps no alerts (EventStore.alertStore() is empty)"));
        return new AlertIntake(incidents, alerts, rules);
    }

    /** @return the rules */
    public AlertRules rules() {
        return rules;
    }

    /**
     * Receives one signal.
     *
     * @param signal what the source says
     * @param actor who writes what follows: the integration the signal came through
     * @return what was done
     * @throws dev.incidentkit.core.AccessDeniedException if the actor may not declare or write
     * @throws StoreException if the store fails; the source's retry is then safe: a new alert
     *     whose routing failed is routed by it, and a resolution is written by it
     */
    public AlertReceipt receive(AlertSignal signal, Actor actor) {
        return receiveAll(List.of(signal), actor).get(0);
    }

    /**
     * Receives the signals of one post (such as an Alertmanager notification of a group), together:
     * the firing alerts in one call of the store, the new ones of each group routed once and
     * attached to their incident in one append; then the resolutions and acknowledgments, in order.
     * What each signal gets is what {@link #receive} would give it, but that firing signals come
     * before the others (an alert both firing and resolved in one post ends resolved).
     *
     * @param signals what the source says, in order
     * @param actor who writes what follows: the integration the signals came through
     * @return what was done with each signal, in the order of {@code signals}
     * @throws dev.incidentkit.core.AccessDeniedException if the actor may not declare or write
     * @throws StoreException if the store fails, or the alerts of a group found their incident
     *     resolved three times in a row; the source's retry of the whole post is then safe: the
     *     alerts routed before the failure count as repeats, the others are routed by it
     * @throws dev.incidentkit.core.ConcurrencyConflictException if an incident was too busy to
     *     take the alerts (its retries ran out); a retry is safe
     * @since 0.3.0
     */
    public List<AlertReceipt> receiveAll(List<AlertSignal> signals, Actor actor) {
        Objects.requireNonNull(actor, "actor");
        Instant now = now();
        AlertReceipt[] receipts = new AlertReceipt[signals.size()];
        List<Integer> firing = new ArrayList<>();
        for (int i = 0; i < signals.size(); i++) {
            if (signals.get(i) instanceof AlertSignal.Firing) {
                firing.add(i);
            }
        }
        if (!firing.isEmpty()) {
            fire(signals, firing, receipts, actor, now);
        }
        for (int i = 0; i < signals.size(); i++) {
            if (signals.get(i) instanceof AlertSignal.Resolved resolved) {
                receipts[i] = resolutions.resolve(resolved, actor, now);
            } else if (signals.get(i) instanceof AlertSignal.Acknowledged acknowledged) {
                receipts[i] = resolutions.acknowledge(acknowledged, actor);
            }
        }
        return List.of(receipts);
    }

    /**
     * Stores a silence or maintenance window; alerts received while it is active are suppressed.
     *
     * @param silence the silence, made by the actor who asks
     * @return it
     * @throws dev.incidentkit.core.AccessDeniedException if its creator may not {@link
     *     Action.Task#SILENCES silence alerts}
     */
    public Silence silence(Silence silence) {
        incidents.authorizer().authorize(silence.createdBy(), new Action.Administer(Action.Task.SILENCES));
        store.saveSilence(Objects.requireNonNull(silence, "silence"));
        kept = null;
        return silence;
    }

    /**
     * Ends a silence now.
     *
     * @param id its id
     * @param actor who ends it
     * @return it, ended; empty if there is none with that id
     * @throws dev.incidentkit.core.AccessDeniedException if the actor may not {@link
     *     Action.Task#SILENCES silence alerts}
     */
    public Optional<Silence> expire(String id, Actor actor) {
        incidents.authorizer().authorize(actor, new Action.Administer(Action.Task.SILENCES));
        Instant now = now();
        for (Silence s : store.silences()) {
            if (s.id().equals(id)) {
                Silence ended = s.expiredAt(now);
                store.saveSilence(ended);
                kept = null;
                return Optional.of(ended);
            }
        }
        return Optional.empty();
    }

    /** @return every silence and maintenance window, the latest starting first */
    public List<Silence> silences() {
        return store.silences();
    }

    /**
     * @param query which alerts
     * @return them, newest received first
     */
    public List<Alert> alerts(AlertQuery query) {
        return store.alerts(query);
    }

    /**
     * The alert figures of the metrics: alerts per incident, and the noise.
     *
     * @param from the window's start
     * @param until the window's end, exclusive
     * @return the figures of the alerts first seen in the window
     */
    public AlertCounts counts(Instant from, Instant until) {
        return store.counts(from, until);
    }

    /** A new alert to route: where it sits among the signals, and its service. */
    private record Routed(int index, Alert alert, String service) {}

    /**
     * Receives the firing signals at {@code indexes}, then routes the new ones, each group's
     * together; fills their receipts.
     */
    private void fire(List<AlertSignal> signals, List<Integer> indexes, AlertReceipt[] receipts, Actor actor,
            Instant now) {
        List<Silence> silences = silencesNow();
        List<AlertStore.Incoming> incoming = new ArrayList<>(indexes.size());
        List<String> services = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            AlertDetails details = toMicros(((AlertSignal.Firing) signals.get(i)).details());
            String service = rules.serviceOf(details);
            Optional<String> suppressedBy = silences.stream().filter(s -> s.activeAt(now)
                    && s.covers(details.labels(), service)).map(Silence::id).findFirst();
            incoming.add(new AlertStore.Incoming(UUID.randomUUID().toString(), details, suppressedBy));
            services.add(service);
        }
        List<AlertStore.Received> received = store.receiveFiring(incoming, now, now.plus(rules.claimTimeout()));
        // The new alerts by their group keys, in order: each group is placed once.
        Map<List<String>, List<Routed>> groups = new LinkedHashMap<>();
        for (int n = 0; n < indexes.size(); n++) {
            int i = indexes.get(n);
            Alert alert = received.get(n).alert();
            switch (received.get(n).kind()) {
                case SUPPRESSED -> receipts[i] = new AlertReceipt(AlertReceipt.Outcome.SUPPRESSED, Optional.of(alert),
                        alert.incidentId());
                case REPEAT -> receipts[i] = new AlertReceipt(AlertReceipt.Outcome.REPEATED, Optional.of(alert),
                        alert.incidentId());
                case NEW, CLAIMED -> groups.computeIfAbsent(GroupKeys.of(alert,
                                ((AlertSignal.Firing) signals.get(i)).groupKey(), rules.grouping()), k -> new ArrayList<>())
                        .add(new Routed(i, alert, services.get(n)));
            }
        }
        List<List<Routed>> toRoute = new ArrayList<>(groups.values());
        int routed = 0;
        try {
            for (Map.Entry<List<String>, List<Routed>> group : groups.entrySet()) {
                // Each group's claims from the clock's time: one slow group does not age the next's.
                route(group.getKey(), group.getValue(), receipts, actor, routed == 0 ? now : now());
                routed++;
            }
        } catch (RuntimeException e) {
            // Let the source's retry route the alerts not routed yet, instead of counting repeats.
            for (List<Routed> group : toRoute.subList(routed, toRoute.size())) {
                for (Routed r : group) {
                    try {
                        store.releaseClaim(r.alert().id());
                    } catch (RuntimeException release) {
                        e.addSuppressed(release);   // the claim then ends on its own, after the claim timeout
                    }
                }
            }
            throw e;
        }
        // A repeat of an alert that came earlier in the same post belongs to the incident that one went to.
        Map<String, Optional<String>> incidentOf = new HashMap<>();
        for (List<Routed> group : toRoute) {
            for (Routed r : group) {
                incidentOf.put(r.alert().id(), receipts[r.index()].incidentId());
            }
        }
        for (int i : indexes) {
            AlertReceipt r = receipts[i];
            if (r.outcome() == AlertReceipt.Outcome.REPEATED && r.incidentId().isEmpty()) {
                receipts[i] = new AlertReceipt(r.outcome(), r.alert(),
                        incidentOf.getOrDefault(r.alert().orElseThrow().id(), Optional.empty()));
            }
        }
    }

    /**
     * Places new alerts of one group and attaches them. An incident that resolved after the group
     * was placed takes no more alerts (the lifecycle refuses them): the group is then forgotten
     * and placed again, which declares a new incident.
     */
    private void route(List<String> keys, List<Routed> alerts, AlertReceipt[] receipts, Actor actor, Instant now) {
        for (int attempt = 1; ; attempt++) {
            Placement placement = placeGroup(keys, alerts, actor, now);
            if (appendAttachments(alerts, placement.incidentId(), actor)) {
                attached(alerts, placement, receipts, actor);
                return;
            }
            if (attempt == MAX_PLACEMENTS) {
                throw new StoreException("The alerts of group " + keys.get(0) + " found " + MAX_PLACEMENTS
                        + " incidents in a row that had resolved by the time they joined them; a retry places them again.");
            }
            forget(keys, alerts.get(0).alert().details().source(), placement.incidentId());
        }
    }

    /** Forgets the groups (and the source's storm) that led to an incident that takes no more alerts. */
    private void forget(List<String> keys, String source, String incidentId) {
        List<String> all = new ArrayList<>(keys);
        all.add(GroupKeys.key("storm:" + source));
        for (String key : all) {
            known.remove(key);
            if (!GroupKeys.isAlone(key)) {
                store.releaseGroup(key, incidentId);
            }
        }
    }

    /** Finds or declares the incident of new alerts with the same group keys; the first declares it. */
    private Placement placeGroup(List<String> keys, List<Routed> alerts, Actor actor, Instant now) {
        Routed first = alerts.get(0);
        Instant staleBefore = rules.grouping() instanceof Grouping.ByLabels labels ? now.minus(labels.window()) : NEVER_STALE;
        // ANY: alerts join the open group of any of their other keys, whose values the group then
        // takes too (and whose windows restart); otherwise their first key's group places them.
        for (int i = 1; i < keys.size(); i++) {
            Optional<String> open = openIncident(keys.get(i), staleBefore);
            if (open.isPresent()) {
                for (String key : keys) {
                    claimAlso(key, open.get(), now, staleBefore);
                }
                return new Placement(open.get(), false);
            }
        }
        // An alert that is a group of its own needs no group row: the store's claim on the alert
        // already makes this call its only router, and its id names the declaration.
        Placement placement = GroupKeys.isAlone(keys.get(0))
                ? declareFor("alert-" + first.alert().id(), true, alerts, actor, now)
                : place(keys.get(0), now, staleBefore, (claimId, fresh) -> declareFor(claimId, fresh, alerts, actor,
                        now));
        for (int i = 1; i < keys.size(); i++) {
            claimAlso(keys.get(i), placement.incidentId(), now, staleBefore);
        }
        return placement;
    }

    /** Where an alert went: an incident, and whether this call declared it. */
    private record Placement(String incidentId, boolean declared) {}

    /** What declares a claimed group's incident, given the claim id and whether this call made the claim. */
    private interface Declaration {
        Placement declare(String claimId, boolean fresh);
    }

    /**
     * The incident of a group: joined if it is open, declared if this call holds the claim,
     * waited for if another process does.
     */
    private Placement place(String key, Instant now, Instant staleBefore, Declaration declaration) {
        if (staleBefore.equals(NEVER_STALE)) {
            // No window to restart: join an open incident with a read, no row lock and no write.
            Optional<String> open = openIncident(key, NEVER_STALE);
            if (open.isPresent()) {
                return new Placement(open.get(), false);
            }
        }
        long deadline = System.nanoTime() + rules.claimTimeout().multipliedBy(2).toNanos();
        long pause = 1_000_000;   // 1 ms, doubling to 50 ms
        // Each round asks at the clock's time: a claim whose process died ends while we wait, and
        // only a later "now" lets the store see that and hand the claim over to us.
        Instant at = now;
        while (true) {
            String newClaim = UUID.randomUUID().toString();
            GroupDecision d = store.group(key, at, staleBefore, newClaim, at.plus(rules.claimTimeout()));
            if (d instanceof GroupDecision.Join join) {
                // If it has resolved, the attachment is refused and the group placed again (route).
                return new Placement(join.incidentId(), false);
            } else if (d instanceof GroupDecision.Claimed claimed) {
                Placement placed = declaration.declare(claimed.claimId(), claimed.claimId().equals(newClaim));
                // If our claim ran out meanwhile, the process that took it over declares with the
                // same command id, so it finds this incident: the group's incident is ours either way.
                store.groupDeclared(key, claimed.claimId(), placed.incidentId());
                return placed;
            } else {
                if (System.nanoTime() > deadline) {
                    throw new StoreException("The incident of alert group " + key + " was not declared within "
                            + rules.claimTimeout().multipliedBy(2) + " by the process that claimed it.");
                }
                LockSupport.parkNanos(pause);
                pause = Math.min(pause * 2, 50_000_000);
                Instant later = now();
                at = later.isAfter(at) ? later : at;
            }
        }
    }

    /**
     * The incident of a group, if it has one (which may have resolved since: see {@link #route}).
     * Without a window to restart, as read within the last second: a storm's joins cost no read.
     */
    private Optional<String> openIncident(String key, Instant staleBefore) {
        if (!staleBefore.equals(NEVER_STALE)) {
            return store.groupIncident(key, staleBefore);
        }
        long now = System.nanoTime();
        KnownGroup k = known.get(key);
        if (k != null && now - k.readAt() < GROUPS_KEPT_NANOS) {
            return Optional.of(k.incidentId());
        }
        Optional<String> found = store.groupIncident(key, NEVER_STALE);
        if (found.isPresent()) {
            if (known.size() >= MAX_KNOWN_GROUPS) {
                known.values().removeIf(g -> now - g.readAt() >= GROUPS_KEPT_NANOS);
            }
            known.put(key, new KnownGroup(found.get(), now));
        }
        return found;
    }

    /** Points a key of an ANY grouping at the incident, unless it has an open one (whose window it restarts). */
    private void claimAlso(String key, String incidentId, Instant now, Instant staleBefore) {
        GroupDecision d = store.group(key, now, staleBefore, UUID.randomUUID().toString(), now.plus(rules.claimTimeout()));
        if (d instanceof GroupDecision.Claimed claimed) {
            store.groupDeclared(key, claimed.claimId(), incidentId);
        }
    }

    /**
     * Declares the incident of a new group, as its first alert says; once the source has declared
     * its storm limit this minute, joins (or declares) the source's storm incident instead. A claim
     * taken over from a process that died is not counted again: that process counted it before it
     * declared.
     */
    private Placement declareFor(String claimId, boolean fresh, List<Routed> alerts, Actor actor, Instant now) {
        Routed first = alerts.get(0);
        AlertDetails d = first.alert().details();
        if (!fresh || store.admitIncident(d.source(), now.truncatedTo(ChronoUnit.MINUTES), rules.stormLimit())) {
            return new Placement(declare(claimId, Declarations.of(d, first.service(), now, rules), actor, now), true);
        }
        Declare storm = Declarations.storm(d, first.service(), now, rules);
        Placement placed = place(GroupKeys.key("storm:" + d.source()), now, NEVER_STALE,
                (stormClaim, freshStorm) -> new Placement(declare(stormClaim, storm, actor, now), true));
        escalateStorm(placed.incidentId(), alerts, actor);
        return placed;
    }

    /** A storm incident is as severe as the worst alert that joined it. */
    private void escalateStorm(String incidentId, List<Routed> alerts, Actor actor) {
        Alert worst = alerts.get(0).alert();
        for (Routed r : alerts) {
            if (rules.severityOf(r.alert().details()).isMoreSevereThan(rules.severityOf(worst.details()))) {
                worst = r.alert();
            }
        }
        Severity severity = rules.severityOf(worst.details());
        Optional<Incident> storm = incidents.find(incidentId);
        if (storm.isPresent() && severity.isMoreSevereThan(storm.get().severity())) {
            try {
                incidents.escalate(incidentId, severity, "A " + severity + " alert joined the storm: "
                        + worst.details().title(), CommandContext.as(actor).commandId("alert:" + worst.id() + ":storm"));
            } catch (AccessDeniedException e) {
                // The alerts still join; the host's roles do not let the integration escalate.
                if (stormsNotEscalated.add(incidentId)) {
                    LOG.warn("Storm incident {} was not escalated to {}: {}", incidentId, severity, e.getMessage());
                }
            } catch (ConcurrencyConflictException | IllegalTransitionException e) {
                // Changed meanwhile (another alert escalated it, or it resolved): the alerts still join.
                LOG.debug("Storm incident {} not escalated for alert {}: {}", incidentId, worst.id(), e.getMessage());
            }
        }
    }

    /**
     * The details with their start truncated to the microsecond: stores keep microseconds (a
     * database would round, and differently from the event's nanoseconds), so the store, the
     * receipt and the {@code incident.alert_attached} event all hold this one value.
     */
    private static AlertDetails toMicros(AlertDetails d) {
        Instant start = d.startsAt().truncatedTo(ChronoUnit.MICROS);
        return start.equals(d.startsAt()) ? d
                : new AlertDetails(d.source(), d.dedupKey(), d.summary(), d.severity(), d.labels(), d.annotations(),
                        d.links(), start);
    }

    private String declare(String claimId, Declare declare, Actor actor, Instant now) {
        Incident incident = incidents.declare(declare, CommandContext.as(actor).at(now).commandId("alert-group:" + claimId));
        return incident.id();
    }

    /**
     * Appends the attachment of new alerts to their incident: their events in one append (in
     * appends of at most {@link #MAX_ATTACHMENTS}), in whose transaction the store records their
     * incident ({@link EventStore#append}).
     *
     * @return false if the incident takes no more alerts (it has resolved meanwhile): nothing was appended
     */
    private boolean appendAttachments(List<Routed> alerts, String incidentId, Actor actor) {
        for (int from = 0; from < alerts.size(); from += MAX_ATTACHMENTS) {
            List<Command.AttachAlerts.Attachment> part = alerts.subList(from, Math.min(alerts.size(),
                    from + MAX_ATTACHMENTS)).stream()
                    .map(r -> new Command.AttachAlerts.Attachment(r.alert().id(), r.alert().details())).toList();
            try {
                incidents.submit(incidentId, new Command.AttachAlerts(part), CommandContext.as(actor));
            } catch (IllegalTransitionException e) {
                if (from == 0) {
                    return false;
                }
                // Resolved between two parts: those attached stay; the rest is the source's retry's.
                throw e;
            }
        }
        return true;
    }

    /**
     * The receipts of attached alerts, as the store has them now. One whose resolution came while
     * it was being routed, and found no incident to write to, gets its resolution written now; so
     * does one whose episode ended meanwhile (the store no longer has it).
     */
    private void attached(List<Routed> alerts, Placement placement, AlertReceipt[] receipts, Actor actor) {
        String incidentId = placement.incidentId();
        Map<String, Alert> stored = new HashMap<>();
        for (Alert a : store.findAll(alerts.stream().map(r -> r.alert().id()).toList())) {
            stored.put(a.id(), a);
        }
        for (int n = 0; n < alerts.size(); n++) {
            Routed r = alerts.get(n);
            Alert alert = stored.get(r.alert().id());
            if (alert == null) {
                // It resolved and fired again while it was routed: this episode has ended.
                resolutions.resolvedOn(incidentId, r.alert(), actor);
                alert = r.alert();
            } else if (alert.incidentId().isEmpty()) {
                throw new StoreException("Alert " + alert.id() + " was attached to " + incidentId + " by its event, "
                        + "but its alert store did not record it: an AlertIntake needs the alert store of the event "
                        + "store its IncidentManager writes to (EventStore.alertStore()).");
            } else if (alert.status() == AlertStatus.RESOLVED) {
                resolutions.resolvedOn(alert.incidentId().get(), alert, actor);
            }
            // Its own incident, if a process that took its claim over attached it elsewhere first.
            String on = alert.incidentId().orElse(incidentId);
            boolean declared = n == 0 && placement.declared() && on.equals(incidentId);
            receipts[r.index()] = new AlertReceipt(declared ? AlertReceipt.Outcome.DECLARED : AlertReceipt.Outcome.JOINED,
                    Optional.of(alert), Optional.of(on));
        }
    }

    /** The silences, as read from the store within the last second (or after this intake changed one). */
    private List<Silence> silencesNow() {
        KeptSilences k = kept;
        long now = System.nanoTime();
        if (k == null || now - k.readAt() > SILENCES_KEPT_NANOS) {
            k = new KeptSilences(store.silences(), now);
            kept = k;
        }
        return k.silences();
    }

    private Instant now() {
        return incidents.clock().instant().truncatedTo(ChronoUnit.MICROS);
    }
}
