package dev.incidentkit.web;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.web.CredentialsFile.Data;
import dev.incidentkit.web.CredentialsFile.Token;
import dev.incidentkit.web.CredentialsFile.User;
import dev.incidentkit.web.internal.Secrets;
import dev.incidentkit.web.internal.TokenSecrets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users and API tokens of an installation, kept in a JSON file.
 *
 * <h2>The file</h2>
 * A public, versioned format ({@code incidentkit-credentials/1}), written by IncidentKit and
 * readable by anyone with the right to read the file (600 wherever POSIX permissions exist):
 * <pre>{@code
 * {
 *   "format": "incidentkit-credentials/1",
 *   "users": [
 *     { "name": "alice", "role": "admin", "created": "2025-08-23T14:30:00Z",
 *       "passwordHash": "pbkdf2-sha256$600000$<salt, base64>$<hash, base64>" },
 *     { "name": "bob@example.com", "role": "viewer", "created": "2025-08-23T14:31:00Z" }
 *   ],
 *   "tokens": [
 *     { "id": "tok_k3mz7q2a", "user": "alice", "label": "ci deploys",
 *       "created": "2025-08-23T14:32:00Z", "expires": "2026-08-23T00:00:00Z",
 *       "secretHash": "sha256:<64 lowercase hex digits>" }
 *   ]
 * }
 * }</pre>
 * {@code name}: a valid {@link Actor} name, unique. {@code role}: an {@link AccessRole#label()}.
 * {@code passwordHash} (optional; users who come only through a single-sign-on proxy have none):
 * see {@link PasswordHasher}. {@code id}: {@code tok_} and 8 characters of {@code a-z2-7}, unique.
 * {@code user}: a user of the file. {@code expires}: optional. {@code secretHash}: the SHA-256 of
 * the whole secret in UTF-8 (see {@link ApiToken}); the secret itself is never stored. Instants
 * are ISO-8601 in UTC. Fields this version does not know are ignored; a file whose {@code
 * format} is anything else, or that breaks a rule above, is refused with a {@link
 * CredentialsFileException} naming the file and the field. A file that does not exist holds
 * nobody, and is created by the first change.
 *
 * <h2>Changes</h2>
 * Each change re-reads the file (so that it builds on what another process wrote), checks its
 * input, and replaces the file atomically (a temporary file beside it, created readable by its
 * owner only, forced to disk, then moved over it with {@code ATOMIC_MOVE}): bad input throws
 * {@link ValidationException} naming the field, and then nothing is written. Two processes that
 * change the file in the very same moment are not coordinated: the last to write wins.
 *
 * <h2>Seeing another process's changes</h2>
 * Every lookup ({@link #roleOf}, {@link #users()}, {@link #tokens()}, {@link #checkPassword}, token
 * authentication) first checks, at most once a second by the injected clock, whether the file
 * changed (its modification time, size and file key, which an atomic replace always changes),
 * and if so reads it again: a user added with {@code im user add} in another terminal can log in
 * to a running server a second later, and a revoked token stops working as soon. A file that has
 * become unreadable or invalid is logged at WARN once and the last good contents stay in use;
 * {@link #reload()} reads at once and throws instead.
 *
 * <p>Thread-safe: lookups read an immutable snapshot; changes are serialized.
 *
 * @since 0.2.0
 */
public final class Credentials {

    /** How often, at most, a lookup checks whether the file changed. */
    public static final Duration RELOAD_INTERVAL = Duration.ofSeconds(1);
    /** The shortest password {@link #addUser} and {@link #setPassword} accept. */
    public static final int MIN_PASSWORD_LENGTH = 8;
    /** The longest password accepted, so that hashing one stays cheap. */
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private static final int MAX_LABEL = 200;

    private static final Logger LOG = LoggerFactory.getLogger(Credentials.class);

    /** The credentials file, as {@link WatchedFile} reads, writes and reports it. */
    private static final WatchedFile.Format<Data> FORMAT = new WatchedFile.Format<>() {
        @Override
        public Data read(Path file) {
            return CredentialsFile.read(file);
        }

        @Override
        public void write(Path file, Data contents) {
            CredentialsFile.write(file, contents);
            LOG.debug("Wrote credentials file {}: {} users, {} tokens", file, contents.users().size(), contents.tokens().size());
        }

        @Override
        public RuntimeException unreadable(Path file, java.io.IOException cause) {
            return new CredentialsFileException(file, "cannot be read", cause);
        }

        @Override
        public void keptBecause(Path file, RuntimeException failure) {
            LOG.warn("{} The credentials read before stay in use until the file is fixed.", failure.getMessage());
        }

        @Override
        public void readAgain(Path file, Data contents) {
            LOG.info("Read credentials file {} again: {} users, {} tokens", file, contents.users().size(), contents.tokens().size());
        }
    };

    private final Path file;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;
    private final WatchedFile<Data> watched;

    private Credentials(Path file, Clock clock, PasswordHasher hasher) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        // Zero salt and zero hash: verifying against it costs a real verification and never succeeds.
        this.dummyHash = "pbkdf2-sha256$" + hasher.iterations() + "$AAAAAAAAAAAAAAAAAAAAAA=="
                + "$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        this.watched = new WatchedFile<>(file, clock, RELOAD_INTERVAL, FORMAT);
    }

    /**
     * @param file the credentials file; it need not exist yet
     * @param clock where every instant comes from: creation times, expiry, reload checks
     * @return the credentials it holds, hashing new passwords with {@link PasswordHasher#ofDefaults()}
     * @throws CredentialsFileException if the file exists and cannot be read or breaks the format
     */
    public static Credentials open(Path file, Clock clock) {
        return new Credentials(file, clock, PasswordHasher.ofDefaults());
    }

    /**
     * @param file the credentials file; it need not exist yet
     * @param clock where every instant comes from
     * @param hasher how new passwords are hashed (existing hashes keep their own iterations)
     * @return the credentials it holds
     * @throws CredentialsFileException if the file exists and cannot be read or breaks the format
     */
    public static Credentials open(Path file, Clock clock, PasswordHasher hasher) {
        return new Credentials(file, clock, hasher);
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /** @return every user, by name */
    public List<UserAccount> users() {
        return current().users().values().stream().map(User::account)
                .sorted(Comparator.comparing(u -> u.actor().name())).toList();
    }

    /**
     * @param name a user name
     * @return that user, if there is one
     */
    public Optional<UserAccount> user(String name) {
        return Optional.ofNullable(current().users().get(name)).map(User::account);
    }

    /** @return every token's metadata, by id */
    public List<ApiToken> tokens() {
        return current().tokens().values().stream().map(Token::meta)
                .sorted(Comparator.comparing(ApiToken::id)).toList();
    }

    /**
     * What {@code RoleBasedAuthorizer.of(credentials::roleOf)} asks on every decision: a change,
     * here or (within a second) in another process, takes effect at once.
     *
     * @param actor who acts
     * @return their role, if they are a user
     */
    public Optional<AccessRole> roleOf(Actor actor) {
        Data d = current();
        String name = actor.name();
        if (name.startsWith(IntegrationKeys.ACTOR_PREFIX)
                && d.integrations().containsKey(name.substring(IntegrationKeys.ACTOR_PREFIX.length()))) {
            return Optional.of(AccessRole.RESPONDER);   // an alert integration declares and writes alerts
        }
        return Optional.ofNullable(d.users().get(name)).map(User::role);
    }

    /**
     * Checks a password. Costs one password verification whether or not the user exists or has a
     * password, so that timing does not tell which user names exist.
     *
     * @param user a user name, valid or not
     * @param password the password given; zeroed before this returns
     * @return the user, if they exist, have a password, and it is this one
     */
    public Optional<Actor> checkPassword(String user, char[] password) {
        User found = current().users().get(user);
        if (found == null || found.passwordHash().isEmpty()) {
            hasher.verify(dummyHash, password);
            return Optional.empty();
        }
        return hasher.verify(found.passwordHash().get(), password) ? Optional.of(found.actor()) : Optional.empty();
    }

    /**
     * @param name the new user's name, a valid {@link Actor} name not yet taken
     * @param role what they may do
     * @param password their password, 8 to 1024 characters; none for a user who comes only through
     *     single sign-on; zeroed before this returns
     * @return the user
     * @throws ValidationException naming {@code user} or {@code password}; nothing is written
     * @throws CredentialsFileException if the file cannot be read or written
     */
    public UserAccount addUser(String name, AccessRole role, Optional<char[]> password) {
        Objects.requireNonNull(role, "role");
        Actor actor;
        Optional<String> hash;
        try {
            actor = actorOf(name);
            hash = hashOf(password);
        } finally {
            password.ifPresent(p -> Arrays.fill(p, '\0'));
        }
        if (actor.name().startsWith(IntegrationKeys.ACTOR_PREFIX)) {
            throw new ValidationException("user", "must not start with " + IntegrationKeys.ACTOR_PREFIX
                    + " (the names alert integrations act under)", actor.name());
        }
        User user = new User(actor, role, hash, clock.instant());
        change(d -> {
            if (d.users().containsKey(actor.name())) {
                throw new ValidationException("user", "must not be taken already", actor.name());
            }
            return withUser(d, user);
        });
        return user.account();
    }

    /**
     * @param name an existing user
     * @param password the new password, 8 to 1024 characters, or none to allow single sign-on
     *     only; zeroed before this returns
     * @throws ValidationException naming {@code user} or {@code password}; nothing is written
     * @throws CredentialsFileException if the file cannot be read or written
     */
    public void setPassword(String name, Optional<char[]> password) {
        Optional<String> hash;
        try {
            hash = hashOf(password);
        } finally {
            password.ifPresent(p -> Arrays.fill(p, '\0'));
        }
        change(d -> {
            User u = existing(d, name);
            return withUser(d, new User(u.actor(), u.role(), hash, u.created()));
        });
    }

    /**
     * @param name an existing user
     * @param role their new role, in effect at once
     * @throws ValidationException naming {@code user} if there is no such user; nothing is written
     * @throws CredentialsFileException if the file cannot be read or written
     */
    public void setRole(String name, AccessRole role) {
        Objects.requireNonNull(role, "role");
        change(d -> {
            User u = existing(d, name);
            return withUser(d, new User(u.actor(), role, u.passwordHash(), u.created()));
        });
    }

    /**
     * Removes a user and every token that acts as them, so that a user added later under the same
     * name does not inherit them. Their open sessions end at their next request.
     *
     * @param name an existing user
     * @throws ValidationException naming {@code user} if there is no such user; nothing is written
     * @throws CredentialsFileException if the file cannot be read or written
     */
    public void removeUser(String name) {
        change(d -> {
            User u = existing(d, name);
            Map<String, User> users = new HashMap<>(d.users());
            users.remove(u.actor().name());
            Map<String, Token> tokens = new HashMap<>(d.tokens());
            tokens.values().removeIf(t -> t.meta().actor().equals(u.actor()));
            return d.withUsers(users).withTokens(tokens);
        });
    }

    /**
     * Creates an API token. Only the SHA-256 of its secret is stored.
     *
     * @param user the existing user it acts as
     * @param label what it is for, 1 to 200 characters on one line
     * @param expiry when it stops working, after now; none for never
     * @return the secret, {@code ik_tok_…}: shown to the user once, stored nowhere, never logged
     * @throws ValidationException naming {@code user}, {@code label} or {@code expiry}; nothing is written
     * @throws CredentialsFileException if the file cannot be read or written
     */
    public String createToken(String user, String label, Optional<Instant> expiry) {
        String cleanLabel = labelOf(label);
        Instant now = clock.instant();
        if (expiry.isPresent() && !expiry.get().isAfter(now)) {
            throw new ValidationException("expiry", "must be after now (" + now + ")", expiry.get());
        }
        String[] secret = new String[1];
        change(d -> {
            User u = existing(d, user);
            String id;
            do {
                id = TokenSecrets.newId(random);
            } while (d.tokens().containsKey(id));
            secret[0] = TokenSecrets.newSecret(id, random);
            Token token = new Token(new ApiToken(id, u.actor(), cleanLabel, now, expiry), TokenSecrets.hash(secret[0]));
            Map<String, Token> tokens = new HashMap<>(d.tokens());
            tokens.put(id, token);
            return d.withTokens(tokens);
        });
        return secret[0];
    }

    /**
     * Revokes a token: it is deleted from the file, and stops working at once here and within a
     * second in other processes.
     *
     * @param id the token's id, such as {@code tok_k3mz7q2a}
     * @throws ValidationException naming {@code token} if there is no such token; nothing is written
     * @throws CredentialsFileException if the file cannot be read or written
     */
    public void revokeToken(String id) {
        change(d -> {
            if (!d.tokens().containsKey(id)) {
                throw new ValidationException("token", "must name an existing token", id);
            }
            Map<String, Token> tokens = new HashMap<>(d.tokens());
            tokens.remove(id);
            return d.withTokens(tokens);
        });
    }

    /**
     * Adds an alert integration ({@link IntegrationKeys}): a source of alerts with its own key,
     * acting as {@code integration:<name>} with the responder role ({@link #roleOf}). Only the
     * SHA-256 of its key is stored.
     *
     * @param name its name, the source of its alerts, such as {@code alertmanager}
     *     ({@code [a-z0-9][a-z0-9._-]{0,62}})
     * @return its key, {@code ik_int_…} (32 random bytes): shown once, stored nowhere, never logged
     * @throws ValidationException naming {@code name} if it breaks the rule or is taken; nothing is written
     * @throws CredentialsFileException if the file cannot be read or written
     * @since 0.3.0
     */
    public String addIntegration(String name) {
        if (!name.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
            throw new ValidationException("name", "must match [a-z0-9][a-z0-9._-]{0,62} (it is the source of its "
                    + "alerts)", name);
        }
        Instant now = clock.instant();
        String key = "ik_int_" + Secrets.base64Url(random, 32);
        change(d -> {
            if (d.integrations().containsKey(name)) {
                throw new ValidationException("name", "must not name an existing integration", name);
            }
            Map<String, CredentialsFile.Integration> integrations = new HashMap<>(d.integrations());
            integrations.put(name, new CredentialsFile.Integration(name, now, TokenSecrets.hash(key)));
            return d.withIntegrations(integrations);
        });
        return key;
    }

    /**
     * Removes an alert integration: its key stops working at once here and within a second in
     * other processes.
     *
     * @param name its name
     * @throws ValidationException naming {@code name} if there is no such integration; nothing is written
     * @throws CredentialsFileException if the file cannot be read or written
     * @since 0.3.0
     */
    public void removeIntegration(String name) {
        change(d -> {
            if (!d.integrations().containsKey(name)) {
                throw new ValidationException("name", "must name an existing integration", name);
            }
            Map<String, CredentialsFile.Integration> integrations = new HashMap<>(d.integrations());
            integrations.remove(name);
            return d.withIntegrations(integrations);
        });
    }

    /**
     * @return the alert integrations' names and when each was added, by name
     * @since 0.3.0
     */
    public Map<String, Instant> integrations() {
        Map<String, Instant> out = new TreeMap<>();
        current().integrations().values().forEach(i -> out.put(i.name(), i.created()));
        return out;
    }

    /**
     * What {@code IncidentWeb.Builder.integrations(Credentials)} asks on every alert: the
     * integrations of the file as it is now (a change in another process within a second).
     *
     * @return their keys' hashes
     * @since 0.3.0
     */
    public IntegrationKeys integrationKeys() {
        Data d = current();
        KeysOf cached = keysOf;
        if (cached == null || cached.data() != d) {
            Map<String, String> hashes = new TreeMap<>();
            d.integrations().values().forEach(i -> hashes.put(i.name(), i.keyHash()));
            cached = new KeysOf(d, IntegrationKeys.ofHashes(hashes));
            keysOf = cached;
        }
        return cached.keys();
    }

    /**
     * Looks at the file at once, whatever the time since the last look: what an alert receiver
     * does for a key it does not know, which may have been added a moment ago in another process.
     *
     * @return whether the file had changed and was read again; false also if it is unreadable (the
     *     last good contents stay in use, and the next periodic look reports it)
     */
    boolean lookAgain() {
        try {
            return watched.reload(false);
        } catch (CredentialsFileException e) {
            return false;
        }
    }

    /** The integration keys of one reading of the file: rebuilt when the file is. */
    private record KeysOf(Data data, IntegrationKeys keys) {}

    private volatile KeysOf keysOf;

    /**
     * Reads the file again now, if it changed since it was last read or written.
     *
     * @return whether it had changed
     * @throws CredentialsFileException if it cannot be read or breaks the format; the contents
     *     read before stay in use
     */
    public boolean reload() {
        return watched.reload(true);
    }

    /** Package-private for {@link TokenAuthenticator}: the stored token with this id, if any. */
    Optional<Token> token(String id) {
        return Optional.ofNullable(current().tokens().get(id));
    }

    /** Package-private for the authenticators: the clock. */
    Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        Data d = watched.held();
        return "Credentials[" + file + ", " + d.users().size() + " users, " + d.tokens().size() + " tokens]";
    }

    private Data current() {
        return watched.current();
    }

    private void change(UnaryOperator<Data> operation) {
        watched.change(operation);
    }

    private Optional<String> hashOf(Optional<char[]> password) {
        if (password.isEmpty()) {
            return Optional.empty();
        }
        char[] p = password.get();
        if (p.length < MIN_PASSWORD_LENGTH || p.length > MAX_PASSWORD_LENGTH) {
            throw new ValidationException("password", "must be " + MIN_PASSWORD_LENGTH + " to "
                    + MAX_PASSWORD_LENGTH + " characters", "(" + p.length + " characters, not shown)");
        }
        for (int i = 0; i < p.length; i++) {
            boolean high = Character.isHighSurrogate(p[i]);
            boolean paired = high && i + 1 < p.length && Character.isLowSurrogate(p[i + 1]);
            // An unpaired surrogate becomes '?' in UTF-8, so two passwords would share one hash.
            if ((high && !paired) || (!high && Character.isLowSurrogate(p[i]))) {
                throw new ValidationException("password", "must not hold an unpaired surrogate", "(not shown)");
            }
            if (paired) {
                i++;
            }
        }
        return Optional.of(hasher.hash(p.clone()));
    }

    private static Actor actorOf(String name) {
        try {
            return Actor.of(name);
        } catch (ValidationException e) {
            throw new ValidationException("user", e.rule(), name);
        }
    }

    private static User existing(Data d, String name) {
        User u = d.users().get(name);
        if (u == null) {
            throw new ValidationException("user", "must name an existing user", name);
        }
        return u;
    }

    private static Data withUser(Data d, User user) {
        Map<String, User> users = new HashMap<>(d.users());
        users.put(user.actor().name(), user);
        return d.withUsers(users);
    }

    private static String labelOf(String label) {
        String s = label.strip();
        boolean control = s.codePoints().anyMatch(Character::isISOControl);
        if (s.isEmpty() || s.length() > MAX_LABEL || control) {
            throw new ValidationException("label", "must be 1 to " + MAX_LABEL + " characters on one line", label);
        }
        return s;
    }
}
