package dev.incidentkit.core.oncall;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Schedules and escalation policies as a team keeps them in version control: one JSON document,
 * read by {@link #read} and written by {@link #write}. JSON rather than YAML because Jackson,
 * which reads it, is already a dependency of {@code incident-core}: no new library is needed. The
 * format is a public contract, versioned by its top-level {@code version}; this is version 1.
 *
 * <h2>The format, version 1</h2>
 *
 * Durations are ISO-8601 ({@code "PT5M"}), instants ISO-8601 with an offset ({@code
 * "2026-03-02T09:00:00Z"}), local date-times without one ({@code "2026-03-02T09:00"}), times
 * {@code "HH:MM"} (or {@code "HH:MM:SS"}), dates {@code "YYYY-MM-DD"}, zones IANA ids ({@code
 * "Europe/Berlin"}), days {@code MONDAY} to {@code SUNDAY}, severities {@code SEV1} to {@code
 * SEV4}. Every field not marked optional is required; a field the format does not define is
 * refused, as is {@code null}.
 *
 * <pre>
 * {
 *   "version": 1,                            the format's version: 1
 *   "schedules": [ schedule... ],            optional; ids unique
 *   "policies": [ policy... ]                optional; ids unique
 * }
 * schedule:  {"id", "name", "zone",         {@link Schedule}
 *             "layers": [layer...],          optional, lowest first
 *             "overrides": [override...],    optional, applied in order
 *             "temporarySchedules": [temporary...]}  optional
 * layer:     {"name", "rotation", "restrictions": [restriction...]}  {@link Layer}; restrictions optional (none: always)
 * rotation:  {"name": optional (the layer's), "kind": HOURLY|DAILY|WEEKLY|MONTHLY,
 *             "shiftLength": 1 to 10000 (optional, 1), "start": local date-time of the first
 *             handoff, "zone": optional (the schedule's), "participants": [person...]}  {@link Rotation}
 * restriction: {"days": [day...], "start": time, "length": duration}   {@link Restriction}
 * override:  {"kind": ADD|REMOVE|REPLACE, "person", "replacement": only for REPLACE,
 *             "start": instant, "end": instant}   {@link ScheduleOverride}
 * temporary: {"start": instant, "end": instant, "slots": [{"person", "start", "end"}...]}  {@link TemporarySchedule}
 * policy:    {"id", "name", "calendar",     {@link EscalationPolicy}
 *             "levels": [level...],          level 1 first
 *             "repeat": a whole number of more rounds, or "UNTIL_ACKNOWLEDGED"  (optional, 0)
 *             "coverage": {severity: ALWAYS|BUSINESS_HOURS...}}  optional, per severity
 *                                            (default: SEV1, SEV2 ALWAYS; SEV3, SEV4 BUSINESS_HOURS)
 * calendar:  {"zone", "hours": [{"days": [day...], "from": time, "to": time or "24:00"}...],
 *             "holidays": [date...]}  {@link dev.incidentkit.core.sla.BusinessCalendar}; holidays optional
 * level:     {"escalateAfter": duration, "targets": [target...],
 *             "severities": [severity...] (optional, all), "ifNobodyOnCall": SKIP|WAIT (optional, SKIP)}
 * target:    {"schedule": schedule id} or {"person": person id}   {@link Target}
 * </pre>
 *
 * <p>{@link #write} leaves out most optional fields that hold their default, writes instants in
 * UTC ({@code Z}) and keeps the order of every list, so that two writes differ only where the
 * configuration does (a hand-written layout is not kept). A policy's schedule target must name a
 * schedule of the same document. Each value is checked as its Java class checks it (a rotation
 * has at least one participant, an override ends after it starts...), and a bad one is reported
 * with its place: {@link OnCallConfigException}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.4.0
 */
public final class OnCallConfig {

    /** The version of the format that {@link #write} writes and {@link #read} reads. */
    public static final int VERSION = 1;

    private final Map<String, Schedule> schedules;
    private final Map<String, EscalationPolicy> policies;

    private OnCallConfig(Map<String, Schedule> schedules, Map<String, EscalationPolicy> policies) {
        this.schedules = Collections.unmodifiableMap(schedules);
        this.policies = Collections.unmodifiableMap(policies);
    }

    /**
     * @param schedules schedules, in the order they are to be written
     * @param policies escalation policies, in the order they are to be written
     * @return a configuration of them
     * @throws IllegalArgumentException if two schedules or two policies share an id, or a policy
     *     pages a schedule that is not among {@code schedules}
     */
    public static OnCallConfig of(Collection<Schedule> schedules, Collection<EscalationPolicy> policies) {
        Map<String, Schedule> s = new LinkedHashMap<>();
        for (Schedule schedule : schedules) {
            if (s.put(schedule.id(), schedule) != null) {
                throw Checks.bad("schedules", "must not share an id", schedule.id());
            }
        }
        Map<String, EscalationPolicy> p = new LinkedHashMap<>();
        for (EscalationPolicy policy : policies) {
            if (p.put(policy.id(), policy) != null) {
                throw Checks.bad("policies", "must not share an id", policy.id());
            }
            for (EscalationLevel level : policy.levels()) {
                for (Target target : level.targets()) {
                    if (target instanceof Target.OnSchedule on && !s.containsKey(on.scheduleId())) {
                        throw Checks.bad("scheduleId", "must name a schedule of the configuration (" + String.join(", ", s.keySet())
                                + ")", on.scheduleId());
                    }
                }
            }
        }
        return new OnCallConfig(s, p);
    }

    /**
     * Reads a document in the format above.
     *
     * @param reader the document; read to its end, not closed
     * @param sourceName what to call it in messages, such as {@code oncall.json}
     * @return its schedules and policies
     * @throws OnCallConfigException naming the line, the column and the field, if it is not JSON
     *     or breaks the format
     * @throws UncheckedIOException if {@code reader} fails
     */
    public static OnCallConfig read(Reader reader, String sourceName) {
        Objects.requireNonNull(sourceName, "sourceName");
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                text.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sourceName, e);
        }
        return ConfigReader.read(text.toString(), sourceName);
    }

    /** @return the document in the format above, version {@value #VERSION}, indented by two spaces, ending with a newline */
    public String write() {
        return ConfigWriter.write(this);
    }

    /** @return the schedules by id, in the document's order */
    public Map<String, Schedule> schedules() {
        return schedules;
    }

    /** @return the escalation policies by id, in the document's order */
    public Map<String, EscalationPolicy> policies() {
        return policies;
    }

    /** @return the schedule with that id, if there is one */
    public Optional<Schedule> schedule(String id) {
        return Optional.ofNullable(schedules.get(id));
    }

    /** @return the policy with that id, if there is one */
    public Optional<EscalationPolicy> policy(String id) {
        return Optional.ofNullable(policies.get(id));
    }

    /**
     * @param schedule a schedule
     * @return this configuration with {@code schedule} in place of the one with its id, or added last
     */
    public OnCallConfig withSchedule(Schedule schedule) {
        Map<String, Schedule> s = new LinkedHashMap<>(schedules);
        s.put(schedule.id(), schedule);
        return new OnCallConfig(s, new LinkedHashMap<>(policies));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnCallConfig c && schedules.equals(c.schedules) && policies.equals(c.policies);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schedules, policies);
    }

    @Override
    public String toString() {
        return "OnCallConfig[schedules=" + schedules.keySet() + ", policies=" + policies.keySet() + "]";
    }
}
