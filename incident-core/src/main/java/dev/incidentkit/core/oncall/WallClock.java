package dev.incidentkit.core.oncall;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/** The one rule that turns a local date-time of a zone into an instant (see the package docs). */
final class WallClock {

    private WallClock() {}

    /** Which occurrence of a local time that occurs twice. */
    enum Overlap {
        /** The first, under the offset before the transition: where something starts. */
        EARLIER,
        /** The second, under the offset after the transition: where something ends. */
        LATER
    }

    /**
     * @return the instant of {@code local} in {@code zone}: itself where it occurs once, the
     *     transition instant where it falls in a gap (not {@link java.time.ZonedDateTime#ofLocal}'s
     *     "shift forward by the gap's length"), the chosen occurrence where it occurs twice
     */
    static Instant instant(LocalDateTime local, ZoneId zone, Overlap overlap) {
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            return local.toInstant(rules.getOffset(Instant.EPOCH));
        }
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.size() == 1) {
            return local.toInstant(offsets.get(0));
        }
        ZoneOffsetTransition t = rules.getTransition(local);
        if (t.isGap()) {
            return t.getInstant();
        }
        return local.toInstant(overlap == Overlap.EARLIER ? t.getOffsetBefore() : t.getOffsetAfter());
    }
}
