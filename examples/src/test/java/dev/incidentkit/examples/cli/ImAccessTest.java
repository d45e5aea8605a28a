package dev.incidentkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code im user}, {@code im token}, and the roles the other commands ask once there are users. */
class ImAccessTest {

    @TempDir
    Path home;

    ImInProcess im;

    @BeforeEach
    void setUp() {
        im = new ImInProcess(Map.of("IM_HOME", home.toString(), "IM_USER", "alice"));
    }

    @Test
    void withoutUsersEveryoneMayDoEverythingAsBefore() {
        ImProcess.Result declared = im.run("declare", "--sev", "SEV-2", "--title", "Checkout 502s", "--service", "checkout");
        assertThat(declared.exitCode()).as(declared.err()).isZero();
        assertThat(Files.exists(home.resolve("credentials.json"))).isFalse();
    }

    @Test
    void onceThereAreUsersEachCommandNeedsItsRole() {
        assertThat(im.runWithInput("correct horse battery\n", "user", "add", "alice", "--role", "responder",
                "--password-stdin").out()).isEqualTo("User alice added as responder, with a password.\n");
        assertThat(im.run("user", "add", "vera", "--role", "viewer", "--no-password").exitCode()).isZero();

        ImProcess.Result declared = im.run("declare", "--sev", "SEV-2", "--title", "Checkout 502s", "--service", "checkout");
        assertThat(declared.exitCode()).as(declared.err()).isZero();
        String id = declared.out().lines().findFirst().orElseThrow().replace("Incident declared: ", "");

        ImProcess.Result refused = im.run("update", "--incident", id, "--note", "looking", "--as", "vera");
        assertThat(refused.exitCode()).isEqualTo(Im.NOT_ALLOWED);
        assertThat(refused.err()).isEqualTo("im: vera may not add-note " + id
                + ": they are a viewer and it takes a responder.\n");
        ImProcess.Result stranger = im.run("ack", "--incident", id, "--as", "mallory");
        assertThat(stranger.exitCode()).isEqualTo(Im.NOT_ALLOWED);
        assertThat(stranger.err()).contains("mallory may not acknowledge", "they have no role");
        assertThat(im.run("show", "--incident", id, "--output", "json").out()).contains("\"version\" : 1");

        assertThat(im.run("user", "role", "vera", "--role", "responder").exitCode()).isZero();
        assertThat(im.run("update", "--incident", id, "--note", "looking", "--as", "vera").exitCode()).isZero();
    }

    @Test
    void aTokenIsPrintedOnceAndStoredOnlyAsAHash() throws Exception {
        im.run("user", "add", "bot", "--role", "responder", "--no-password");
        ImProcess.Result created = im.run("token", "create", "--user", "bot", "--label", "alertmanager");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String secret = created.out().strip();
        assertThat(secret).startsWith("ik_tok_");
        assertThat(created.err()).contains("shown once");
        String file = Files.readString(home.resolve("credentials.json"), StandardCharsets.UTF_8);
        assertThat(file).doesNotContain(secret).contains("alertmanager");

        ImProcess.Result listed = im.run("token", "list");
        assertThat(listed.out()).contains("bot", "alertmanager").doesNotContain(secret);
        String id = listed.out().strip().split("\\s+")[0];
        assertThat(im.run("token", "revoke", id).out()).isEqualTo("Token " + id + " revoked.\n");
        assertThat(im.run("token", "list").out()).isEmpty();
    }

    @Test
    void badInputIsOneSentenceAndWritesNothing() throws Exception {
        ImProcess.Result role = im.run("user", "add", "bob", "--role", "root", "--no-password");
        assertThat(role.exitCode()).isEqualTo(Im.INVALID_INPUT);
        assertThat(role.err()).contains("role must be one of viewer, responder, commander, admin");
        ImProcess.Result noTerminal = im.run("user", "add", "bob", "--role", "viewer");
        assertThat(noTerminal.exitCode()).isEqualTo(Im.INVALID_INPUT);
        assertThat(noTerminal.err()).contains("--password-stdin");
        ImProcess.Result shortPassword = im.runWithInput("short\n", "user", "add", "bob", "--role", "viewer", "--password-stdin");
        assertThat(shortPassword.exitCode()).isEqualTo(Im.INVALID_INPUT);
        ImProcess.Result reserved = im.run("user", "add", Session.SLA_MONITOR, "--role", "admin", "--no-password");
        assertThat(reserved.exitCode()).isEqualTo(Im.INVALID_INPUT);
        assertThat(im.run("user", "add", Session.ESCALATION, "--role", "admin", "--no-password").exitCode())
                .isEqualTo(Im.INVALID_INPUT);
        ImProcess.Result unknownUser = im.run("token", "create", "--user", "nobody");
        assertThat(unknownUser.exitCode()).isEqualTo(Im.INVALID_INPUT);
        ImProcess.Result proxyWithoutUsers = im.run("serve", "--port", "0", "--trusted-proxy", "10.0.0.0/8");
        assertThat(proxyWithoutUsers.exitCode()).isEqualTo(Im.INVALID_INPUT);
        assertThat(proxyWithoutUsers.err()).contains("--trusted-proxy", "needs users");
        assertThat(Files.exists(home.resolve("credentials.json"))).isFalse();
    }
}
