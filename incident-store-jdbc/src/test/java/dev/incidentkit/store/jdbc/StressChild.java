package dev.incidentkit.store.jdbc;

import static dev.incidentkit.core.CommandContext.as;

import dev.incidentkit.core.ConcurrencyConflictException;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.query.IncidentSummary;
import dev.incidentkit.core.spi.AppendResult;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.EventStore;
import dev.incidentkit.testkit.ForwardingStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One process of {@link MultiProcessPostgresTest}: several threads issue conflicting commands
 * through an {@link IncidentManager} on a shared PostgreSQL store for a bounded time, and log
 * every command the manager acknowledged.
 *
 * <p>Arguments: JDBC URL, process number, threads, run time in milliseconds, log file, then the
 * ids of the shared incidents. Log lines: {@code D|C commandId incidentId version} (D for a
 * declaration). Last line on standard output: {@code SUMMARY} and the counters.
 */
public final class StressChild {

    private StressChild() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int process = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        long runMillis = Long.parseLong(args[3]);
        Path log = Path.of(args[4]);
        List<String> incidents = Arrays.asList(args).subList(5, args.length);

        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        AtomicLong storeConflicts = new AtomicLong();
        AtomicLong conflicts = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        try (TestPool pool = new TestPool(ds)) {
            EventStore store = new CountingStore(JdbcEventStore.builder(pool).build(), storeConflicts);
            // Few retries, so that some conflicts get through to the caller as they would in production.
            IncidentManager manager = IncidentKit.builder().store(store).conflictRetries(2).build();
            CountDownLatch done = new CountDownLatch(threads);
            long deadline = System.nanoTime() + runMillis * 1_000_000;
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    try {
                        run(manager, process, thread, deadline, incidents, acknowledged, conflicts, errors);
                    } finally {
                        done.countDown();
                    }
                }, "stress-" + process + "-" + t);
                worker.start();
            }
            done.await();
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            acknowledged.forEach(out::println);
        }
        System.out.println("SUMMARY acknowledged=" + acknowledged.size() + " conflicts=" + conflicts.get()
                + " storeConflicts=" + storeConflicts.get() + " errors=" + errors.get());
    }

    private static void run(IncidentManager manager, int process, int thread, long deadline, List<String> incidents,
            ConcurrentLinkedQueue<String> acknowledged, AtomicLong conflicts, AtomicLong errors) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int n = 0; System.nanoTime() < deadline; n++) {
            String mine = "p" + process + "-t" + thread + "-" + n;
            try {
                int dice = random.nextInt(100);
                if (n % 10 == 5) {
                    // The same command id from every process (thread t of each sends the same
                    // ones): the store must record it once, and every process get its result.
                    int k = n / 10;
                    String commandId = "shared-t" + thread + "-" + k;
                    String id = incidents.get((thread + k) % incidents.size());
                    Incident after = manager.addNote(id, "shared note " + k, as("shared").commandId(commandId));
                    acknowledged.add("C " + commandId + " " + id + " " + after.version());
                } else if (dice < 5) {
                    Incident declared = manager.declare(Declare.of("Stress " + mine, Severity.SEV3, "checkout"),
                            as("user" + process).commandId(mine));
                    acknowledged.add("D " + mine + " " + declared.id() + " " + declared.version());
                } else if (dice < 20) {
                    String id = incidents.get(random.nextInt(incidents.size()));
                    Incident after = manager.correlateService(id, "svc-" + mine, "related", as("user" + process).commandId(mine));
                    acknowledged.add("C " + mine + " " + id + " " + after.version());
                } else {
                    String id = incidents.get(random.nextInt(incidents.size()));
                    Incident after = manager.addNote(id, "note " + mine, as("user" + process).commandId(mine));
                    acknowledged.add("C " + mine + " " + id + " " + after.version());
                }
            } catch (ConcurrencyConflictException e) {
                conflicts.incrementAndGet();
            } catch (RuntimeException e) {
                errors.incrementAndGet();
                e.printStackTrace();
            }
        }
    }

    /** Counts the conflicts the store reports, including those the manager retries away. */
    private static final class CountingStore extends ForwardingStore {
        private final AtomicLong conflicts;

        CountingStore(EventStore delegate, AtomicLong conflicts) {
            super(delegate);
            this.conflicts = conflicts;
        }

        @Override
        public AppendResult append(String incidentId, long expectedVersion, List<EventRecord> events,
                IncidentSummary summary) {
            try {
                return super.append(incidentId, expectedVersion, events, summary);
            } catch (ConcurrencyConflictException e) {
                conflicts.incrementAndGet();
                throw e;
            }
        }
    }

    static List<String> readLog(Path log) throws IOException {
        return new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
    }
}
