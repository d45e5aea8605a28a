package dev.incidentkit.core.query;

import static dev.incidentkit.core.query.Summaries.T0;
import static dev.incidentkit.core.query.Summaries.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Keyset pagination against the plain answer: paging through any summaries with any query, a
 * page of {@code k} at a time as a store does (the first {@code k} that match and follow the
 * cursor, in the query's order), visits exactly the sorted matches, each once. Values are drawn
 * from small sets, so that ties on the sort value are the rule and the id decides.
 */
class IncidentQueryProperties {

    @Property(tries = 500)
    void pagingVisitsEachSortedMatchOnce(@ForAll("summaries") List<IncidentSummary> all,
            @ForAll("queries") IncidentQuery query) {
        List<IncidentSummary> expected = all.stream().filter(query::matches).sorted(query.comparator()).toList();

        List<IncidentSummary> visited = new ArrayList<>();
        IncidentQuery page = query.firstPage();
        int pages = 0;
        while (true) {
            IncidentQuery current = page;
            List<IncidentSummary> found = all.stream().filter(current::matches).filter(current::isAfterCursor)
                    .sorted(current.comparator()).limit(current.limit()).toList();
            visited.addAll(found);
            pages++;
            if (found.size() < current.limit()) {
                break;
            }
            page = query.after(current.cursorAfter(found.get(found.size() - 1)).encode());
            assertThat(pages).as("pages").isLessThanOrEqualTo(all.size() + 1);
        }

        assertThat(visited).containsExactlyElementsOf(expected);
        Statistics.label("pages").collect(pages < 2 ? "1" : pages < 5 ? "2-4" : "5+");
        Statistics.label("matches").collect(expected.isEmpty() ? "none" : expected.size() < 5 ? "1-4" : "5+");
    }

    /** The comparator is a total order: two summaries of different ids never tie, in either direction. */
    @Property(tries = 500)
    void theOrderIsTotalAndTheCursorAgreesWithIt(@ForAll("summaries") List<IncidentSummary> all,
            @ForAll("queries") IncidentQuery query) {
        Comparator<IncidentSummary> order = query.comparator();
        for (IncidentSummary a : all) {
            IncidentQuery afterA = query.after(query.cursorAfter(a).encode());
            for (IncidentSummary b : all) {
                int cmp = order.compare(a, b);
                assertThat(cmp == 0).isEqualTo(a.id().equals(b.id()));
                assertThat(Integer.signum(order.compare(b, a))).isEqualTo(-Integer.signum(cmp));
                assertThat(afterA.isAfterCursor(b)).as("%s after %s", b.id(), a.id()).isEqualTo(cmp < 0);
            }
        }
    }

    @Provide
    Arbitrary<List<IncidentSummary>> summaries() {
        Arbitrary<Instant> instants = Arbitraries.integers().between(0, 4).map(n -> T0.plusSeconds(60L * n));
        Arbitrary<String> people = Arbitraries.of("bob", "carol", "dave");
        Arbitrary<IncidentSummary> one = Combinators.combine(
                        Combinators.combine(Arbitraries.of("INC-1", "INC-10", "INC-2", "inc-2", "İNC-3", "INC-Ω", "A"),
                                Arbitraries.of("Checkout slow", "CHECKOUT down", "Платежи", "ΟΔΟΣ ΣΑ", "db"),
                                Arbitraries.of(Severity.class), Arbitraries.of(Status.class))
                                .as((id, title, sev, status) -> summary(id).title(title).severity(sev).status(status)),
                        Arbitraries.of("checkout", "payments", "db"), Arbitraries.of("payments", "db").set().ofMaxSize(2),
                        people.optional(0.5), people.optional(0.5), instants, instants)
                .as((b, service, correlated, commander, techLead, declared, changed) -> {
                    List<String> others = correlated.stream().filter(c -> !c.equals(service)).sorted().toList();
                    b.service(service, others.toArray(new String[0])).declaredAt(declared).lastChangedAt(changed);
                    commander.ifPresent(c -> b.role(Role.COMMANDER, c));
                    techLead.ifPresent(t -> b.role(Role.TECH_LEAD, t));
                    return b.build();
                });
        // One summary per id, as a store keeps: later draws of an id are dropped.
        return one.list().ofMaxSize(20).map(list -> {
            Map<String, IncidentSummary> byId = new LinkedHashMap<>();
            list.forEach(s -> byId.putIfAbsent(s.id(), s));
            return List.copyOf(byId.values());
        });
    }

    /**
     * A cursor is accepted by the query that made it, whatever its page size, and by no query of
     * another order or other filters.
     */
    @Property(tries = 500)
    void aCursorIsAcceptedExactlyByItsOwnQuery(@ForAll("queries") IncidentQuery maker,
            @ForAll("queries") IncidentQuery other, @ForAll boolean samePageSizeAside) {
        String cursor = maker.cursorAfter(summary("INC-1").build()).encode();
        IncidentQuery user = samePageSizeAside ? maker.limit(other.limit()) : other;
        boolean same = user.firstPage().limit(1).equals(maker.firstPage().limit(1));

        if (same) {
            assertThat(user.after(cursor).after()).isPresent();
        } else {
            assertThatThrownBy(() -> user.after(cursor)).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.field()).isEqualTo("cursor"));
        }
        Statistics.label("same query").collect(same);
    }

    @Provide
    Arbitrary<IncidentQuery> queries() {
        Arbitrary<IncidentQuery> sorted = Combinators.combine(Arbitraries.of(SortKey.class),
                        Arbitraries.of(SortDirection.class), Arbitraries.integers().between(1, 6))
                .as((key, direction, limit) -> IncidentQuery.all().sortBy(key, direction).limit(limit));
        return Combinators.combine(sorted,
                        Arbitraries.of(Status.class).set().ofMaxSize(3),
                        Arbitraries.of(Severity.class).set().ofMaxSize(2),
                        Arbitraries.of("checkout", "payments", "db").optional(0.3),
                        Arbitraries.of("check", "ΟΔΟΣ", "σα", "ПЛАТ", "own").optional(0.3),
                        Arbitraries.of("bob", "carol").optional(0.2),
                        Arbitraries.of("bob", "dave").optional(0.2),
                        Arbitraries.integers().between(0, 5).optional(0.3))
                .as((q, statuses, severities, service, title, commander, holder, from) -> {
                    IncidentQuery out = q.status(Set.copyOf(statuses)).severity(Set.copyOf(severities));
                    out = service.map(out::service).orElse(out);
                    out = title.map(out::titleContains).orElse(out);
                    out = commander.map(out::commander).orElse(out);
                    out = holder.map(out::roleHolder).orElse(out);
                    if (from.isPresent()) {
                        out = out.declaredFrom(T0.plusSeconds(60L * from.get()))
                                .declaredBefore(T0.plusSeconds(60L * (from.get() + 2)));
                    }
                    return out;
                });
    }
}
