package dev.incidentkit.core.metrics;

import java.util.OptionalDouble;

/**
 * How often one SLA clock was met, among the incidents where it is decided.
 *
 * <p>For each incident and each {@link dev.incidentkit.core.SlaKind}:
 *
 * <ul>
 *   <li>a recorded breach of that kind ({@link dev.incidentkit.core.Incident#slaBreaches()})
 *       makes it <b>missed</b>, whatever happened after;
 *   <li>otherwise <b>ACK</b> is met once the incident was acknowledged, and missed once it left
 *       OPEN without an acknowledgement (a resolve straight from OPEN: design contract, section
 *       3), since it can then never be acknowledged;
 *   <li>otherwise <b>RESOLVE</b> and <b>UPDATE</b> are met once the incident is resolved (after a
 *       reopen, once it is resolved again);
 *   <li>in every other case the clock is still running: <b>pending</b>, counted in neither.
 * </ul>
 *
 * <p>A severity whose policy sets no update target (SEV-3 and SEV-4 by default) never records an
 * UPDATE breach, so its UPDATE compliance is met for every resolved incident.
 *
 * @param met how many incidents met it
 * @param missed how many missed it
 * @since 0.1.0
 */
public record SlaCompliance(long met, long missed) {

    /** Checks the counts. */
    public SlaCompliance {
        if (met < 0 || missed < 0) {
            throw new IllegalArgumentException("met and missed must not be negative: " + met + ", " + missed);
        }
    }

    /** @return met plus missed */
    public long decided() {
        return met + missed;
    }

    /** @return the share met, 0 to 1; empty when nothing is decided */
    public OptionalDouble metRatio() {
        return decided() == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) met / decided());
    }
}
