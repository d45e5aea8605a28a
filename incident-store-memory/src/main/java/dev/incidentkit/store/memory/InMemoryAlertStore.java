package dev.incidentkit.store.memory;

import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertCounts;
import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.alert.AlertQuery;
import dev.incidentkit.core.alert.AlertStatus;
import dev.incidentkit.core.alert.Silence;
import dev.incidentkit.core.spi.AlertStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The alert state of {@link InMemoryEventStore}: alerts, groups, storm counters and silences in
 * maps, every method under one lock (alerts arrive far more slowly than events are read, and one
 * lock keeps each decision atomic without more thought). Thread-safe.
 */
final class InMemoryAlertStore implements AlertStore {

    private static final Comparator<Alert> NEWEST_FIRST = Comparator.comparing(Alert::lastSeen).reversed()
            .thenComparing(Alert::id);

    /** An alert and when its claim ends; {@code claimUntil} is null when no one routes it. */
    private record Row(Alert alert, Instant claimUntil) {}

    /** A group: its incident once declared, the claim of whoever declares it, its last alert. */
    private record Group(String claimId, Instant claimUntil, Optional<String> incidentId, Instant lastAlert) {}

    private final Object lock = new Object();
    /** By source, then dedup key. */
    private final Map<String, Row> alerts = new HashMap<>();
    private final Map<String, String> keysById = new HashMap<>();
    private final Map<String, Group> groups = new HashMap<>();
    private final Map<String, Integer> admitted = new HashMap<>();
    private final Map<String, Silence> silences = new LinkedHashMap<>();

    private static String key(String source, String dedupKey) {
        return source + '\u0000' + dedupKey;
    }

    @Override
    public Received receiveFiring(String newId, AlertDetails details, Instant now, Optional<String> suppressedBy,
            Instant claimUntil) {
        Objects.requireNonNull(newId, "newId");
        String key = key(details.source(), details.dedupKey());
        synchronized (lock) {
            Row row = alerts.get(key);
            if (row == null || row.alert().status() == AlertStatus.RESOLVED) {
                Alert alert = new Alert(newId, details, AlertStatus.FIRING, now, now, 1, Optional.empty(),
                        Optional.empty(), suppressedBy);
                put(key, new Row(alert, suppressedBy.isPresent() ? null : claimUntil));
                return new Received(suppressedBy.isPresent() ? Received.Kind.SUPPRESSED : Received.Kind.NEW, alert);
            }
            Alert a = row.alert();
            // A suppressed alert whose silence has ended is routed now, as one whose router died.
            boolean unsilenced = a.suppressed() && a.incidentId().isEmpty() && suppressedBy.isEmpty();
            boolean orphaned = a.incidentId().isEmpty() && (unsilenced
                    || (!a.suppressed() && (row.claimUntil() == null || row.claimUntil().isBefore(now))));
            Alert repeated = new Alert(a.id(), a.details(), a.status(), a.firstSeen(), now, a.repeats() + 1,
                    a.resolvedAt(), a.incidentId(), unsilenced ? Optional.empty() : a.suppressedBy());
            put(key, new Row(repeated, orphaned ? claimUntil : row.claimUntil()));
            Received.Kind kind = orphaned ? Received.Kind.CLAIMED
                    : repeated.suppressed() ? Received.Kind.SUPPRESSED : Received.Kind.REPEAT;
            return new Received(kind, repeated);
        }
    }

    private void put(String key, Row row) {
        Row before = alerts.put(key, row);
        if (before != null) {
            keysById.remove(before.alert().id());
        }
        keysById.put(row.alert().id(), key);
    }

    @Override
    public Optional<Alert> receiveResolved(String source, String dedupKey, Instant now) {
        String key = key(source, dedupKey);
        synchronized (lock) {
            Row row = alerts.get(key);
            if (row == null || row.alert().status() != AlertStatus.FIRING) {
                return Optional.empty();
            }
            Alert a = row.alert();
            Alert resolved = new Alert(a.id(), a.details(), AlertStatus.RESOLVED, a.firstSeen(), now, a.repeats(),
                    Optional.of(now), a.incidentId(), a.suppressedBy());
            put(key, new Row(resolved, null));
            return Optional.of(resolved);
        }
    }

    @Override
    public Optional<Alert> find(String source, String dedupKey) {
        synchronized (lock) {
            return Optional.ofNullable(alerts.get(key(source, dedupKey))).map(Row::alert);
        }
    }

    @Override
    public boolean attach(String alertId, String incidentId) {
        Objects.requireNonNull(incidentId, "incidentId");
        synchronized (lock) {
            String key = keysById.get(alertId);
            if (key == null) {
                return false;
            }
            Alert a = alerts.get(key).alert();
            put(key, new Row(new Alert(a.id(), a.details(), a.status(), a.firstSeen(), a.lastSeen(), a.repeats(),
                    a.resolvedAt(), Optional.of(incidentId), a.suppressedBy()), null));
            return true;
        }
    }

    @Override
    public void releaseClaim(String alertId) {
        synchronized (lock) {
            String key = keysById.get(alertId);
            if (key != null && alerts.get(key).alert().incidentId().isEmpty()) {
                alerts.put(key, new Row(alerts.get(key).alert(), null));
            }
        }
    }

    @Override
    public long firingCount(String incidentId) {
        synchronized (lock) {
            return alerts.values().stream()
                    .filter(r -> r.alert().status() == AlertStatus.FIRING
                            && r.alert().incidentId().filter(incidentId::equals).isPresent())
                    .count();
        }
    }

    @Override
    public GroupDecision group(String groupKey, Instant now, Instant staleBefore, String newClaimId, Instant claimUntil) {
        synchronized (lock) {
            Group g = groups.get(groupKey);
            if (g != null && g.incidentId().isPresent() && !g.lastAlert().isBefore(staleBefore)) {
                groups.put(groupKey, new Group(g.claimId(), g.claimUntil(), g.incidentId(), now));
                return new GroupDecision.Join(g.incidentId().get());
            }
            if (g != null && g.incidentId().isEmpty()) {
                if (!g.claimUntil().isBefore(now)) {
                    return new GroupDecision.Wait();
                }
                groups.put(groupKey, new Group(g.claimId(), claimUntil, Optional.empty(), now));
                return new GroupDecision.Claimed(g.claimId());
            }
            groups.put(groupKey, new Group(newClaimId, claimUntil, Optional.empty(), now));
            return new GroupDecision.Claimed(newClaimId);
        }
    }

    @Override
    public Optional<String> groupIncident(String groupKey, Instant staleBefore) {
        synchronized (lock) {
            Group g = groups.get(groupKey);
            return g == null || g.lastAlert().isBefore(staleBefore) ? Optional.empty() : g.incidentId();
        }
    }

    @Override
    public boolean groupDeclared(String groupKey, String claimId, String incidentId) {
        synchronized (lock) {
            Group g = groups.get(groupKey);
            if (g == null || !g.claimId().equals(claimId)) {
                return false;
            }
            groups.put(groupKey, new Group(g.claimId(), g.claimUntil(), Optional.of(incidentId), g.lastAlert()));
            return true;
        }
    }

    @Override
    public void releaseGroup(String groupKey, String incidentId) {
        synchronized (lock) {
            Group g = groups.get(groupKey);
            if (g != null && g.incidentId().filter(incidentId::equals).isPresent()) {
                groups.remove(groupKey);
            }
        }
    }

    @Override
    public boolean admitIncident(String source, Instant minute, int limit) {
        String key = source + '\u0000' + minute;
        synchronized (lock) {
            int count = admitted.getOrDefault(key, 0);
            if (count >= limit) {
                return false;
            }
            admitted.put(key, count + 1);
            return true;
        }
    }

    @Override
    public void saveSilence(Silence silence) {
        synchronized (lock) {
            silences.put(silence.id(), silence);
        }
    }

    @Override
    public List<Silence> silences() {
        synchronized (lock) {
            List<Silence> all = new ArrayList<>(silences.values());
            all.sort(Comparator.comparing(Silence::startsAt).reversed().thenComparing(Silence::id));
            return all;
        }
    }

    @Override
    public List<Alert> alerts(AlertQuery query) {
        synchronized (lock) {
            return alerts.values().stream().map(Row::alert).filter(query::matches).sorted(NEWEST_FIRST)
                    .limit(query.limit()).toList();
        }
    }

    @Override
    public AlertCounts counts(Instant from, Instant until) {
        long count = 0;
        long repeats = 0;
        long firing = 0;
        long suppressed = 0;
        long attached = 0;
        Set<String> incidents = new HashSet<>();
        synchronized (lock) {
            for (Row row : alerts.values()) {
                Alert a = row.alert();
                if (a.firstSeen().isBefore(from) || !a.firstSeen().isBefore(until)) {
                    continue;
                }
                count++;
                repeats += a.repeats();
                firing += a.status() == AlertStatus.FIRING ? 1 : 0;
                suppressed += a.suppressed() ? 1 : 0;
                if (a.incidentId().isPresent()) {
                    attached++;
                    incidents.add(a.incidentId().get());
                }
            }
        }
        return new AlertCounts(count, repeats, firing, suppressed, attached, incidents.size());
    }
}
