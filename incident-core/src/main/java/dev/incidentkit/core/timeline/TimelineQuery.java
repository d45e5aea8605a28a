package dev.incidentkit.core.timeline;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.event.IncidentEvent.Declared;
import dev.incidentkit.core.event.IncidentEvent.ServiceCorrelated;
import dev.incidentkit.core.event.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A filter over timelines: by event type (globs such as {@code incident.*}), time range, actor,
 * service and incident, within one incident or across all of them. A pure function over event
 * histories: nothing is read from a store.
 *
 * <pre>{@code
 * TimelineQuery q = TimelineQuery.all()
 *         .types("incident.note_added", "incident.mitigated")
 *         .between(from, until)
 *         .actor("bob")
 *         .service("checkout");
 * List<TimelineEntry> one = q.select(incidents.history(id));
 * List<TimelineEntry> across = q.selectFromHistories(histories);
 * }</pre>
 *
 * <p>Within one dimension the values are alternatives (any type glob, any actor, any service,
 * any incident); the dimensions must all hold. A dimension without values does not filter.
 *
 * <ul>
 *   <li><b>type</b>: glob over the CloudEvents type; {@code *} stands for any run of
 *       characters, {@code ?} for one, everything else for itself (case-sensitive).
 *   <li><b>time</b>: {@code occurredAt} in {@code [from, until)}, each bound optional.
 *   <li><b>actor</b>: who did it, by exact name.
 *   <li><b>service</b>: the incident affects the service: it is the incident's primary service
 *       or one correlated with it in the events given. Every event of such an incident matches,
 *       also those from before the correlation, since the impact usually starts before anyone
 *       correlates it. Pass whole histories when filtering by service.
 *   <li><b>incident</b>: the incident id.
 * </ul>
 *
 * <p>Results are ordered by {@link Timeline#ORDER}: {@code occurredAt}, ties by version, then
 * incident id. Immutable and thread-safe; each method returns a new query.
 *
 * @since 0.1.0
 */
public final class TimelineQuery {

    private static final Pattern GLOB = Pattern.compile("[\\x21-\\x7e]+");
    private static final TimelineQuery ALL =
            new TimelineQuery(List.of(), Optional.empty(), Optional.empty(), Set.of(), Set.of(), Set.of());

    private final List<String> typeGlobs;
    private final List<Pattern> typePatterns;
    private final Optional<Instant> from;
    private final Optional<Instant> until;
    private final Set<Actor> actors;
    private final Set<String> services;
    private final Set<String> incidents;

    private TimelineQuery(List<String> typeGlobs, Optional<Instant> from, Optional<Instant> until, Set<Actor> actors,
            Set<String> services, Set<String> incidents) {
        this.typeGlobs = List.copyOf(typeGlobs);
        List<Pattern> patterns = new ArrayList<>(typeGlobs.size());
        for (String glob : typeGlobs) {
            patterns.add(compile(glob));
        }
        this.typePatterns = List.copyOf(patterns);
        this.from = from;
        this.until = until;
        this.actors = Set.copyOf(actors);
        this.services = Set.copyOf(services);
        this.incidents = Set.copyOf(incidents);
    }

    /** @return the query that selects everything */
    public static TimelineQuery all() {
        return ALL;
    }

    /**
     * @param globs event type globs such as {@code incident.*} or {@code incident.note_added}
     * @return this query, also accepting these types
     * @throws IllegalArgumentException if a glob is empty or holds a blank or control character
     */
    public TimelineQuery types(String... globs) {
        List<String> all = new ArrayList<>(typeGlobs);
        for (String glob : globs) {
            Objects.requireNonNull(glob, "glob");
            if (!GLOB.matcher(glob).matches()) {
                throw new IllegalArgumentException("a type glob must be printable ASCII without blanks, such as "
                        + "incident.*: \"" + glob + "\"");
            }
            if (!all.contains(glob)) {
                all.add(glob);
            }
        }
        return new TimelineQuery(all, from, until, actors, services, incidents);
    }

    /**
     * @param instant the earliest {@code occurredAt} to select, inclusive
     * @return this query with that lower bound
     * @throws IllegalArgumentException if it lies after the upper bound
     */
    public TimelineQuery from(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        checkRange(instant, until);
        return new TimelineQuery(typeGlobs, Optional.of(instant), until, actors, services, incidents);
    }

    /**
     * @param instant the end of the range, exclusive
     * @return this query with that upper bound
     * @throws IllegalArgumentException if it lies before the lower bound
     */
    public TimelineQuery until(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        checkRange(from, instant);
        return new TimelineQuery(typeGlobs, from, Optional.of(instant), actors, services, incidents);
    }

    /**
     * @param from the earliest {@code occurredAt} to select, inclusive
     * @param until the end of the range, exclusive
     * @return this query with the range {@code [from, until)}
     * @throws IllegalArgumentException if {@code until} lies before {@code from}
     */
    public TimelineQuery between(Instant from, Instant until) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        checkRange(Optional.of(from), until);
        return new TimelineQuery(typeGlobs, Optional.of(from), Optional.of(until), actors, services, incidents);
    }

    /**
     * @param actor who did it
     * @return this query, also accepting events by this actor
     * @throws dev.incidentkit.core.ValidationException if the name is not a valid actor
     */
    public TimelineQuery actor(String actor) {
        return actor(Actor.of(actor));
    }

    /**
     * @param actor who did it
     * @return this query, also accepting events by this actor
     */
    public TimelineQuery actor(Actor actor) {
        Objects.requireNonNull(actor, "actor");
        Set<Actor> all = new LinkedHashSet<>(actors);
        all.add(actor);
        return new TimelineQuery(typeGlobs, from, until, all, services, incidents);
    }

    /**
     * @param service a service name
     * @return this query, also accepting events of incidents that affect this service
     */
    public TimelineQuery service(String service) {
        Objects.requireNonNull(service, "service");
        Set<String> all = new LinkedHashSet<>(services);
        all.add(service);
        return new TimelineQuery(typeGlobs, from, until, actors, all, incidents);
    }

    /**
     * @param incidentId an incident id
     * @return this query, also accepting events of this incident
     */
    public TimelineQuery incident(String incidentId) {
        Objects.requireNonNull(incidentId, "incidentId");
        Set<String> all = new LinkedHashSet<>(incidents);
        all.add(incidentId);
        return new TimelineQuery(typeGlobs, from, until, actors, services, all);
    }

    /** @return the type globs; empty when every type is accepted */
    public List<String> typeGlobs() {
        return typeGlobs;
    }

    /** @return the inclusive lower bound of {@code occurredAt}, if any */
    public Optional<Instant> fromInstant() {
        return from;
    }

    /** @return the exclusive upper bound of {@code occurredAt}, if any */
    public Optional<Instant> untilInstant() {
        return until;
    }

    /** @return the accepted actors; empty when any is */
    public Set<Actor> actors() {
        return actors;
    }

    /** @return the accepted services; empty when any is */
    public Set<String> services() {
        return services;
    }

    /** @return the accepted incidents; empty when any is */
    public Set<String> incidents() {
        return incidents;
    }

    /**
     * @param type an event type such as {@code incident.note_added}
     * @return whether one of the type globs accepts it (always, when there is none)
     */
    public boolean acceptsType(String type) {
        if (typePatterns.isEmpty()) {
            return true;
        }
        for (Pattern p : typePatterns) {
            if (p.matcher(type).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the query over events of one or several incidents.
     *
     * @param events the events, in any order: one incident's history, several histories
     *     concatenated, or a store's whole log
     * @return the timeline entries of the events that match, in {@link Timeline#ORDER}
     */
    public List<TimelineEntry> select(Collection<RecordedEvent> events) {
        Map<String, Set<String>> servicesByIncident = services.isEmpty() ? Map.of() : servicesByIncident(events);
        List<TimelineEntry> out = new ArrayList<>();
        for (RecordedEvent e : events) {
            if (matches(e, servicesByIncident)) {
                out.add(Timeline.entry(e));
            }
        }
        out.sort(Timeline.ORDER);
        return List.copyOf(out);
    }

    /**
     * Runs the query across incidents.
     *
     * @param histories the histories of the incidents to search, such as every incident of
     *     {@link dev.incidentkit.core.IncidentManager#list()}
     * @return the timeline entries of the events that match, in {@link Timeline#ORDER}
     */
    public List<TimelineEntry> selectFromHistories(Collection<? extends List<RecordedEvent>> histories) {
        List<RecordedEvent> all = new ArrayList<>();
        for (List<RecordedEvent> history : histories) {
            all.addAll(history);
        }
        return select(all);
    }

    private boolean matches(RecordedEvent e, Map<String, Set<String>> servicesByIncident) {
        if (!incidents.isEmpty() && !incidents.contains(e.incidentId())) {
            return false;
        }
        Instant at = e.occurredAt();
        if (from.isPresent() && at.isBefore(from.get())) {
            return false;
        }
        if (until.isPresent() && !at.isBefore(until.get())) {
            return false;
        }
        if (!actors.isEmpty() && !actors.contains(e.actor())) {
            return false;
        }
        if (!acceptsType(e.type())) {
            return false;
        }
        if (!services.isEmpty()) {
            Set<String> affected = servicesByIncident.getOrDefault(e.incidentId(), Set.of());
            for (String s : services) {
                if (affected.contains(s)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static Map<String, Set<String>> servicesByIncident(Collection<RecordedEvent> events) {
        Map<String, Set<String>> out = new HashMap<>();
        for (RecordedEvent e : events) {
            if (e.event() instanceof Declared d) {
                out.computeIfAbsent(e.incidentId(), id -> new HashSet<>()).add(d.service());
            } else if (e.event() instanceof ServiceCorrelated c) {
                out.computeIfAbsent(e.incidentId(), id -> new HashSet<>()).add(c.service());
            }
        }
        return out;
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder(glob.length() + 8);
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static void checkRange(Optional<Instant> from, Instant until) {
        if (from.isPresent() && until.isBefore(from.get())) {
            throw new IllegalArgumentException("the time range ends (" + until + ") before it starts (" + from.get() + ")");
        }
    }

    private static void checkRange(Instant from, Optional<Instant> until) {
        if (until.isPresent() && until.get().isBefore(from)) {
            throw new IllegalArgumentException("the time range ends (" + until.get() + ") before it starts (" + from + ")");
        }
    }

    @Override
    public String toString() {
        return "TimelineQuery[types=" + typeGlobs + ", from=" + from.map(Instant::toString).orElse("-")
                + ", until=" + until.map(Instant::toString).orElse("-") + ", actors=" + actors
                + ", services=" + services + ", incidents=" + incidents + "]";
    }
}
