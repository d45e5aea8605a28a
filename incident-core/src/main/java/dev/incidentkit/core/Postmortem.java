package dev.incidentkit.core;

import java.util.Objects;

/**
 * The written part of a postmortem, in the sections of the practice guides. Each field is empty
 * until written.
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
public record Postmortem(
        String summary,
        String rootCause,
        String contributingFactors,
        String impact,
        String wentWell,
        String wentPoorly,
        String resolution) {

    /** A postmortem nobody has written yet. */
    public static final Postmortem EMPTY = new Postmortem("", "", "", "", "", "", "");

    /** Checks that no component is null. */
    public Postmortem {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(rootCause, "rootCause");
        Objects.requireNonNull(contributingFactors, "contributingFactors");
        Objects.requireNonNull(impact, "impact");
        Objects.requireNonNull(wentWell, "wentWell");
        Objects.requireNonNull(wentPoorly, "wentPoorly");
        Objects.requireNonNull(resolution, "resolution");
    }

    /**
     * @param update the fields to replace
     * @return this postmortem with the update's present fields written over
     */
    public Postmortem with(PostmortemUpdate update) {
        return new Postmortem(
                update.summary().orElse(summary),
                update.rootCause().orElse(rootCause),
                update.contributingFactors().orElse(contributingFactors),
                update.impact().orElse(impact),
                update.wentWell().orElse(wentWell),
                update.wentPoorly().orElse(wentPoorly),
                update.resolution().orElse(resolution));
    }
}
