package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link IncidentManagerContract}: incident ids. */
abstract class ManagerIdsTests extends ManagerHarness {

    @Test
    @DisplayName("are INC-<year>-<sequence of at least 3 digits>, counting from 001")
    void format() {
        Incident first = manager().declare(CHECKOUT, ALICE);
        Incident second = manager().declare(CHECKOUT, ALICE);

        assertThat(first.id()).isEqualTo("INC-2025-001").matches(ID);
        assertThat(second.id()).isEqualTo("INC-2025-002");
        assertThat(manager().list()).extracting(Incident::id).containsExactly("INC-2025-001", "INC-2025-002");
    }

    @Test
    @DisplayName("take the year of the declaration, each year counting from 001")
    void sequencePerYear() {
        clock().set(Instant.parse("2026-01-01T00:00:30Z"));
        IncidentManager m = manager();

        String lateIn2025 = m.declare(CHECKOUT, ALICE.at(Instant.parse("2025-12-31T23:59:00Z"))).id();
        String firstOf2026 = m.declare(CHECKOUT, ALICE).id();
        String alsoIn2025 = m.declare(CHECKOUT, ALICE.at(Instant.parse("2025-12-31T23:59:30Z"))).id();
        String secondOf2026 = m.declare(CHECKOUT, ALICE).id();
        // Within the default 366 days of back-dating.
        String in2024 = m.declare(CHECKOUT, ALICE.at(Instant.parse("2024-12-31T12:00:00Z"))).id();

        assertThat(List.of(lateIn2025, firstOf2026, alsoIn2025, secondOf2026, in2024))
                .containsExactly("INC-2025-001", "INC-2026-001", "INC-2025-002", "INC-2026-002", "INC-2024-001");
    }

    @Test
    @DisplayName("are unique when 8 threads declare 50 incidents each at once")
    void uniqueUnderConcurrentDeclares() throws Exception {
        RaceGate gate = new RaceGate(store());
        IncidentManager m = manager(b -> b.store(gate));
        int threads = 8;
        int each = 50;

        List<List<String>> perThread = concurrently(gate, threads, each,
                (t, i) -> m.declare(Declare.of("Thread " + t + " incident " + i, Severity.SEV3, "checkout"),
                        CommandContext.as("thread-" + t)).id());

        List<String> ids = perThread.stream().flatMap(List::stream).collect(Collectors.toList());
        assertThat(ids).hasSize(threads * each).doesNotHaveDuplicates().allMatch(id -> ID.matcher(id).matches());
        assertThat(ids).extracting(ManagerHarness::sequence).allMatch(n -> n >= 1);
        List<Incident> all = m.list();
        assertThat(all).hasSize(threads * each);
        assertThat(all).extracting(Incident::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(all).allSatisfy(i -> IncidentAssert.assertThat(i).hasVersion(1).hasStatus(Status.OPEN));
    }
}
