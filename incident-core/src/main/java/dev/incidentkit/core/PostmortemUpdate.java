package dev.incidentkit.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A change to an incident's postmortem: each present field replaces the one written before, each
 * empty one is left as it was. Built as {@code PostmortemUpdate.none().rootCause("...")}.
 *
 * @param summary what happened, in a few sentences
 * @param rootCause the cause
 * @param contributingFactors what made it worse or likelier
 * @param impact who and what was affected, and how much
 * @param wentWell what worked in the response
 * @param wentPoorly what did not
 * @param resolution what ended the incident
 * @since 0.1.0
 */
public record PostmortemUpdate(
        Optional<String> summary,
        Optional<String> rootCause,
        Optional<String> contributingFactors,
        Optional<String> impact,
        Optional<String> wentWell,
        Optional<String> wentPoorly,
        Optional<String> resolution) {

    /** Checks that no component is null. */
    public PostmortemUpdate {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(rootCause, "rootCause");
        Objects.requireNonNull(contributingFactors, "contributingFactors");
        Objects.requireNonNull(impact, "impact");
        Objects.requireNonNull(wentWell, "wentWell");
        Objects.requireNonNull(wentPoorly, "wentPoorly");
        Objects.requireNonNull(resolution, "resolution");
    }

    /** @return an update that changes nothing yet */
    public static PostmortemUpdate none() {
        Optional<String> e = Optional.empty();
        return new PostmortemUpdate(e, e, e, e, e, e, e);
    }

    /** @return whether this update changes no field */
    public boolean isEmpty() {
        return summary.isEmpty() && rootCause.isEmpty() && contributingFactors.isEmpty() && impact.isEmpty()
                && wentWell.isEmpty() && wentPoorly.isEmpty() && resolution.isEmpty();
    }

    /**
     * @param text the summary
     * @return this update with it
     */
    public PostmortemUpdate summary(String text) {
        return new PostmortemUpdate(Optional.of(text), rootCause, contributingFactors, impact, wentWell, wentPoorly, resolution);
    }

    /**
     * @param text the root cause
     * @return this update with it
     */
    public PostmortemUpdate rootCause(String text) {
        return new PostmortemUpdate(summary, Optional.of(text), contributingFactors, impact, wentWell, wentPoorly, resolution);
    }

    /**
     * @param text the contributing factors
     * @return this update with them
     */
    public PostmortemUpdate contributingFactors(String text) {
        return new PostmortemUpdate(summary, rootCause, Optional.of(text), impact, wentWell, wentPoorly, resolution);
    }

    /**
     * @param text the impact
     * @return this update with it
     */
    public PostmortemUpdate impact(String text) {
        return new PostmortemUpdate(summary, rootCause, contributingFactors, Optional.of(text), wentWell, wentPoorly, resolution);
    }

    /**
     * @param text what went well
     * @return this update with it
     */
    public PostmortemUpdate wentWell(String text) {
        return new PostmortemUpdate(summary, rootCause, contributingFactors, impact, Optional.of(text), wentPoorly, resolution);
    }

    /**
     * @param text what went poorly
     * @return this update with it
     */
    public PostmortemUpdate wentPoorly(String text) {
        return new PostmortemUpdate(summary, rootCause, contributingFactors, impact, wentWell, Optional.of(text), resolution);
    }

    /**
     * @param text the resolution
     * @return this update with it
     */
    public PostmortemUpdate resolution(String text) {
        return new PostmortemUpdate(summary, rootCause, contributingFactors, impact, wentWell, wentPoorly, Optional.of(text));
    }
}
