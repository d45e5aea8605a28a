package dev.incidentkit.store.memory;

import dev.incidentkit.core.oncall.Escalation;
import dev.incidentkit.core.spi.EscalationStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The escalation timers of {@link InMemoryEventStore}: every escalation by incident, and the
 * running ones in order of when they are due, so that a claim looks at the due ones only however
 * many run. Every method under one lock. Thread-safe.
 */
final class InMemoryEscalationStore implements EscalationStore {

    /** One escalation and its claim; replaced, never changed, so that the due set stays sorted. */
    private record Row(Escalation escalation, long token, String owner, Instant until) {
        boolean claimedAt(Instant now) {
            return owner != null && until.isAfter(now);
        }

        /** When it can be claimed: when due, or when the claim on it lapses, whichever is later. */
        Instant claimable() {
            Instant at = escalation.at();
            return owner != null && until.isAfter(at) ? until : at;
        }
    }

    private static final Comparator<Row> BY_DUE = Comparator.comparing((Row r) -> r.escalation().at())
            .thenComparing(r -> r.escalation().incidentId());

    private final Object lock = new Object();
    private final Map<String, Row> rows = new HashMap<>();
    private final TreeSet<Row> running = new TreeSet<>(BY_DUE);

    @Override
    public boolean start(Escalation escalation) {
        Escalation e = micros(escalation);
        synchronized (lock) {
            if (rows.containsKey(e.incidentId())) {
                return false;
            }
            put(new Row(e, 0, null, null));
            return true;
        }
    }

    @Override
    public Optional<Escalation> find(String incidentId) {
        Objects.requireNonNull(incidentId, "incidentId");
        synchronized (lock) {
            return Optional.ofNullable(rows.get(incidentId)).map(Row::escalation);
        }
    }

    @Override
    public List<Escalation> running(int limit) {
        positive("limit", limit);
        synchronized (lock) {
            return running.stream().limit(limit).map(Row::escalation).toList();
        }
    }

    @Override
    public List<Claim> claimDue(Instant now, String owner, Duration ttl, int limit) {
        Objects.requireNonNull(now, "now");
        checkOwner(owner);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        positive("limit", limit);
        Instant until = now.plus(ttl).truncatedTo(ChronoUnit.MICROS);
        List<Claim> out = new ArrayList<>();
        synchronized (lock) {
            List<Row> taken = new ArrayList<>();
            for (Row r : running) {
                if (r.escalation().at().isAfter(now) || out.size() == limit) {
                    break;
                }
                if (!r.claimedAt(now)) {
                    Row claimed = new Row(r.escalation(), r.token() + 1, owner, until);
                    taken.add(claimed);
                    out.add(new Claim(claimed.escalation(), owner, claimed.token(), until));
                }
            }
            taken.forEach(this::put);
        }
        return List.copyOf(out);
    }

    @Override
    public boolean complete(Claim claim, Escalation next) {
        Escalation e = micros(next);
        if (!e.incidentId().equals(claim.escalation().incidentId())) {
            throw new IllegalArgumentException("next must be incident " + claim.escalation().incidentId()
                    + "'s escalation, not " + e.incidentId() + "'s");
        }
        synchronized (lock) {
            Row r = rows.get(e.incidentId());
            if (!held(r, claim)) {
                return false;
            }
            put(new Row(e, r.token(), null, null));
            return true;
        }
    }

    @Override
    public void release(Claim claim) {
        synchronized (lock) {
            Row r = rows.get(claim.escalation().incidentId());
            if (r != null && r.token() == claim.token() && r.owner() != null) {
                put(new Row(r.escalation(), r.token(), null, null));
            }
        }
    }

    @Override
    public boolean acknowledge(String incidentId, Instant when) {
        Objects.requireNonNull(incidentId, "incidentId");
        Instant w = Objects.requireNonNull(when, "when").truncatedTo(ChronoUnit.MICROS);
        synchronized (lock) {
            Row r = rows.get(incidentId);
            if (r == null || r.escalation().status() != Escalation.Status.RUNNING) {
                return false;
            }
            put(new Row(r.escalation().acknowledge(w.isBefore(r.escalation().triggeredAt()) ? r.escalation().triggeredAt() : w),
                    r.token() + 1, null, null));
            return true;
        }
    }

    @Override
    public boolean hurry(String incidentId, int round, int level, Instant when) {
        Objects.requireNonNull(incidentId, "incidentId");
        Instant w = Objects.requireNonNull(when, "when").truncatedTo(ChronoUnit.MICROS);
        synchronized (lock) {
            Row r = rows.get(incidentId);
            if (r == null) {
                return false;
            }
            Escalation e = r.escalation();
            if (e.status() != Escalation.Status.RUNNING || e.round() != round || e.level() != level || !e.at().isAfter(w)
                    || w.isBefore(e.triggeredAt())) {
                return false;
            }
            put(new Row(new Escalation(e.policyId(), e.incidentId(), e.severity(), e.triggeredAt(), e.round(), e.level(), w,
                    e.status(), e.lastLevel(), e.lastPaged()), r.token(), r.owner(), r.until()));
            return true;
        }
    }

    @Override
    public Optional<Instant> nextDue() {
        synchronized (lock) {
            // The head is the soonest due; a claim held on it may make a later one claimable first.
            Instant best = null;
            for (Row r : running) {
                if (best != null && !r.escalation().at().isBefore(best)) {
                    break;
                }
                Instant c = r.claimable();
                if (best == null || c.isBefore(best)) {
                    best = c;
                }
            }
            return Optional.ofNullable(best);
        }
    }

    private static boolean held(Row r, Claim claim) {
        return r != null && r.token() == claim.token() && r.escalation().status() == Escalation.Status.RUNNING
                && claim.owner().equals(r.owner());
    }

    private void put(Row row) {
        Row before = rows.put(row.escalation().incidentId(), row);
        if (before != null) {
            running.remove(before);
        }
        if (row.escalation().status() == Escalation.Status.RUNNING) {
            running.add(row);
        }
    }

    private static Escalation micros(Escalation e) {
        Objects.requireNonNull(e, "escalation");
        return new Escalation(e.policyId(), e.incidentId(), e.severity(), e.triggeredAt().truncatedTo(ChronoUnit.MICROS),
                e.round(), e.level(), e.at().truncatedTo(ChronoUnit.MICROS), e.status(), e.lastLevel(), e.lastPaged());
    }

    private static void checkOwner(String owner) {
        Objects.requireNonNull(owner, "owner");
        if (owner.isEmpty() || owner.length() > 200 || owner.chars().anyMatch(c -> c == '\n' || c == '\r')) {
            throw new IllegalArgumentException("owner must be 1 to 200 characters on one line: " + owner);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
