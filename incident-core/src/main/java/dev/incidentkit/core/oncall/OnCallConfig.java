package dev.incidentkit.core.oncall;

import dev.incidentkit.core.notify.ContactBook;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

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
 *   "policies": [ policy... ],               optional; ids unique
 *   "people": [ person... ]                  optional; ids unique (since 0.4.0)
 * }
 * person:    {"id", "name", "contacts": [contact...]}   {@link Person}; contacts optional, one per kind
 * contact:   {"kind": such as "email" or "slack", "address"}   {@link ContactMethod}
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
 * policy:    {"id", "name",                 {@link EscalationPolicy}
 *             "services": [service...],      optional: the services it pages for, each routed to one policy
 *             "calendar",
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
 * schedule of the same document; a service name matches {@code [a-z0-9][a-z0-9._-]{0,62}} and is
 * listed by one policy at most. A person a schedule or target names need not be among {@code
 * people}: they then have no contact methods. Each value is checked as its Java class checks it (a rotation
 * has at least one participant, an override ends after it starts...), and a bad one is reported
 * with its place: {@link OnCallConfigException}. {@link #readSchedule}, {@link #readOverride},
 * {@link #readPerson} and {@link #readPolicy} read one such object alone (an API's request body),
 * with the same checks and messages, paths counted from that object.
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
    private final Map<String, Person> people;
    private final Map<String, String> services;

    private OnCallConfig(Map<String, Schedule> schedules, Map<String, EscalationPolicy> policies, Map<String, Person> people,
            Map<String, String> services) {
        this.schedules = Collections.unmodifiableMap(schedules);
        this.policies = Collections.unmodifiableMap(policies);
        this.people = Collections.unmodifiableMap(people);
        this.services = Collections.unmodifiableMap(services);
    }

    /**
     * A configuration without people or services, as {@link #of(Collection, Collection, Collection,
     * Map)} with none.
     *
     * @param schedules schedules, in the order they are to be written
     * @param policies escalation policies, in the order they are to be written
     * @return a configuration of them
     * @throws IllegalArgumentException if two schedules or two policies share an id, or a policy
     *     pages a schedule that is not among {@code schedules}
     */
    public static OnCallConfig of(Collection<Schedule> schedules, Collection<EscalationPolicy> policies) {
        return of(schedules, policies, List.of(), Map.of());
    }

    /**
     * @param schedules schedules, in the order they are to be written
     * @param policies escalation policies, in the order they are to be written
     * @param people the people and their contact methods, in the order they are to be written; a
     *     person a schedule names need not be among them
     * @param services which policy pages for each service: service name to policy id; each name
     *     matches {@code [a-z0-9][a-z0-9._-]{0,62}}
     * @return a configuration of them
     * @throws IllegalArgumentException naming the field and quoting the value if two schedules, two
     *     policies or two people share an id, a policy pages a schedule that is not among {@code
     *     schedules}, a service's name breaks its rule or a service names a policy that is not
     *     among {@code policies}
     * @since 0.4.0
     */
    public static OnCallConfig of(Collection<Schedule> schedules, Collection<EscalationPolicy> policies,
            Collection<Person> people, Map<String, String> services) {
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
        Map<String, Person> h = new LinkedHashMap<>();
        for (Person person : people) {
            if (h.put(person.id(), person) != null) {
                throw Checks.bad("people", "must not share an id", person.id());
            }
        }
        Map<String, String> r = new LinkedHashMap<>();
        services.forEach((service, policy) -> {
            Checks.name("services", service);
            if (!p.containsKey(Objects.requireNonNull(policy, "policy"))) {
                throw Checks.bad("services", "must name a policy of the configuration (" + String.join(", ", p.keySet())
                        + ") for service " + service, policy);
            }
            r.put(service, policy);
        });
        return new OnCallConfig(s, p, h, r);
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

    /**
     * An escalation policy as the format holds it: the policy and the services routed to it.
     *
     * @param policy the policy
     * @param services the services it pages for, in the order given
     * @since 0.4.0
     */
    public record RoutedPolicy(EscalationPolicy policy, List<String> services) {

        /**
         * Copies the list.
         *
         * @throws IllegalArgumentException naming {@code services} if a name breaks its rule
         * @since 0.4.0
         */
        public RoutedPolicy {
            Objects.requireNonNull(policy, "policy");
            services = List.copyOf(services);
            services.forEach(x -> Checks.name("services", x));
        }
    }

    /**
     * Reads one schedule, as the format's {@code schedules} hold them, from a document of its own.
     *
     * @param json the schedule's JSON object
     * @param sourceName what to call it in messages, such as {@code body}
     * @return the schedule
     * @throws OnCallConfigException naming the line, the column and the field (such as {@code
     *     layers[0].rotation.kind}) if it is not JSON or breaks the format
     * @since 0.4.0
     */
    public static Schedule readSchedule(String json, String sourceName) {
        return ConfigReader.schedule(json, Objects.requireNonNull(sourceName, "sourceName"));
    }

    /**
     * Reads one override, as a schedule's {@code overrides} hold them, from a document of its own.
     *
     * @param json the override's JSON object
     * @param sourceName what to call it in messages
     * @return the override
     * @throws OnCallConfigException naming the line, the column and the field if it is not JSON or breaks the format
     * @since 0.4.0
     */
    public static ScheduleOverride readOverride(String json, String sourceName) {
        return ConfigReader.override(json, Objects.requireNonNull(sourceName, "sourceName"));
    }

    /**
     * Reads one person, as the format's {@code people} hold them, from a document of its own.
     *
     * @param json the person's JSON object
     * @param sourceName what to call it in messages
     * @return the person
     * @throws OnCallConfigException naming the line, the column and the field (such as {@code
     *     contacts[1].kind}) if it is not JSON or breaks the format
     * @since 0.4.0
     */
    public static Person readPerson(String json, String sourceName) {
        return ConfigReader.person(json, Objects.requireNonNull(sourceName, "sourceName"));
    }

    /**
     * Reads one escalation policy with its services, as the format's {@code policies} hold them,
     * from a document of its own; its schedule targets must name schedules of this configuration.
     *
     * @param json the policy's JSON object
     * @param sourceName what to call it in messages
     * @return the policy and its services
     * @throws OnCallConfigException naming the line, the column and the field (such as {@code
     *     levels[0].targets[0].schedule}) if it is not JSON or breaks the format
     * @since 0.4.0
     */
    public RoutedPolicy readPolicy(String json, String sourceName) {
        return ConfigReader.policy(json, Objects.requireNonNull(sourceName, "sourceName"), schedules);
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
     * @return the addresses of this configuration's people, for {@code
     *     IncidentKit.builder().contacts(..)}: a person's contact method of a kind
     * @since 0.4.0
     */
    public ContactBook contacts() {
        return (person, kind) -> person(person).flatMap(p -> p.contact(kind)).map(ContactMethod::address);
    }

    /**
     * @param config a configuration that may change (a file read again, say); asked at every page
     * @return the addresses of its people as they are when each page is sent
     * @since 0.4.0
     */
    public static ContactBook contacts(Supplier<OnCallConfig> config) {
        Objects.requireNonNull(config, "config");
        return (person, kind) -> config.get().contacts().address(person, kind);
    }

    /**
     * @return the people by id, in the document's order; a person a schedule names need not be
     *     among them
     * @since 0.4.0
     */
    public Map<String, Person> people() {
        return people;
    }

    /**
     * @param id a person's id, as schedules and targets name them
     * @return the person with their contact methods, if the configuration lists them; empty for
     *     someone it does not (who then has no contact methods)
     * @since 0.4.0
     */
    public Optional<Person> person(String id) {
        return Optional.ofNullable(people.get(id));
    }

    /**
     * @return which policy pages for each service: service name to policy id, in the document's
     *     order (each policy's services, policy by policy)
     * @since 0.4.0
     */
    public Map<String, String> services() {
        return services;
    }

    /**
     * @param service a service's name, such as {@code payments-api}
     * @return the policy that pages for it, if one is routed to it
     * @since 0.4.0
     */
    public Optional<EscalationPolicy> policyFor(String service) {
        return Optional.ofNullable(services.get(service)).map(policies::get);
    }

    /**
     * @param policyId a policy's id
     * @return the services routed to it, in the document's order; empty if none or no such policy
     * @since 0.4.0
     */
    public List<String> servicesOf(String policyId) {
        return services.entrySet().stream().filter(e -> e.getValue().equals(policyId)).map(Map.Entry::getKey).toList();
    }

    /**
     * @param schedule a schedule
     * @return this configuration with {@code schedule} in place of the one with its id, or added last
     */
    public OnCallConfig withSchedule(Schedule schedule) {
        Map<String, Schedule> s = new LinkedHashMap<>(schedules);
        s.put(schedule.id(), schedule);
        return new OnCallConfig(s, new LinkedHashMap<>(policies), new LinkedHashMap<>(people), new LinkedHashMap<>(services));
    }

    /**
     * @param id a schedule's id
     * @return this configuration without that schedule; itself if it has none of that id
     * @throws IllegalArgumentException naming {@code schedule} and quoting the id if a policy pages it
     * @since 0.4.0
     */
    public OnCallConfig withoutSchedule(String id) {
        for (EscalationPolicy policy : policies.values()) {
            for (EscalationLevel level : policy.levels()) {
                if (level.targets().contains(Target.schedule(id))) {
                    throw Checks.bad("schedule", "is paged by policy " + policy.id() + " and cannot be removed", id);
                }
            }
        }
        if (!schedules.containsKey(id)) {
            return this;
        }
        Map<String, Schedule> s = new LinkedHashMap<>(schedules);
        s.remove(id);
        return new OnCallConfig(s, new LinkedHashMap<>(policies), new LinkedHashMap<>(people), new LinkedHashMap<>(services));
    }

    /**
     * @param person a person
     * @return this configuration with {@code person} in place of the one with their id, or added last
     * @since 0.4.0
     */
    public OnCallConfig withPerson(Person person) {
        Map<String, Person> h = new LinkedHashMap<>(people);
        h.put(person.id(), person);
        return new OnCallConfig(new LinkedHashMap<>(schedules), new LinkedHashMap<>(policies), h, new LinkedHashMap<>(services));
    }

    /**
     * @param policy an escalation policy
     * @param services the services it is to page for, and only those: services routed to it before
     *     and not listed here are routed to none
     * @return this configuration with {@code policy} in place of the one with its id, or added last
     * @throws IllegalArgumentException naming the field and quoting the value if the policy pages a
     *     schedule the configuration does not have, a service's name breaks its rule, a service is
     *     listed twice, or a service is routed to another policy
     * @since 0.4.0
     */
    public OnCallConfig withPolicy(EscalationPolicy policy, List<String> services) {
        Map<String, EscalationPolicy> p = new LinkedHashMap<>(policies);
        p.put(policy.id(), policy);
        Map<String, String> r = new LinkedHashMap<>(this.services);
        r.values().removeIf(policy.id()::equals);
        for (String service : services) {
            String before = r.putIfAbsent(Checks.name("services", service), policy.id());
            if (before != null) {
                throw Checks.bad("services", before.equals(policy.id()) ? "must not list a service twice"
                        : "must not list a service routed to policy " + before, service);
            }
        }
        return of(schedules.values(), p.values(), people.values(), r);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnCallConfig c && schedules.equals(c.schedules) && policies.equals(c.policies)
                && people.equals(c.people) && services.equals(c.services);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schedules, policies, people, services);
    }

    @Override
    public String toString() {
        return "OnCallConfig[schedules=" + schedules.keySet() + ", policies=" + policies.keySet() + ", people=" + people.keySet()
                + ", services=" + services + "]";
    }
}
