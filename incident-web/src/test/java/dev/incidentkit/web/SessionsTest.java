package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.testkit.ManualClock;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionsTest {

    static final Instant T0 = Instant.parse("2025-08-23T14:30:00Z");
    static final InetAddress HOME = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;
    ManualClock clock;
    Credentials credentials;
    Sessions sessions;
    SessionAuthenticator authenticator;

    @BeforeEach
    void setUp() {
        clock = ManualClock.at(T0);
        credentials = Credentials.open(dir.resolve("credentials.json"), clock, CredentialsTest.FAST);
        credentials.addUser("alice", AccessRole.RESPONDER, Optional.of("correct horse".toCharArray()));
        credentials.addUser("sso-bob", AccessRole.VIEWER, Optional.empty());
        sessions = Sessions.ofDefaults(credentials, clock);
        authenticator = SessionAuthenticator.of(sessions);
    }

    Session login() {
        return sessions.login("alice", "correct horse".toCharArray(), HOME);
    }

    static TestRequest with(Session s) {
        return TestRequest.get().cookie(Sessions.COOKIE_NAME, s.id());
    }

    @Test
    void a_login_makes_a_session_with_random_id_and_separate_csrf_token() {
        Session s = login();
        assertThat(s.actor()).isEqualTo(Actor.of("alice"));
        assertThat(s.id()).matches("[A-Za-z0-9_-]{43}");
        assertThat(s.csrfToken()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(s.id());
        assertThat(login().id()).isNotEqualTo(s.id());
        assertThat(authenticator.authenticate(with(s)))
                .contains(new Principal(Actor.of("alice"), Principal.Scheme.SESSION));
    }

    @Test
    void a_failed_login_says_the_same_for_an_unknown_user_a_wrong_password_and_a_user_without_one() {
        for (String[] attempt : new String[][] {{"alice", "wrong password"}, {"nobody", "correct horse"},
                {"sso-bob", "correct horse"}, {"", "x"}}) {
            assertThatThrownBy(() -> sessions.login(attempt[0], attempt[1].toCharArray(), HOME))
                    .isInstanceOf(LoginFailedException.class)
                    .hasMessage("Unknown user or wrong password.");
        }
    }

    @Test
    void the_cookie_has_exact_attributes() {
        Session s = login();
        assertThat(sessions.cookieHeader(s, true)).isEqualTo(
                "ik_session=" + s.id() + "; Path=/; Max-Age=86400; HttpOnly; SameSite=Strict; Secure");
        clock.advance(Duration.ofHours(1));
        assertThat(sessions.cookieHeader(s, false)).isEqualTo(
                "ik_session=" + s.id() + "; Path=/; Max-Age=82800; HttpOnly; SameSite=Strict");
        assertThat(sessions.clearingCookieHeader(true)).isEqualTo(
                "ik_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure");
    }

    @Test
    void no_cookie_is_empty_and_an_unknown_one_is_refused() {
        assertThat(authenticator.authenticate(TestRequest.get())).isEmpty();
        assertThatThrownBy(() -> authenticator.authenticate(TestRequest.get().cookie(Sessions.COOKIE_NAME, "forged")))
                .isInstanceOf(AuthenticationException.class).hasMessageNotContaining("forged");
    }

    @Test
    void a_session_ends_when_idle_for_8_hours() {
        Session s = login();
        clock.advance(Duration.ofHours(7));
        assertThat(sessions.session(with(s))).isPresent();
        clock.advance(Duration.ofHours(7));
        assertThat(sessions.session(with(s))).as("used 7 hours ago").isPresent();
        clock.advance(Duration.ofHours(8));
        assertThat(sessions.session(with(s))).isEmpty();
        assertThatThrownBy(() -> authenticator.authenticate(with(s))).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void a_session_ends_24_hours_after_login_however_busy() {
        Session s = login();
        for (int i = 0; i < 23; i++) {
            clock.advance(Duration.ofHours(1));
            assertThat(sessions.session(with(s))).isPresent();
        }
        clock.advance(Duration.ofMinutes(59));
        assertThat(sessions.session(with(s))).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(sessions.session(with(s))).isEmpty();
    }

    @Test
    void the_csrf_token_must_match() {
        Session s = login();
        assertThat(sessions.csrfValid(s, s.csrfToken())).isTrue();
        assertThat(sessions.csrfValid(s, s.id())).isFalse();
        assertThat(sessions.csrfValid(s, "")).isFalse();
        assertThat(sessions.csrfValid(s, login().csrfToken())).isFalse();
    }

    @Test
    void logout_ends_the_session() {
        Session s = login();
        sessions.logout(s.id());
        assertThat(sessions.session(with(s))).isEmpty();
        sessions.logout(s.id());
        sessions.logout("never was");
    }

    @Test
    void removing_the_user_or_their_password_ends_their_sessions() {
        Session s = login();
        credentials.setPassword("alice", Optional.empty());
        assertThat(sessions.session(with(s))).isEmpty();
    }

    @Test
    void beyond_the_cap_expired_sessions_go_first_then_the_one_unused_for_longest() {
        sessions = Sessions.custom(credentials, clock).maxSessions(3).build();
        Session a = login();
        clock.advance(Duration.ofHours(9));
        Session b = login();
        clock.advance(Duration.ofMinutes(1));
        Session c = login();
        clock.advance(Duration.ofMinutes(1));
        Session d = login();
        assertThat(sessions.size()).as("a had expired and went first").isEqualTo(3);
        clock.advance(Duration.ofMinutes(1));
        assertThat(sessions.find(b.id())).isPresent();
        Session e = login();
        assertThat(sessions.size()).isEqualTo(3);
        assertThat(sessions.find(a.id())).isEmpty();
        assertThat(sessions.find(c.id())).as("unused for longest").isEmpty();
        assertThat(sessions.find(b.id())).isPresent();
        assertThat(sessions.find(d.id())).isPresent();
        assertThat(sessions.find(e.id())).isPresent();
    }

    @Test
    void the_login_password_is_zeroed() {
        char[] p = "correct horse".toCharArray();
        sessions.login("alice", p, HOME);
        assertThat(p).containsOnly('\0');
        char[] wrong = "wrong horse".toCharArray();
        assertThatThrownBy(() -> sessions.login("alice", wrong, HOME)).isInstanceOf(LoginFailedException.class);
        assertThat(wrong).containsOnly('\0');
    }

    @Test
    void settings_are_checked() {
        assertThatThrownBy(() -> Sessions.custom(credentials, clock).idleTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sessions.custom(credentials, clock).idleTimeout(Duration.ofDays(2)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT48H");
        assertThatThrownBy(() -> Sessions.custom(credentials, clock).maxSessions(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
