package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.testkit.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenAuthenticatorTest {

    static final Instant T0 = Instant.parse("2025-08-23T14:30:00Z");

    @TempDir
    Path dir;
    Path file;
    ManualClock clock;
    Credentials credentials;
    TokenAuthenticator tokens;

    @BeforeEach
    void setUp() {
        file = dir.resolve("credentials.json");
        clock = ManualClock.at(T0);
        credentials = Credentials.open(file, clock, CredentialsTest.FAST);
        credentials.addUser("alice", AccessRole.RESPONDER, Optional.empty());
        tokens = TokenAuthenticator.of(credentials);
    }

    static TestRequest bearer(String secret) {
        return TestRequest.get().header("Authorization", "Bearer " + secret);
    }

    @Test
    void a_token_acts_as_its_user() {
        String secret = credentials.createToken("alice", "ci", Optional.empty());
        assertThat(secret).matches("ik_tok_[a-z2-7]{8}_[A-Za-z0-9_-]{43}");
        assertThat(tokens.authenticate(bearer(secret)))
                .contains(new Principal(Actor.of("alice"), Principal.Scheme.TOKEN));
        assertThat(tokens.authenticate(TestRequest.get().header("authorization", "bearer  " + secret + " ")))
                .as("scheme in any case, blanks around").isPresent();
    }

    @Test
    void only_the_secrets_hash_is_stored() throws IOException {
        String secret = credentials.createToken("alice", "ci", Optional.empty());
        String bytes = Files.readString(file);
        assertThat(bytes).doesNotContain(secret).doesNotContain(secret.substring(16))
                .contains("\"secretHash\" : \"sha256:");
        assertThat(credentials.tokens().toString()).doesNotContain(secret.substring(16));
    }

    @Test
    void no_authorization_header_or_another_scheme_is_not_this_authenticators_business() {
        assertThat(tokens.authenticate(TestRequest.get())).isEmpty();
        assertThat(tokens.authenticate(TestRequest.get().header("Authorization", "Basic YWxpY2U6eA=="))).isEmpty();
    }

    @Test
    void malformed_unknown_revoked_expired_and_forged_tokens_are_refused_without_echoing_the_secret() {
        String good = credentials.createToken("alice", "ci", Optional.empty());
        String expiring = credentials.createToken("alice", "temp", Optional.of(T0.plus(Duration.ofHours(1))));
        String id = good.substring(3, 15);
        String forged = good.substring(0, 16) + (good.charAt(16) == 'A' ? 'B' : 'A') + good.substring(17);
        String unknown = "ik_tok_aaaaaaaa_" + good.substring(16);

        refused("not-an-ik-token-at-all", "not an IncidentKit API token");
        refused(unknown, "tok_aaaaaaaa is unknown or was revoked");
        refused(forged, id + " is unknown or was revoked");

        credentials.revokeToken(id);
        refused(good, id + " is unknown or was revoked");

        assertThat(tokens.authenticate(bearer(expiring))).isPresent();
        clock.advance(Duration.ofHours(1));
        refused(expiring, "expired at 2025-08-23T15:30:00Z");
    }

    @Test
    void a_removed_user_s_tokens_stop_working() {
        String secret = credentials.createToken("alice", "ci", Optional.empty());
        credentials.removeUser("alice");
        assertThatThrownBy(() -> tokens.authenticate(bearer(secret))).isInstanceOf(AuthenticationException.class);
        credentials.addUser("alice", AccessRole.ADMIN, Optional.empty());
        assertThatThrownBy(() -> tokens.authenticate(bearer(secret)))
                .as("a new user of the same name inherits nothing").isInstanceOf(AuthenticationException.class);
    }

    @Test
    void a_token_revoked_in_another_process_stops_working_a_second_later() {
        String secret = credentials.createToken("alice", "ci", Optional.empty());
        assertThat(tokens.authenticate(bearer(secret))).isPresent();
        Credentials.open(file, clock, CredentialsTest.FAST).revokeToken(credentials.tokens().get(0).id());
        clock.advance(Credentials.RELOAD_INTERVAL);
        assertThatThrownBy(() -> tokens.authenticate(bearer(secret))).isInstanceOf(AuthenticationException.class);
    }

    private void refused(String secret, String message) {
        assertThatThrownBy(() -> tokens.authenticate(bearer(secret)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret)
                        .doesNotContain(secret.length() > 20 ? secret.substring(16) : secret));
    }
}
