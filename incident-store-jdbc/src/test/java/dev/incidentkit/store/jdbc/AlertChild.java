package dev.incidentkit.store.jdbc;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.alert.AlertDetails;
import dev.incidentkit.core.alert.AlertIntake;
import dev.incidentkit.core.alert.AlertReceipt;
import dev.incidentkit.core.alert.AlertRules;
import dev.incidentkit.core.alert.AlertSignal;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One process of {@link AlertsMultiProcessPostgresTest}: an {@link AlertIntake} on a shared
 * PostgreSQL store, whose threads post overlapping firing alerts, each alert several times.
 *
 * <p>Arguments: JDBC URL, process number, threads, posts of each alert, alerts, groups. Alert
 * {@code a} is {@code fp-a} of group {@code group-(a % groups)}; the first half of the groups come
 * from {@code alertmanager}, the others from {@code grafana}. The process prints {@code READY},
 * starts posting when a line arrives on standard input, and prints {@code SUMMARY} and its
 * counters last.
 */
public final class AlertChild {

    private AlertChild() {}

    static AlertSignal.Firing signal(int alert, int groups) {
        int group = alert % groups;
        String source = group < groups / 2 ? "alertmanager" : "grafana";
        AlertDetails details = AlertDetails.of(source, "fp-" + alert, "Alert " + alert + " of group " + group,
                        Instant.parse("2026-01-01T00:00:00Z"))
                .withSeverity("warning").withLabels(Map.of("service", "checkout"));
        return new AlertSignal.Firing(details, Optional.of("group-" + group));
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int process = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        int postsEach = Integer.parseInt(args[3]);
        int alerts = Integer.parseInt(args[4]);
        int groups = Integer.parseInt(args[5]);

        List<Integer> posts = new ArrayList<>();
        for (int r = 0; r < postsEach; r++) {
            for (int a = 0; a < alerts; a++) {
                posts.add(a);
            }
        }
        Collections.shuffle(posts, new Random(process));
        Map<AlertReceipt.Outcome, AtomicLong> outcomes = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        try (TestPool pool = new TestPool(ds)) {
            JdbcEventStore store = JdbcEventStore.builder(pool).build();
            IncidentManager manager = IncidentKit.builder().store(store).build();
            AlertIntake intake = AlertIntake.of(manager, store, AlertRules.defaults());
            CountDownLatch start = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                int thread = t;
                new Thread(() -> {
                    try {
                        start.await();
                        for (int i = thread; i < posts.size(); i += threads) {
                            try {
                                AlertReceipt r = intake.receive(signal(posts.get(i), groups), Actor.of("alertmanager"));
                                outcomes.computeIfAbsent(r.outcome(), k -> new AtomicLong()).incrementAndGet();
                            } catch (RuntimeException e) {
                                errors.incrementAndGet();
                                e.printStackTrace(System.out);
                            }
                        }
                    } catch (InterruptedException e) {
                        errors.incrementAndGet();
                    } finally {
                        done.countDown();
                    }
                }, "alerts-" + process + "-" + t).start();
            }
            System.out.println("READY");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            start.countDown();
            done.await();
            manager.close();
        }
        System.out.println("SUMMARY posts=" + posts.size() + " outcomes=" + outcomes + " errors=" + errors.get());
    }
}
