package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.core.access.RoleBasedAuthorizer;
import dev.incidentkit.testkit.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

    static final Instant T0 = Instant.parse("2025-08-23T14:30:00Z");
    static final PasswordHasher FAST = PasswordHasher.withIterations(PasswordHasher.MIN_ITERATIONS);

    @TempDir
    Path dir;
    Path file;
    ManualClock clock;
    Credentials credentials;

    @BeforeEach
    void setUp() {
        file = dir.resolve("credentials.json");
        clock = ManualClock.at(T0);
        credentials = Credentials.open(file, clock, FAST);
    }

    static Optional<char[]> pw(String password) {
        return Optional.of(password.toCharArray());
    }

    @Nested
    @DisplayName("the file")
    class TheFile {

        @Test
        void a_missing_file_holds_nobody_and_is_created_by_the_first_change() {
            assertThat(credentials.users()).isEmpty();
            assertThat(file).doesNotExist();
            credentials.addUser("alice", AccessRole.ADMIN, pw("correct horse"));
            assertThat(file).exists();
        }

        @Test
        void round_trips_users_and_tokens() throws IOException {
            credentials.addUser("alice", AccessRole.ADMIN, pw("correct horse"));
            credentials.addUser("bob@example.com", AccessRole.VIEWER, Optional.empty());
            credentials.createToken("alice", "ci deploys", Optional.of(T0.plus(Duration.ofDays(30))));

            Credentials read = Credentials.open(file, clock, FAST);

            assertThat(read.users()).containsExactly(
                    new UserAccount(Actor.of("alice"), AccessRole.ADMIN, true, T0),
                    new UserAccount(Actor.of("bob@example.com"), AccessRole.VIEWER, false, T0));
            assertThat(read.tokens()).isEqualTo(credentials.tokens());
            assertThat(read.checkPassword("alice", "correct horse".toCharArray())).contains(Actor.of("alice"));
            String json = Files.readString(file);
            assertThat(json).startsWith("{\n  \"format\" : \"incidentkit-credentials/1\"")
                    .contains("\"passwordHash\" : \"pbkdf2-sha256$1000$");
        }

        @Test
        void reads_the_documented_example() throws IOException {
            Files.writeString(file, """
                    {
                      "format": "incidentkit-credentials/1",
                      "users": [
                        { "name": "alice", "role": "admin", "created": "2025-08-23T14:30:00Z",
                          "passwordHash": "pbkdf2-sha256$600000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" },
                        { "name": "bob@example.com", "role": "viewer", "created": "2025-08-23T14:31:00Z", "future": 1 }
                      ],
                      "tokens": [
                        { "id": "tok_k3mz7q2a", "user": "alice", "label": "ci deploys",
                          "created": "2025-08-23T14:32:00Z", "expires": "2026-08-23T00:00:00Z",
                          "secretHash": "sha256:0000000000000000000000000000000000000000000000000000000000000000" }
                      ]
                    }
                    """);
            Credentials read = Credentials.open(file, clock, FAST);
            assertThat(read.users()).extracting(UserAccount::hasPassword).containsExactly(true, false);
            assertThat(read.tokens()).singleElement().satisfies(t -> {
                assertThat(t.id()).isEqualTo("tok_k3mz7q2a");
                assertThat(t.expires()).contains(Instant.parse("2026-08-23T00:00:00Z"));
            });
        }

        @Test
        void an_unknown_format_is_refused_naming_the_file_and_the_field() throws IOException {
            Files.writeString(file, "{\"format\": \"incidentkit-credentials/2\", \"users\": []}");
            assertThatThrownBy(() -> Credentials.open(file, clock, FAST))
                    .isInstanceOfSatisfying(CredentialsFileException.class, e -> {
                        assertThat(e.field()).contains("format");
                        assertThat(e.file()).isEqualTo(file.toString());
                    })
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("format")
                    .hasMessageContaining("incidentkit-credentials/2");
        }

        @Test
        void a_missing_format_and_a_bad_field_are_named() throws IOException {
            Files.writeString(file, "{\"users\": []}");
            assertThatThrownBy(() -> Credentials.open(file, clock, FAST))
                    .isInstanceOfSatisfying(CredentialsFileException.class, e -> assertThat(e.field()).contains("format"));
            Files.writeString(file, "{\"format\": \"incidentkit-credentials/1\", \"users\": ["
                    + "{\"name\": \"a\", \"role\": \"viewer\", \"created\": \"2025-08-23T14:30:00Z\"},"
                    + "{\"name\": \"b\", \"role\": \"boss\", \"created\": \"2025-08-23T14:30:00Z\"}]}");
            assertThatThrownBy(() -> Credentials.open(file, clock, FAST))
                    .isInstanceOfSatisfying(CredentialsFileException.class, e -> assertThat(e.field()).contains("users[1].role"));
        }

        @Test
        void is_saved_atomically_leaving_no_temporary_file() throws IOException {
            credentials.addUser("alice", AccessRole.ADMIN, pw("correct horse"));
            Object inode = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            credentials.setRole("alice", AccessRole.VIEWER);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).containsExactly(file);
            }
            Object after = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            if (inode != null) {
                assertThat(after).as("a new file moved over the old one, not the old one rewritten").isNotEqualTo(inode);
            }
        }

        @Test
        void is_readable_and_writable_by_its_owner_only() throws IOException {
            org.junit.jupiter.api.Assumptions.assumeTrue(
                    FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
            credentials.addUser("alice", AccessRole.ADMIN, pw("correct horse"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            credentials.setRole("alice", AccessRole.VIEWER);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Nested
    @DisplayName("changes")
    class Changes {

        @Test
        void set_role_set_password_and_remove_user() {
            credentials.addUser("alice", AccessRole.VIEWER, pw("correct horse"));
            credentials.setRole("alice", AccessRole.COMMANDER);
            assertThat(credentials.roleOf(Actor.of("alice"))).contains(AccessRole.COMMANDER);
            credentials.setPassword("alice", pw("battery staple"));
            assertThat(credentials.checkPassword("alice", "correct horse".toCharArray())).isEmpty();
            assertThat(credentials.checkPassword("alice", "battery staple".toCharArray())).isPresent();
            credentials.setPassword("alice", Optional.empty());
            assertThat(credentials.checkPassword("alice", "battery staple".toCharArray())).isEmpty();
            credentials.createToken("alice", "ci", Optional.empty());
            credentials.removeUser("alice");
            assertThat(credentials.users()).isEmpty();
            assertThat(credentials.tokens()).as("a removed user's tokens go with them").isEmpty();
        }

        @Test
        void a_role_based_authorizer_sees_a_change_at_once() {
            RoleBasedAuthorizer authorizer = RoleBasedAuthorizer.of(credentials::roleOf);
            assertThat(authorizer.roleOf(Actor.of("alice"))).isEmpty();
            credentials.addUser("alice", AccessRole.RESPONDER, Optional.empty());
            assertThat(authorizer.roleOf(Actor.of("alice"))).contains(AccessRole.RESPONDER);
        }

        @Test
        void check_password_zeroes_the_array() {
            credentials.addUser("alice", AccessRole.VIEWER, pw("correct horse"));
            char[] given = "correct horse".toCharArray();
            credentials.checkPassword("alice", given);
            assertThat(new String(given)).isEqualTo("\0".repeat(13));
            char[] unknown = "whatever1".toCharArray();
            assertThat(credentials.checkPassword("nobody", unknown)).isEmpty();
            assertThat(new String(unknown)).isEqualTo("\0".repeat(9));
        }

        @Test
        void bad_input_throws_a_validation_exception_naming_the_field_and_writes_nothing() throws IOException {
            credentials.addUser("alice", AccessRole.ADMIN, pw("correct horse"));
            byte[] before = Files.readAllBytes(file);

            expectRejected("user", c -> c.addUser("", AccessRole.VIEWER, Optional.empty()));
            expectRejected("user", c -> c.addUser("bad\nname", AccessRole.VIEWER, Optional.empty()));
            expectRejected("user", c -> c.addUser("alice", AccessRole.VIEWER, Optional.empty()));
            expectRejected("password", c -> c.addUser("bob", AccessRole.VIEWER, pw("short")));
            expectRejected("role", c -> c.addUser("bob", AccessRole.parse("boss"), Optional.empty()));
            expectRejected("user", c -> c.setRole("nobody", AccessRole.ADMIN));
            expectRejected("user", c -> c.setPassword("nobody", pw("correct horse")));
            expectRejected("user", c -> c.removeUser("nobody"));
            expectRejected("user", c -> c.createToken("nobody", "ci", Optional.empty()));
            expectRejected("label", c -> c.createToken("alice", " ", Optional.empty()));
            expectRejected("expiry", c -> c.createToken("alice", "ci", Optional.of(T0)));
            expectRejected("token", c -> c.revokeToken("tok_aaaaaaaa"));

            assertThat(Files.readAllBytes(file)).isEqualTo(before);
        }

        private void expectRejected(String field, Consumer<Credentials> change) {
            assertThatThrownBy(() -> change.accept(credentials))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
        }
    }

    @Nested
    @DisplayName("another process's changes")
    class Reload {

        @Test
        void are_seen_a_second_later_by_the_clock() {
            Credentials other = Credentials.open(file, clock, FAST);
            other.addUser("alice", AccessRole.ADMIN, Optional.empty());

            assertThat(credentials.roleOf(Actor.of("alice"))).as("not checked again within a second").isEmpty();
            clock.advance(Duration.ofSeconds(1));
            assertThat(credentials.roleOf(Actor.of("alice"))).contains(AccessRole.ADMIN);

            other.setRole("alice", AccessRole.VIEWER);
            assertThat(credentials.reload()).as("reload() reads at once").isTrue();
            assertThat(credentials.roleOf(Actor.of("alice"))).contains(AccessRole.VIEWER);
            assertThat(credentials.reload()).isFalse();
        }

        @Test
        void a_change_builds_on_what_another_process_wrote() {
            Credentials other = Credentials.open(file, clock, FAST);
            other.addUser("alice", AccessRole.ADMIN, Optional.empty());
            credentials.addUser("bob", AccessRole.VIEWER, Optional.empty());
            assertThat(Credentials.open(file, clock, FAST).users()).extracting(u -> u.actor().name())
                    .containsExactly("alice", "bob");
        }

        @Test
        void a_broken_file_keeps_the_last_good_contents_in_use() throws IOException {
            credentials.addUser("alice", AccessRole.ADMIN, Optional.empty());
            Files.writeString(file, "{ not json");
            clock.advance(Duration.ofSeconds(2));
            assertThat(credentials.roleOf(Actor.of("alice"))).contains(AccessRole.ADMIN);
            assertThatThrownBy(() -> {
                Files.writeString(file, "{\"format\": \"x\"}");
                credentials.reload();
            }).isInstanceOf(CredentialsFileException.class);
            assertThat(credentials.roleOf(Actor.of("alice"))).contains(AccessRole.ADMIN);
        }
    }

    @Nested
    @DisplayName("alert integrations")
    class Integrations {

        @Test
        void an_integration_key_is_shown_once_kept_as_a_hash_and_found_by_its_key() throws IOException {
            String key = credentials.addIntegration("alertmanager");

            assertThat(key).startsWith("ik_int_").hasSizeGreaterThan(40);
            assertThat(fileText(file)).doesNotContain(key).contains("\"integrations\"", "\"alertmanager\"", "sha256:");
            assertThat(credentials.integrationKeys().integrationOf(key)).contains("alertmanager");
            assertThat(credentials.integrationKeys().integrationOf(key + "x")).isEmpty();
            assertThat(credentials.integrations()).containsOnlyKeys("alertmanager").containsValue(T0);
            assertThat(Credentials.open(file, clock, FAST).integrationKeys().integrationOf(key)).contains("alertmanager");
        }

        @Test
        void an_integration_acts_with_the_responder_role_and_is_no_user() {
            credentials.addIntegration("alertmanager");
            assertThat(credentials.roleOf(IntegrationKeys.actorOf("alertmanager"))).contains(AccessRole.RESPONDER);
            assertThat(credentials.roleOf(IntegrationKeys.actorOf("pagerduty"))).isEmpty();
            assertThat(credentials.roleOf(Actor.of("alertmanager"))).isEmpty();
            assertThat(credentials.users()).isEmpty();
        }

        @Test
        void users_and_tokens_keep_the_integrations_and_removal_ends_a_key_at_once() {
            String key = credentials.addIntegration("alertmanager");
            credentials.addUser("alice", AccessRole.ADMIN, Optional.empty());
            credentials.createToken("alice", "ci", Optional.empty());
            credentials.removeUser("alice");
            assertThat(credentials.integrationKeys().integrationOf(key)).contains("alertmanager");

            credentials.removeIntegration("alertmanager");
            assertThat(credentials.integrationKeys().integrationOf(key)).isEmpty();
            assertThat(credentials.roleOf(IntegrationKeys.actorOf("alertmanager"))).isEmpty();
        }

        @Test
        void a_bad_or_taken_name_is_refused_and_nothing_is_written() {
            credentials.addIntegration("alertmanager");
            String before = uncheckedText(file);
            for (String bad : new String[] {"Alert Manager", "", "-x", "alertmanager"}) {
                assertThatThrownBy(() -> credentials.addIntegration(bad))
                        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"));
            }
            assertThatThrownBy(() -> credentials.removeIntegration("nope"))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"));
            assertThat(uncheckedText(file)).isEqualTo(before);
        }

        @Test
        void another_process_sees_a_new_integration_within_a_second() {
            Credentials server = Credentials.open(file, clock, FAST);
            assertThat(server.integrationKeys().isEmpty()).isTrue();
            String key = Credentials.open(file, clock, FAST).addIntegration("pagerduty");
            clock.advance(Duration.ofSeconds(2));
            assertThat(server.integrationKeys().integrationOf(key)).contains("pagerduty");
        }

        @Test
        void a_broken_integration_entry_is_refused_naming_it() throws IOException {
            Files.writeString(file, "{\"format\": \"incidentkit-credentials/1\", \"integrations\": "
                    + "[{\"name\": \"am\", \"created\": \"2025-08-23T14:30:00Z\", \"keyHash\": \"md5:x\"}]}");
            assertThatThrownBy(() -> Credentials.open(file, clock, FAST).reload())
                    .isInstanceOf(CredentialsFileException.class).hasMessageContaining("integrations[0].keyHash");
        }
    }

    private static String uncheckedText(Path file) {
        try {
            return fileText(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String fileText(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
