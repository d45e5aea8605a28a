package dev.incidentkit.core.oncall;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Who is on call, as a team plans it: layers of rotations (the last layer that has someone at an
 * instant wins), overrides on top of them (applied in order), and temporary schedules that set
 * both aside for their spans. {@link OnCall} answers who is on call and lists the shifts. The
 * zone is the one the schedule is shown in; each rotation keeps its own for its wall clock.
 *
 * @param id the schedule's id
 * @param name what it is called
 * @param zone the zone it is shown in
 * @param layers its layers, lowest first; possibly none
 * @param overrides its overrides, applied in this order
 * @param temporarySchedules its temporary schedules, no two of which overlap
 * @since 0.4.0
 */
public record Schedule(
        String id,
        String name,
        ZoneId zone,
        List<Layer> layers,
        List<ScheduleOverride> overrides,
        List<TemporarySchedule> temporarySchedules) {

    /**
     * Checks the rules above.
     *
     * @throws IllegalArgumentException naming {@code id}, {@code name} or {@code
     *     temporarySchedules} if one breaks them
     */
    public Schedule {
        Checks.id("id", id);
        Checks.id("name", name);
        Objects.requireNonNull(zone, "zone");
        layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
        overrides = List.copyOf(Objects.requireNonNull(overrides, "overrides"));
        temporarySchedules = List.copyOf(Objects.requireNonNull(temporarySchedules, "temporarySchedules"));
        List<TemporarySchedule> byStart = new ArrayList<>(temporarySchedules);
        byStart.sort(Comparator.comparing(TemporarySchedule::start));
        for (int i = 1; i < byStart.size(); i++) {
            if (byStart.get(i).start().isBefore(byStart.get(i - 1).end())) {
                throw Checks.bad("temporarySchedules", "must not overlap", byStart.get(i).start());
            }
        }
    }

    /**
     * @param id the schedule's id
     * @param name what it is called
     * @param zone the zone it is shown in
     * @return a builder of a schedule with no layers, overrides or temporary schedules yet
     * @throws IllegalArgumentException naming {@code id} or {@code name} if one is blank
     */
    public static Builder builder(String id, String name, ZoneId zone) {
        return new Builder(Checks.id("id", id), Checks.id("name", name), Objects.requireNonNull(zone, "zone"));
    }

    /** Builds a {@link Schedule}; {@link #build()} checks the whole. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private final String name;
        private final ZoneId zone;
        private final List<Layer> layers = new ArrayList<>();
        private final List<ScheduleOverride> overrides = new ArrayList<>();
        private final List<TemporarySchedule> temporarySchedules = new ArrayList<>();

        private Builder(String id, String name, ZoneId zone) {
            this.id = id;
            this.name = name;
            this.zone = zone;
        }

        /** @param layer a layer above those added before @return this builder */
        public Builder layer(Layer layer) {
            layers.add(Objects.requireNonNull(layer, "layer"));
            return this;
        }

        /** @param override an override applied after those added before @return this builder */
        public Builder override(ScheduleOverride override) {
            overrides.add(Objects.requireNonNull(override, "override"));
            return this;
        }

        /** @param temporary a temporary schedule @return this builder */
        public Builder temporary(TemporarySchedule temporary) {
            temporarySchedules.add(Objects.requireNonNull(temporary, "temporary"));
            return this;
        }

        /**
         * @return the schedule
         * @throws IllegalArgumentException naming {@code temporarySchedules} if two overlap
         */
        public Schedule build() {
            return new Schedule(id, name, zone, layers, overrides, temporarySchedules);
        }
    }
}
