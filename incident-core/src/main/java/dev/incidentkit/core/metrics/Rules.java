package dev.incidentkit.core.metrics;

import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.Optional;
import java.util.Set;

/**
 * The rules both ways of computing metrics share: what an SLA outcome and an action item's class
 * are, and instants as microseconds (the precision IncidentKit records them with; a long of
 * microseconds holds every instant a store keeps, and every difference of two).
 */
final class Rules {

    /** A milestone, or an interval, that is not there. */
    static final long MISSING = Long.MIN_VALUE;
    /** An incident that is not resolved, for MTBF: ordered after every resolution. */
    static final long UNRESOLVED = Long.MAX_VALUE;

    static final int MET = 0;
    static final int MISSED = 1;
    static final int PENDING = 2;

    static final int IN_TIME = 0;
    static final int LATE = 1;
    static final int OVERDUE = 2;
    static final int OPEN = 3;

    static final long ACTION_ITEM_DEADLINE_MICROS = micros(Metrics.ACTION_ITEM_DEADLINE);

    private static final long MICROS_PER_DAY = 86_400L * 1_000_000L;

    private Rules() {}

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    static long micros(Optional<Instant> instant) {
        return instant.isPresent() ? micros(instant.get()) : MISSING;
    }

    static long micros(Duration duration) {
        return duration.getSeconds() * 1_000_000L + duration.getNano() / 1_000;
    }

    static Duration duration(long micros) {
        return Duration.of(micros, ChronoUnit.MICROS);
    }

    /** @return a bit per {@link SlaKind} ordinal that has a recorded breach */
    static int breached(Set<SlaKind> kinds) {
        int bits = 0;
        for (SlaKind kind : kinds) {
            bits |= 1 << kind.ordinal();
        }
        return bits;
    }

    /** The outcome of one SLA clock: {@link #MET}, {@link #MISSED} or {@link #PENDING}; see {@link SlaCompliance}. */
    static int sla(SlaKind kind, int breachedBits, IncidentFacts incident) {
        if ((breachedBits & (1 << kind.ordinal())) != 0) {
            return MISSED;
        }
        if (kind == SlaKind.ACK) {
            if (incident.milestones().acknowledgedAt().isPresent()) {
                return MET;
            }
            return incident.status() == Status.OPEN ? PENDING : MISSED;
        }
        return incident.milestones().resolvedAt().isPresent() ? MET : PENDING;
    }

    /** The class of an action item: {@link #IN_TIME}, {@link #LATE}, {@link #OVERDUE} or {@link #OPEN}; see {@link ActionItemClosure}. */
    static int actionItem(IncidentFacts.ActionItemTimes item, long asOfMicros) {
        long added = micros(item.addedAt());
        if (item.completedAt().isPresent()) {
            return micros(item.completedAt().get()) - added <= ACTION_ITEM_DEADLINE_MICROS ? IN_TIME : LATE;
        }
        return asOfMicros != MISSING && asOfMicros - added > ACTION_ITEM_DEADLINE_MICROS ? OVERDUE : OPEN;
    }

    /** The day an instant falls on in a zone, as an epoch day; fast for fixed offsets such as UTC. */
    static final class Days {
        private final ZoneRules rules;
        private final boolean fixed;
        private final long fixedOffsetMicros;

        Days(ZoneId zone) {
            rules = zone.getRules();
            fixed = rules.isFixedOffset();
            fixedOffsetMicros = fixed ? rules.getOffset(Instant.EPOCH).getTotalSeconds() * 1_000_000L : 0;
        }

        long epochDay(Instant instant) {
            long offset = fixed ? fixedOffsetMicros : rules.getOffset(instant).getTotalSeconds() * 1_000_000L;
            return Math.floorDiv(micros(instant) + offset, MICROS_PER_DAY);
        }
    }
}
