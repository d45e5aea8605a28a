package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link EventStoreContract}: incident numbers. */
abstract class StoreIncidentNumbersTests extends StoreHarness {

    @Test
    @DisplayName("start at 1 and count up, each year on its own")
    void perYear() {
        assertThat(store.nextIncidentNumber(2025)).isEqualTo(1);
        assertThat(store.nextIncidentNumber(2025)).isEqualTo(2);
        assertThat(store.nextIncidentNumber(2026)).isEqualTo(1);
        assertThat(store.nextIncidentNumber(2025)).isEqualTo(3);
        assertThat(store.nextIncidentNumber(2024)).isEqualTo(1);
        assertThat(store.nextIncidentNumber(2026)).isEqualTo(2);
    }

    @Test
    @DisplayName("taken concurrently, are unique and gapless from 1 in every year")
    void concurrent() throws Exception {
        int threads = 8;
        int numbersEach = 200;
        List<Callable<Map<Integer, List<Long>>>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            tasks.add(() -> {
                Map<Integer, List<Long>> taken = new HashMap<>();
                for (int i = 0; i < numbersEach; i++) {
                    int year = i % 4 == 0 ? 2026 : 2025;
                    taken.computeIfAbsent(year, y -> new ArrayList<>()).add(store.nextIncidentNumber(year));
                }
                return taken;
            });
        }

        List<Map<Integer, List<Long>>> results = runTogether(tasks);

        for (int year : List.of(2025, 2026)) {
            List<Long> numbers = results.stream().flatMap(m -> m.get(year).stream()).sorted().collect(Collectors.toList());
            long expected = threads * (year == 2026 ? numbersEach / 4 : numbersEach - numbersEach / 4);
            assertThat(numbers).as("numbers of %d", year)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, expected).boxed().collect(Collectors.toList()));
        }
    }
}
