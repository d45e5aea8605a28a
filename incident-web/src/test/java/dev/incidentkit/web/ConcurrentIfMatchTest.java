package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.event.RecordedEvent;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("If-Match under contention: of many writers who read the same version, exactly one wins")
class ConcurrentIfMatchTest {

    @Test
    @DisplayName("12 clients, one barrier, the same If-Match: one 200, eleven 412, versions gapless, nothing twice")
    void oneWinner() throws Exception {
        int clients = 12;
        try (WebHarness h = new WebHarness(m -> m, b -> b.maxThreads(24))) {
            String id = h.declare();
            CyclicBarrier start = new CyclicBarrier(clients);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    String note = "writer " + i;
                    statuses.add(pool.submit(() -> {
                        HttpRequest request = h.request("/api/v1/incidents/" + id + "/notes", "rita")
                                .header("Content-Type", "application/json").header("If-Match", "\"1\"")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"" + note + "\"}")).build();
                        start.await(10, TimeUnit.SECONDS);
                        return h.send(request).status();
                    }));
                }
                List<Integer> answered = new ArrayList<>();
                for (Future<Integer> f : statuses) {
                    answered.add(f.get(30, TimeUnit.SECONDS));
                }

                assertThat(answered).filteredOn(s -> s == 200).hasSize(1);
                assertThat(answered).filteredOn(s -> s == 412).hasSize(clients - 1);
                List<RecordedEvent> history = h.incidents.history(id);
                assertThat(history).extracting(RecordedEvent::version).containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 2).boxed().toList());
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
