package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.testkit.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every credential through every path that prints, throws or logs, and looks for it in the
 * output: passwords, password hashes, token secrets and their hashes, session ids, CSRF tokens.
 */
class SecretsStayHiddenTest {

    @TempDir
    Path dir;

    @Test
    void no_secret_appears_in_to_string_exception_messages_or_log_output() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        List<String> printed = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        // slf4j-simple writes to whatever System.err is at the moment of each call.
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            ManualClock clock = ManualClock.at(Instant.parse("2025-08-23T14:30:00Z"));
            Path file = dir.resolve("credentials.json");
            Credentials credentials = Credentials.open(file, clock, CredentialsTest.FAST);
            String password = "correct horse battery";
            credentials.addUser("alice", AccessRole.ADMIN, Optional.of(password.toCharArray()));
            String token = credentials.createToken("alice", "ci", Optional.of(clock.instant().plusSeconds(60)));
            secrets.add(password);
            secrets.add(token);
            secrets.add(token.substring(16));
            String json = Files.readString(file);
            secrets.add(json.replaceAll("(?s).*\"passwordHash\" : \"([^\"]+)\".*", "$1"));
            secrets.add(json.replaceAll("(?s).*\"secretHash\" : \"sha256:([^\"]+)\".*", "$1"));

            Credentials other = Credentials.open(file, clock, CredentialsTest.FAST);
            other.setRole("alice", AccessRole.RESPONDER);
            clock.advance(Duration.ofSeconds(1));
            printed.add(credentials.users().toString());
            printed.add(credentials.tokens().toString());
            printed.add(credentials.toString());

            Sessions sessions = Sessions.ofDefaults(credentials, clock);
            Session session = sessions.login("alice", password.toCharArray(), SessionsTest.HOME);
            secrets.add(session.id());
            secrets.add(session.csrfToken());
            printed.add(session.toString());
            printed.add(sessions.toString());

            TokenAuthenticator tokens = TokenAuthenticator.of(credentials);
            TestRequest request = TestRequest.get().header("Authorization", "Bearer " + token);
            printed.add(tokens.authenticate(request).orElseThrow().toString());
            printed.add(tokens.toString());
            clock.advance(Duration.ofMinutes(2));
            printed.add(catchThrowable(() -> tokens.authenticate(request)).toString());
            printed.add(catchThrowable(() -> tokens.authenticate(
                    TestRequest.get().header("Authorization", "Bearer " + token + "x"))).toString());
            printed.add(catchThrowable(() -> sessions.login("alice", (password + "!").toCharArray(),
                    SessionsTest.HOME)).toString());
            printed.add(catchThrowable(() -> credentials.addUser("bob", AccessRole.VIEWER,
                    Optional.of("short".toCharArray()))).toString());
            secrets.add("short");
            Files.writeString(file, json.replace("incidentkit-credentials/1", "nope"));
            clock.advance(Duration.ofSeconds(1));
            credentials.users();
            printed.add(catchThrowable(credentials::reload).toString());
            printed.add(catchThrowable(() -> Credentials.open(file, clock, CredentialsTest.FAST)).toString());
            printed.add(SessionAuthenticator.of(sessions).toString());
            printed.add(PasswordHasher.ofDefaults().toString());
        } finally {
            System.setErr(err);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).as("the reload was logged, so the log was captured").contains("Read credentials file");
        printed.add(logged);
        for (String out : printed) {
            for (String secret : secrets) {
                assertThat(out).doesNotContain(secret);
            }
        }
    }
}
