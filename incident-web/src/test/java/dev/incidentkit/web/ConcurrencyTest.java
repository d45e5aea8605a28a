package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.testkit.ManualClock;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads, started together by a barrier, and an invariant checked afterwards. */
class ConcurrencyTest {

    static final int THREADS = 16;

    @TempDir
    Path dir;

    final ManualClock clock = ManualClock.at(Instant.parse("2025-08-23T14:30:00Z"));

    @Test
    void parallel_guesses_on_one_account_get_exactly_the_allowed_password_checks() throws Exception {
        Credentials credentials = Credentials.open(dir.resolve("c.json"), clock, CredentialsTest.FAST);
        credentials.addUser("alice", AccessRole.VIEWER, Optional.of("correct horse".toCharArray()));
        Sessions sessions = Sessions.ofDefaults(credentials, clock);
        List<Object> outcomes = runTogether(i -> () -> {
            try {
                return sessions.login("alice", ("guess number " + i).toCharArray(), InetAddress.getByAddress(
                        new byte[] {10, 0, 0, (byte) i}));
            } catch (LoginFailedException | LoginThrottledException e) {
                return e.getClass();
            }
        });
        assertThat(outcomes).filteredOn(LoginFailedException.class::equals).hasSize(5);
        assertThat(outcomes).filteredOn(LoginThrottledException.class::equals).hasSize(THREADS - 5);
    }

    @Test
    void parallel_changes_lose_nothing() throws Exception {
        Path file = dir.resolve("c.json");
        Credentials credentials = Credentials.open(file, clock, CredentialsTest.FAST);
        credentials.addUser("alice", AccessRole.VIEWER, Optional.empty());
        List<Object> secrets = runTogether(i -> () -> {
            credentials.addUser("user" + i, AccessRole.VIEWER, Optional.empty());
            return credentials.createToken("alice", "token " + i, Optional.empty());
        });
        Credentials read = Credentials.open(file, clock, CredentialsTest.FAST);
        assertThat(read.users()).hasSize(THREADS + 1);
        assertThat(read.tokens()).hasSize(THREADS);
        TokenAuthenticator tokens = TokenAuthenticator.of(read);
        for (Object secret : secrets) {
            assertThat(tokens.authenticate(TestRequest.get().header("Authorization", "Bearer " + secret))).isPresent();
        }
    }

    interface Task {
        Callable<Object> of(int i);
    }

    private static List<Object> runTogether(Task task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Callable<Object> body = task.of(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return body.call();
                }));
            }
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : futures) {
                out.add(f.get(30, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
