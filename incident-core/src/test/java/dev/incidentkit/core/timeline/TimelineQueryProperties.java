package dev.incidentkit.core.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.IncidentEvent.Declared;
import dev.incidentkit.core.event.IncidentEvent.ServiceCorrelated;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.export.TestHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A query's result is sorted by (occurredAt, version, incident) and is exactly the events a naive filter keeps. */
class TimelineQueryProperties {

    private static final Instant T0 = Instant.parse("2025-08-23T14:00:00Z");
    private static final List<String> ACTORS = List.of("alice", "bob", "carol");
    private static final List<String> SERVICES = List.of("checkout", "payments", "search", "db");
    private static final List<String> GLOBS = List.of("incident.*", "*", "incident.note_added", "*.mitigated",
            "incident.?cknowledged", "incident.service_*", "incident.declared", "nothing.*", "incident.note?added");

    /** One step of an incident: minutes after T0 (ties likely), actor, and what happened. */
    static final class Step {
        final int minute;
        final String actor;
        final int kind;
        final String service;

        Step(int minute, String actor, int kind, String service) {
            this.minute = minute;
            this.actor = actor;
            this.kind = kind;
            this.service = service;
        }

        @Override
        public String toString() {
            return minute + "/" + actor + "/" + kind + "/" + service;
        }
    }

    static final class Query {
        List<String> globs = List.of();
        Optional<Integer> from = Optional.empty();
        Optional<Integer> until = Optional.empty();
        Set<String> actors = Set.of();
        Set<String> services = Set.of();
        Set<Integer> incidents = Set.of();

        TimelineQuery build() {
            TimelineQuery q = TimelineQuery.all().types(globs.toArray(new String[0]));
            if (from.isPresent()) {
                q = q.from(T0.plusSeconds(60L * from.get()));
            }
            if (until.isPresent() && (from.isEmpty() || until.get() >= from.get())) {
                q = q.until(T0.plusSeconds(60L * until.get()));
            }
            for (String a : actors) {
                q = q.actor(a);
            }
            for (String s : services) {
                q = q.service(s);
            }
            for (int i : incidents) {
                q = q.incident(id(i));
            }
            return q;
        }

        @Override
        public String toString() {
            return "Query[" + globs + " " + from + ".." + until + " " + actors + " " + services + " " + incidents + "]";
        }
    }

    @Provide
    Arbitrary<List<List<Step>>> incidents() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 30), Arbitraries.of(ACTORS),
                Arbitraries.integers().between(0, 3), Arbitraries.of(SERVICES)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(12).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Query> queries() {
        return Builders.withBuilder(Query::new)
                .use(Arbitraries.of(GLOBS).set().ofMaxSize(3).map(s -> List.copyOf(s))).in((q, v) -> { q.globs = v; return q; })
                .use(Arbitraries.integers().between(0, 31).optional()).in((q, v) -> { q.from = v; return q; })
                .use(Arbitraries.integers().between(0, 31).optional()).in((q, v) -> { q.until = v; return q; })
                .use(Arbitraries.of(ACTORS).set().ofMaxSize(2)).in((q, v) -> { q.actors = v; return q; })
                .use(Arbitraries.of(SERVICES).set().ofMaxSize(2)).in((q, v) -> { q.services = v; return q; })
                .use(Arbitraries.integers().between(0, 3).set().ofMaxSize(2)).in((q, v) -> { q.incidents = v; return q; })
                .build();
    }

    @Property(tries = 300)
    void resultIsSortedAndExactlyTheFilteredSubset(@ForAll("incidents") List<List<Step>> incidents,
            @ForAll("queries") Query query) {
        List<RecordedEvent> all = new ArrayList<>();
        for (int i = 0; i < incidents.size(); i++) {
            all.addAll(history(i, incidents.get(i)));
        }
        TimelineQuery q = query.build();

        List<TimelineEntry> result = q.select(all);

        Comparator<TimelineEntry> order = Comparator.comparing(TimelineEntry::at).thenComparingLong(TimelineEntry::version)
                .thenComparing(TimelineEntry::incidentId);
        assertThat(result).isSortedAccordingTo(order);
        Set<String> expected = all.stream().filter(e -> modelAccepts(q, e, all)).map(e -> e.incidentId() + "#" + e.version())
                .collect(Collectors.toSet());
        assertThat(result).extracting(e -> e.incidentId() + "#" + e.version()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
        for (TimelineEntry entry : result) {
            RecordedEvent source = all.stream()
                    .filter(e -> e.incidentId().equals(entry.incidentId()) && e.version() == entry.version())
                    .findFirst().orElseThrow();
            assertThat(entry).isEqualTo(Timeline.entry(source));
        }
        assertThat(q.selectFromHistories(List.of(all))).isEqualTo(result);
    }

    /** The same filter, written the slow and obvious way. */
    private static boolean modelAccepts(TimelineQuery q, RecordedEvent e, List<RecordedEvent> all) {
        boolean type = q.typeGlobs().isEmpty() || q.typeGlobs().stream().anyMatch(g -> globMatches(g, e.type()));
        boolean time = q.fromInstant().map(f -> !e.occurredAt().isBefore(f)).orElse(true)
                && q.untilInstant().map(u -> e.occurredAt().isBefore(u)).orElse(true);
        boolean actor = q.actors().isEmpty() || q.actors().contains(e.actor());
        boolean incident = q.incidents().isEmpty() || q.incidents().contains(e.incidentId());
        Set<String> affected = new HashSet<>();
        for (RecordedEvent other : all) {
            if (other.incidentId().equals(e.incidentId())) {
                if (other.event() instanceof Declared) {
                    affected.add(((Declared) other.event()).service());
                } else if (other.event() instanceof ServiceCorrelated) {
                    affected.add(((ServiceCorrelated) other.event()).service());
                }
            }
        }
        boolean service = q.services().isEmpty() || q.services().stream().anyMatch(affected::contains);
        return type && time && actor && incident && service;
    }

    /** Glob matching by recursion: '*' any run, '?' one character. */
    private static boolean globMatches(String glob, String text) {
        if (glob.isEmpty()) {
            return text.isEmpty();
        }
        char g = glob.charAt(0);
        if (g == '*') {
            for (int i = 0; i <= text.length(); i++) {
                if (globMatches(glob.substring(1), text.substring(i))) {
                    return true;
                }
            }
            return false;
        }
        return !text.isEmpty() && (g == '?' || g == text.charAt(0)) && globMatches(glob.substring(1), text.substring(1));
    }

    private static List<RecordedEvent> history(int index, List<Step> steps) {
        Step first = steps.get(0);
        TestHistory h = TestHistory.declared(id(index), "incident " + index, Severity.SEV3, SERVICES.get(index % SERVICES.size()),
                "", T0.plusSeconds(60L * first.minute), first.actor, 100L * index);
        boolean mitigated = false;
        for (Step s : steps.subList(1, steps.size())) {
            Instant at = T0.plusSeconds(60L * s.minute);
            IncidentEvent event;
            switch (s.kind) {
                case 0:
                    event = new IncidentEvent.NoteAdded("note by " + s.actor);
                    break;
                case 1:
                    event = new IncidentEvent.ServiceCorrelated(s.service, "");
                    break;
                case 2:
                    event = new IncidentEvent.Acknowledged("", Optional.empty());
                    break;
                default:
                    event = mitigated ? new IncidentEvent.NoteAdded("still fine")
                            : new IncidentEvent.StatusChanged(Status.OPEN, Status.MITIGATED, "");
                    mitigated = true;
            }
            h.add(at, s.actor, event);
        }
        return h.events();
    }

    private static String id(int index) {
        return "INC-2025-00" + (index + 1);
    }
}
