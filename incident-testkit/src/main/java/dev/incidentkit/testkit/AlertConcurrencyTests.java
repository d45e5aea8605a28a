package dev.incidentkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.alert.Alert;
import dev.incidentkit.core.alert.AlertQuery;
import dev.incidentkit.core.spi.AlertStore.Incoming;
import dev.incidentkit.core.spi.AlertStore.GroupDecision;
import dev.incidentkit.core.spi.AlertStore.Received;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import java.util.Random;
import java.util.concurrent.Callable;
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
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            keys.add((k % 2 == 0 ? "alertmanager" : "pagerduty") + "/fp-" + k);
        }
        int rounds = 8;
        List<Callable<Map<String, Integer>>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            tasks.add(() -> {
                Random random = new Random(thread);
                Map<String, Integer> sent = new HashMap<>();
                List<Received> received = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    // Two thirds of the keys, shuffled, one of them twice: every pair of lists
                    // shares keys, in orders that would wait in a cycle if rows were locked as listed.
                    List<String> list = new ArrayList<>(keys);
                    Collections.shuffle(list, random);
                    list = new ArrayList<>(list.subList(0, 8));
                    list.add(random.nextInt(list.size() + 1), list.get(random.nextInt(list.size())));
                    List<Incoming> incoming = new ArrayList<>();
                    for (String key : list) {
                        String[] sourceAndKey = key.split("/");
                        incoming.add(new Incoming(newId(), details(sourceAndKey[0], sourceAndKey[1]),
                                java.util.Optional.empty()));
                        sent.merge(key, 1, Integer::sum);
                    }
                    received.addAll(alerts.receiveFiring(incoming, at(round), at(3600)));
                    assertThat(received).hasSize(sent.values().stream().mapToInt(Integer::intValue).sum());
                }
                Map<String, Integer> outcome = new HashMap<>(sent);
                outcome.put("NEW", (int) received.stream().filter(r -> r.kind() == Received.Kind.NEW).count());
                return outcome;
            });
        }

        List<Map<String, Integer>> seen = StoreHarness.runTogether(tasks);

        int newOnes = seen.stream().mapToInt(m -> m.get("NEW")).sum();
        assertThat(alerts.alerts(AlertQuery.recent().limit(1000))).as("one row per key")
                .hasSize((int) seen.stream().flatMap(m -> m.keySet().stream()).filter(k -> !k.equals("NEW")).distinct()
                        .count());
        assertThat(newOnes).as("one NEW per key").isEqualTo(alerts.alerts(AlertQuery.recent().limit(1000)).size());
        for (String key : keys) {
            int sent = seen.stream().mapToInt(m -> m.getOrDefault(key, 0)).sum();
            String[] sourceAndKey = key.split("/");
            if (sent == 0) {
                assertThat(alerts.find(sourceAndKey[0], sourceAndKey[1])).as(key).isEmpty();
                continue;
            }
            Alert a = alerts.find(sourceAndKey[0], sourceAndKey[1]).orElseThrow();
            assertThat(a.repeats()).as(key + " repeats").isEqualTo(sent);
        }
    }
}
