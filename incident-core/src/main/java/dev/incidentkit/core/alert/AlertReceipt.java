package dev.incidentkit.core.alert;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AlertIntake#receive} did with a signal.
 *
 * @param outcome what happened
 * @param alert the alert after it, if one is stored
 * @param incidentId the incident the alert belongs to, if any
 * @since 0.3.0
 */
public record AlertReceipt(Outcome outcome, Optional<Alert> alert, Optional<String> incidentId) {

    /** What happened to a signal. */
    public enum Outcome {
        /** A new alert declared a new incident. */
        DECLARED,
        /** A new alert joined an incident: its group's, or its source's storm incident. */
        JOINED,
        /** A repeat of a firing alert: counted, nothing else. */
        REPEATED,
        /** A silence or maintenance window suppressed it: recorded and counted, nothing else. */
        SUPPRESSED,
        /** A firing alert resolved. */
        RESOLVED,
        /** An alert was acknowledged at its source; its incident, if open, was acknowledged. */
        ACKNOWLEDGED,
        /** A resolution or acknowledgment of an alert that is not firing: nothing was written. */
        NOT_FIRING
    }

    /** Checks that no component is null. */
    public AlertReceipt {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
