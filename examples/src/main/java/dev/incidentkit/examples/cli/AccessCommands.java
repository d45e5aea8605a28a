package dev.incidentkit.examples.cli;

import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.web.ApiToken;
import dev.incidentkit.web.Credentials;
import dev.incidentkit.web.UserAccount;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code im user} and {@code im token}: who may use the server and the CLI, kept in the
 * credentials file ({@code $IM_CREDENTIALS}, else {@code credentials.json} in {@code $IM_HOME}),
 * which a running {@code im serve} reads again within a second of a change. Once the file has a
 * user, every {@code im} command asks its role too.
 */
final class AccessCommands {

    private AccessCommands() {}

    /** What every command here shares: the environment and the credentials file. */
    abstract static class OnCredentials implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        Environment env() {
            return ((Im) spec.root().userObject()).env;
        }

        Credentials credentials() {
            return Credentials.open(Session.credentialsFile(env()), Clock.systemUTC());
        }
    }

    @Command(name = "user", description = "Add, list and remove the users of the server and the CLI, and set their roles.",
            subcommands = {UserAdd.class, UserList.class, UserRole.class, UserPassword.class, UserRemove.class})
    static final class User {
    }

    /** How a password reaches im: never as an argument, which other users can read in the process list. */
    abstract static class WithPassword extends OnCredentials {
        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Option(names = "--no-password", description = "No password: the user signs in only through a single-sign-on proxy.")
        boolean noPassword;

        Optional<char[]> password() {
            if (noPassword) {
                return Optional.empty();
            }
            if (passwordStdin) {
                try {
                    String line = new BufferedReader(new InputStreamReader(env().in, StandardCharsets.UTF_8)).readLine();
                    return Optional.of(line == null ? new char[0] : line.toCharArray());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the password from standard input", e);
                }
            }
            Console console = System.console();
            if (console == null) {
                throw new ValidationException("password", "must come from --password-stdin when im has no terminal"
                        + " (or use --no-password)", "");
            }
            char[] first = console.readPassword("Password: ");
            char[] second = console.readPassword("Password again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new ValidationException("password", "must be typed the same twice", "");
            }
            Arrays.fill(second, '\0');
            return Optional.of(first);
        }
    }

    @Command(name = "add", description = "Add a user with a role: viewer, responder, commander or admin.")
    static final class UserAdd extends WithPassword {
        @Parameters(paramLabel = "USER", description = "The user's name, as --as and the server know it.")
        String name;

        @Option(names = "--role", required = true, description = "viewer, responder, commander or admin.")
        String role;

        @Override
        public Integer call() {
            AccessRole parsed = AccessRole.parse(role);
            if (Session.SERVER_ACTORS.contains(name)) {
                throw new ValidationException("user", "is a name im serve's own work (SLA monitor, escalation) acts under", name);
            }
            UserAccount user = credentials().addUser(name, parsed, password());
            env().out.println("User " + user.actor() + " added as " + user.role().label()
                    + (user.hasPassword() ? ", with a password." : ", without a password (single sign-on only)."));
            return 0;
        }
    }

    @Command(name = "list", description = "List the users and their roles.")
    static final class UserList extends OnCredentials {
        @Override
        public Integer call() {
            var users = credentials().users();
            if (users.isEmpty()) {
                env().out.println("No users: the server is open to its local user only, on loopback.");
            }
            for (UserAccount user : users) {
                env().out.printf("%-24s %-10s %s%n", user.actor(), user.role().label(),
                        user.hasPassword() ? "password" : "single sign-on");
            }
            return 0;
        }
    }

    @Command(name = "role", description = "Change a user's role; it takes effect at once, in a running server too.")
    static final class UserRole extends OnCredentials {
        @Parameters(paramLabel = "USER", description = "The user.")
        String name;

        @Option(names = "--role", required = true, description = "viewer, responder, commander or admin.")
        String role;

        @Override
        public Integer call() {
            AccessRole parsed = AccessRole.parse(role);
            credentials().setRole(name, parsed);
            env().out.println("User " + name + " is now " + parsed.label() + ".");
            return 0;
        }
    }

    @Command(name = "password", description = "Set a user's password.")
    static final class UserPassword extends WithPassword {
        @Parameters(paramLabel = "USER", description = "The user.")
        String name;

        @Override
        public Integer call() {
            credentials().setPassword(name, password());
            env().out.println("Password of " + name + (noPassword ? " removed." : " set."));
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove a user and their tokens.")
    static final class UserRemove extends OnCredentials {
        @Parameters(paramLabel = "USER", description = "The user.")
        String name;

        @Override
        public Integer call() {
            credentials().removeUser(name);
            env().out.println("User " + name + " removed.");
            return 0;
        }
    }

    @Command(name = "token", description = "Create, list and revoke API tokens (Authorization: Bearer ...).",
            subcommands = {TokenCreate.class, TokenList.class, TokenRevoke.class})
    static final class Token {
    }

    @Command(name = "create", description = "Create a token that acts as a user; it is printed once and stored only as a hash.")
    static final class TokenCreate extends OnCredentials {
        @Option(names = "--user", required = true, description = "The user the token acts as, with their role.")
        String user;

        @Option(names = "--label", defaultValue = "api", description = "What the token is for (default: ${DEFAULT-VALUE}).")
        String label;

        @Option(names = "--expires", paramLabel = "INSTANT", description = "When it stops working (default: never).")
        Optional<String> expires = Optional.empty();

        @Override
        public Integer call() {
            Optional<Instant> expiry = expires.map(e -> Options.instant("--expires", e));
            String secret = credentials().createToken(user, label, expiry);
            env().out.println(secret);
            env().err.println("Token for " + user + " created. It is shown once: keep it now.");
            return 0;
        }
    }

    @Command(name = "list", description = "List the tokens (never their secrets).")
    static final class TokenList extends OnCredentials {
        @Override
        public Integer call() {
            for (ApiToken token : credentials().tokens()) {
                env().out.printf("%-14s %-20s %-20s %s%n", token.id(), token.actor(), token.label(),
                        token.expires().map(e -> "expires " + e).orElse("no expiry"));
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a token by its id (tok_...); it stops working at once.")
    static final class TokenRevoke extends OnCredentials {
        @Parameters(paramLabel = "ID", description = "The token's id, as im token list shows it.")
        String id;

        @Override
        public Integer call() {
            credentials().revokeToken(id);
            env().out.println("Token " + id + " revoked.");
            return 0;
        }
    }

    @Command(name = "integration", description = {
        "Add, list and remove alert integrations: sources such as Alertmanager or a PagerDuty-style",
        "client that post alerts to im serve, each with its own key."},
            subcommands = {IntegrationAdd.class, IntegrationList.class, IntegrationRemove.class})
    static final class Integration {
    }

    @Command(name = "add", description = {
        "Add an integration; its key is printed once and stored only as a hash. Its alerts come from",
        "the source NAME and act as integration:NAME, with the responder role."})
    static final class IntegrationAdd extends OnCredentials {
        @Parameters(paramLabel = "NAME", description = "The integration's name, such as alertmanager.")
        String name;

        @Override
        public Integer call() {
            String key = credentials().addIntegration(name);
            env().out.println(key);
            env().err.println("Integration " + name + " added. Its key is shown once: keep it now.");
            return 0;
        }
    }

    @Command(name = "list", description = "List the integrations (never their keys).")
    static final class IntegrationList extends OnCredentials {
        @Override
        public Integer call() {
            credentials().integrations().forEach((name, created) -> env().out.printf("%-24s added %s%n", name, created));
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove an integration; its key stops working at once.")
    static final class IntegrationRemove extends OnCredentials {
        @Parameters(paramLabel = "NAME", description = "The integration's name.")
        String name;

        @Override
        public Integer call() {
            credentials().removeIntegration(name);
            env().out.println("Integration " + name + " removed.");
            return 0;
        }
    }
}
