package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.testkit.ManualClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginThrottleTest {

    static final Instant T0 = Instant.parse("2025-08-23T14:30:00Z");

    @TempDir
    Path dir;
    ManualClock clock;
    Credentials credentials;
    Sessions sessions;

    @BeforeEach
    void setUp() {
        clock = ManualClock.at(T0);
        credentials = Credentials.open(dir.resolve("credentials.json"), clock, CredentialsTest.FAST);
        credentials.addUser("alice", AccessRole.RESPONDER, Optional.of("correct horse".toCharArray()));
        sessions = Sessions.ofDefaults(credentials, clock);
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    void fail(String user, String from) {
        assertThatThrownBy(() -> sessions.login(user, "wrong horse".toCharArray(), ip(from)))
                .isInstanceOf(LoginFailedException.class);
    }

    void throttled(String user, String from, Duration retryAfter) {
        assertThatThrownBy(() -> sessions.login(user, "correct horse".toCharArray(), ip(from)))
                .isInstanceOfSatisfying(LoginThrottledException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(retryAfter));
    }

    @Test
    void the_sixth_attempt_on_an_account_is_throttled_even_with_the_right_password() {
        for (int i = 0; i < 5; i++) {
            fail("alice", "10.0.0." + i);
            clock.advance(Duration.ofMinutes(1));
        }
        throttled("alice", "10.0.0.99", Duration.ofMinutes(10));
        assertThatThrownBy(() -> sessions.login("alice", "correct horse".toCharArray(), ip("10.0.0.99")))
                .isInstanceOfSatisfying(LoginThrottledException.class, e -> {
                    assertThat(e.retryAfterSeconds()).isEqualTo(600);
                    assertThat(e.getMessage()).isEqualTo("Too many failed logins; try again in 600 seconds.");
                });
        clock.advance(Duration.ofMinutes(10));
        assertThat(sessions.login("alice", "correct horse".toCharArray(), ip("10.0.0.99"))).isNotNull();
    }

    @Test
    void the_window_slides() {
        for (int i = 0; i < 5; i++) {
            fail("alice", "10.0.0.1");
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofMinutes(10));
        fail("alice", "10.0.0.1");
        throttled("alice", "10.0.0.1", Duration.ofMinutes(1));
    }

    @Test
    void an_address_is_throttled_after_20_failures_whatever_the_accounts() {
        for (int i = 0; i < 20; i++) {
            fail("user" + i, "192.0.2.7");
        }
        throttled("alice", "192.0.2.7", Duration.ofMinutes(15));
        assertThat(sessions.login("alice", "correct horse".toCharArray(), ip("192.0.2.8"))).isNotNull();
    }

    @Test
    void ipv6_addresses_count_per_64_prefix() {
        for (int i = 0; i < 20; i++) {
            fail("user" + i, "2001:db8:1:2::" + Integer.toHexString(i + 1));
        }
        throttled("alice", "2001:db8:1:2:ffff::1", Duration.ofMinutes(15));
        assertThat(sessions.login("alice", "correct horse".toCharArray(), ip("2001:db8:1:3::1"))).isNotNull();
    }

    @Test
    void a_success_clears_the_accounts_failures() {
        for (int i = 0; i < 4; i++) {
            fail("alice", "10.0.0.1");
        }
        sessions.login("alice", "correct horse".toCharArray(), ip("10.0.0.1"));
        for (int i = 0; i < 5; i++) {
            fail("alice", "10.0.0.1");
        }
        throttled("alice", "10.0.0.1", Duration.ofMinutes(15));
    }

    @Test
    void throttled_attempts_are_not_counted_and_never_check_the_password() {
        LoginThrottle throttle = LoginThrottle.custom(clock).perAccount(1).build();
        throttle.begin("alice", ip("10.0.0.1"));
        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(() -> throttle.begin("alice", ip("10.0.0.1"))).isInstanceOf(LoginThrottledException.class);
        }
        clock.advance(Duration.ofMinutes(15));
        throttle.begin("alice", ip("10.0.0.1")).succeeded();
        throttle.begin("alice", ip("10.0.0.1"));
    }

    @Test
    void memory_is_bounded_by_max_tracked() {
        LoginThrottle throttle = LoginThrottle.custom(clock).perAccount(1).perAddress(1_000_000).maxTracked(3).build();
        throttle.begin("a", ip("10.0.0.1"));
        clock.advance(Duration.ofSeconds(1));
        throttle.begin("b", ip("10.0.0.1"));
        clock.advance(Duration.ofSeconds(1));
        throttle.begin("c", ip("10.0.0.1"));
        clock.advance(Duration.ofSeconds(1));
        throttle.begin("d", ip("10.0.0.1"));
        assertThatThrownBy(() -> throttle.begin("d", ip("10.0.0.1"))).isInstanceOf(LoginThrottledException.class);
        assertThatThrownBy(() -> throttle.begin("c", ip("10.0.0.1"))).isInstanceOf(LoginThrottledException.class);
        // "a" had the oldest failure and made room for "d".
        throttle.begin("a", ip("10.0.0.1"));
    }

    @Test
    void limits_are_checked() {
        assertThatThrownBy(() -> LoginThrottle.custom(clock).perAccount(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginThrottle.custom(clock).window(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
