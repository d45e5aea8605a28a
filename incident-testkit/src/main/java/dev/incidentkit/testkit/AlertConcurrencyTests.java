package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertQuery;
import dev.incidentkit.core.spi.AlertStore.GroupDecision;
import dev.incidentkit.core.spi.AlertStore.Incoming;
import dev.incidentkit.core.spi.AlertStore.Received;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link AlertStoreContract}: many threads on the same alerts and groups. */
abstract class AlertConcurrencyTests extends AlertHarness {

    private static final int THREADS = 8;

    /** What one thread saw. */
    private record Seen(List<Received> received, Map<String, List<GroupDecision>> decisions) {}

    @Test
    @DisplayName("8 threads posting the same alerts and grouping the same keys: one alert each, every post counted, "
            + "one NEW each, each group claimed once")
    void racingPostsAndGroups() throws InterruptedException {
        int pairs = 6;
        int postsEach = 10;
        int groupKeys = 4;
        List<Callable<Seen>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            tasks.add(() -> {
                List<Received> received = new ArrayList<>();
                Map<String, List<GroupDecision>> decisions = new HashMap<>();
                for (int round = 0; round < postsEach; round++) {
                    for (int p = 0; p < pairs; p++) {
                        // Each thread walks the pairs from another start, so that they collide on every pair.
                        int pair = (p + thread) % pairs;
                        String source = pair % 2 == 0 ? "alertmanager" : "pagerduty";
                        Instant now = at(round);
                        received.add(fire(source, "fp-" + (pair / 2), now));
                        String key = "group-" + (pair + round) % groupKeys;
                        decisions.computeIfAbsent(key, k -> new ArrayList<>())
                                .add(alerts.group(key, now, Instant.EPOCH, "claim-" + thread + "-" + round + "-" + p,
                                        at(3600)));
                    }
                }
                return new Seen(received, decisions);
            });
        }

        List<Seen> seen = StoreHarness.runTogether(tasks);

        Set<String> ids = new HashSet<>();
        int newOnes = 0;
        for (Seen s : seen) {
            for (Received r : s.received()) {
                ids.add(r.alert().id());
                newOnes += r.kind() == Received.Kind.NEW ? 1 : 0;
                assertThat(r.kind()).isIn(Received.Kind.NEW, Received.Kind.REPEAT);
            }
        }
        assertThat(newOnes).as("one NEW per alert").isEqualTo(pairs);
        assertThat(ids).as("one id per alert").hasSize(pairs);
        for (int pair = 0; pair < pairs; pair++) {
            String source = pair % 2 == 0 ? "alertmanager" : "pagerduty";
            Alert a = alerts.find(source, "fp-" + (pair / 2)).orElseThrow();
            assertThat(a.repeats()).as(source + " fp-" + pair / 2).isEqualTo((long) THREADS * postsEach);
            assertThat(a.firstSeen()).isEqualTo(T0);
        }
        for (int g = 0; g < groupKeys; g++) {
            String key = "group-" + g;
            List<GroupDecision> all = new ArrayList<>();
            seen.forEach(s -> all.addAll(s.decisions().getOrDefault(key, List.of())));
            assertThat(all).as(key).isNotEmpty();
            assertThat(all.stream().filter(d -> d instanceof GroupDecision.Claimed).count()).as(key + " claimed")
                    .isEqualTo(1);
            assertThat(all).as(key).allMatch(d -> d instanceof GroupDecision.Claimed || d instanceof GroupDecision.Wait
                    || d instanceof GroupDecision.Join);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    @DisplayName("8 threads receiving overlapping lists in different orders: no deadlock, each key stored once, "
            + "every post of it counted, one NEW each")
    void racingLists() throws InterruptedException {
        int rounds = 8;
        // Each round, all threads start together on the same 6 new keys and 4 stored ones, each in its
        // own order and one key twice: rows locked or inserted as listed would wait in a cycle.
        CyclicBarrier round = new CyclicBarrier(THREADS);
        List<Callable<Map<String, Integer>>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            tasks.add(() -> {
                Random random = new Random(thread);
                Map<String, Integer> sent = new HashMap<>();
                int newOnes = 0;
                for (int r = 0; r < rounds; r++) {
                    List<String> list = new ArrayList<>();
                    for (int k = 0; k < 10; k++) {
                        String source = k % 2 == 0 ? "alertmanager" : "pagerduty";
                        list.add(k < 4 ? source + "/hot-" + k : source + "/fp-" + r + "-" + k);
                    }
                    Collections.shuffle(list, random);
                    list.add(random.nextInt(list.size() + 1), list.get(random.nextInt(list.size())));
                    List<Incoming> incoming = new ArrayList<>();
                    for (String key : list) {
                        String[] sourceAndKey = key.split("/");
                        incoming.add(new Incoming(newId(), details(sourceAndKey[0], sourceAndKey[1]), Optional.empty()));
                        sent.merge(key, 1, Integer::sum);
                    }
                    round.await(StoreHarness.TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    List<Received> received = alerts.receiveFiring(incoming, at(r), at(3600));
                    assertThat(received).hasSize(incoming.size());
                    for (int i = 0; i < received.size(); i++) {
                        assertThat(received.get(i).alert().details()).isEqualTo(incoming.get(i).details());
                        newOnes += received.get(i).kind() == Received.Kind.NEW ? 1 : 0;
                    }
                }
                sent.put("NEW", newOnes);
                return sent;
            });
        }

        List<Map<String, Integer>> seen = StoreHarness.runTogether(tasks);

        Map<String, Integer> sent = new HashMap<>();
        int newOnes = 0;
        for (Map<String, Integer> s : seen) {
            for (Map.Entry<String, Integer> e : s.entrySet()) {
                if (e.getKey().equals("NEW")) {
                    newOnes += e.getValue();
                } else {
                    sent.merge(e.getKey(), e.getValue(), Integer::sum);
                }
            }
        }
        assertThat(alerts.alerts(AlertQuery.recent().limit(1000))).as("one row per key").hasSize(sent.size());
        assertThat(newOnes).as("one NEW per key").isEqualTo(sent.size());
        for (Map.Entry<String, Integer> e : sent.entrySet()) {
            String[] sourceAndKey = e.getKey().split("/");
            assertThat(alerts.find(sourceAndKey[0], sourceAndKey[1]).orElseThrow().repeats()).as(e.getKey() + " repeats")
                    .isEqualTo((long) e.getValue());
        }
    }
}
