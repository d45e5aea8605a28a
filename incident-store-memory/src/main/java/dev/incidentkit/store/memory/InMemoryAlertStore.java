package dev.incidentkit.store.memory;

import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertCounts;
import dev.incidentkit.core.alert.AlertQuery;
import dev.incidentkit.core.alert.AlertStatus;
import dev.incidentkit.core.alert.Silence;
import dev.incidentkit.core.spi.AlertStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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

    /** A group: its incident once declared, the claim of whoever declares it, its last alert. */
    private record Group(String claimId, Instant claimUntil, Optional<String> incidentId, Instant lastAlert) {}

    private final Object lock = new Object();
    /** By source, then dedup key. */
    private final Map<String, AlertRow> alerts = new HashMap<>();
    private final Map<String, String> keysById = new HashMap<>();
    private final Map<String, Group> groups = new HashMap<>();
    private final Map<String, Integer> admitted = new HashMap<>();
    private final Map<String, Silence> silences = new LinkedHashMap<>();

    private static String key(String source, String dedupKey) {
        return source + '\u0000' + dedupKey;
    }

    @Override
    public List<Received> receiveFiring(List<Incoming> incoming, Instant now, Instant claimUntil) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(claimUntil, "claimUntil");
        List<Received> out = new ArrayList<>(incoming.size());
        synchronized (lock) {
            for (Incoming in : incoming) {
                String key = key(in.details().source(), in.details().dedupKey());
                Reception r = in.receive(Optional.ofNullable(alerts.get(key)), now, claimUntil);
                put(key, r.row());
                out.add(r.received());
            }
        }
        return List.copyOf(out);
    }

    private void put(String key, AlertRow row) {
        AlertRow before = alerts.put(key, row);
        if (before != null) {
            keysById.remove(before.alert().id());
        }
        keysById.put(row.alert().id(), key);
    }

    @Override
    public Optional<Alert> receiveResolved(String source, String dedupKey, Instant now) {
        String key = key(source, dedupKey);
        synchronized (lock) {
            AlertRow row = alerts.get(key);
            if (row == null || row.alert().status() != AlertStatus.FIRING) {
                return Optional.empty();
            }
            Alert a = row.alert();
            Alert resolved = new Alert(a.id(), a.details(), AlertStatus.RESOLVED, a.firstSeen(), now, a.repeats(),
                    Optional.of(now), a.incidentId(), a.suppressedBy());
            put(key, new AlertRow(resolved, Optional.empty()));
            return Optional.of(resolved);
        }
    }

    @Override
    public Optional<Alert> find(String source, String dedupKey) {
        synchronized (lock) {
            return Optional.ofNullable(alerts.get(key(source, dedupKey))).map(AlertRow::alert);
        }
    }

    @Override
    public List<Alert> attach(List<String> alertIds, String incidentId) {
        Objects.requireNonNull(incidentId, "incidentId");
        List<Alert> out = new ArrayList<>(alertIds.size());
        synchronized (lock) {
            for (String alertId : alertIds) {
                String key = keysById.get(alertId);
                if (key != null) {
                    Alert a = alerts.get(key).alert();
                    Alert attached = new Alert(a.id(), a.details(), a.status(), a.firstSeen(), a.lastSeen(),
                            a.repeats(), a.resolvedAt(), Optional.of(incidentId), a.suppressedBy());
                    put(key, new AlertRow(attached, Optional.empty()));
                    out.add(attached);
                }
            }
        }
        return List.copyOf(out);
    }

    @Override
    public List<Alert> findAll(Collection<String> alertIds) {
        List<Alert> out = new ArrayList<>(alertIds.size());
        synchronized (lock) {
            for (String alertId : alertIds) {
                String key = keysById.get(alertId);
                if (key != null) {
                    out.add(alerts.get(key).alert());
                }
            }
        }
        return List.copyOf(out);
    }

    @Override
    public void releaseClaim(String alertId) {
        synchronized (lock) {
            String key = keysById.get(alertId);
            if (key != null && alerts.get(key).alert().incidentId().isEmpty()) {
                alerts.put(key, new AlertRow(alerts.get(key).alert(), Optional.empty()));
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
            return alerts.values().stream().map(AlertRow::alert).filter(query::matches).sorted(NEWEST_FIRST)
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
            for (AlertRow row : alerts.values()) {
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
