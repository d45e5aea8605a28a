package dev.incidentkit.core.alert;

/**
 * How many alerts were received, and what became of them: the alert figures of the metrics.
 *
 * @param alerts alerts first seen in the window (episodes, not repeats)
 * @param repeats how many times they were received, repeats included
 * @param firing those still firing
 * @param suppressed those a silence or maintenance window suppressed
 * @param attached those that declared or joined an incident
 * @param incidents the incidents they declared or joined
 * @since 0.3.0
 */
public record AlertCounts(long alerts, long repeats, long firing, long suppressed, long attached, long incidents) {

    /** @return the noise: alerts that never declared or joined an incident */
    public long noise() {
        return alerts - attached;
    }

    /** @return alerts per incident they joined, 0 when none did */
    public double perIncident() {
        return incidents == 0 ? 0 : (double) attached / incidents;
    }
}
