package dev.incidentkit.web;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.access.AccessRole;
import dev.incidentkit.web.internal.Secrets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The integrations that may send alerts to an {@link IncidentWeb}'s receivers ({@code POST
 * /api/v1/alerts/alertmanager}, {@code /api/v1/alerts/generic}, {@code /v2/enqueue}), each with
 * its own key. Immutable: {@link #with} returns a copy.
 *
 * <p>An integration named {@code alertmanager} is the {@linkplain #actorOf actor} {@code
 * integration:alertmanager} and the source of the alerts it sends. Its key is kept only as a
 * SHA-256 hash, and a presented key is compared with every integration's hash in constant time,
 * as {@link TokenAuthenticator} does for API tokens.
 *
 * <p><b>Roles.</b> The integration declares incidents and writes alert events through the
 * manager, whose authorizer must let it: with a {@code RoleBasedAuthorizer} it needs the responder
 * role, which {@link #roleOf} gives it, so that a host composes
 * {@code RoleBasedAuthorizer.of(a -> credentials.roleOf(a).or(() -> keys.roleOf(a)))}.
 * {@link IncidentWeb.Builder#start()} refuses a role-based authorizer that does not.
 *
 * <pre>{@code
 * IntegrationKeys keys = IntegrationKeys.none().with("alertmanager", System.getenv("AM_KEY"));
 * }</pre>
 *
 * @since 0.3.0
 */
public final class IntegrationKeys {

    /** The prefix of an integration's actor name. */
    public static final String ACTOR_PREFIX = "integration:";

    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final int MIN_KEY = 16;
    private static final int MAX_KEY = 512;
    private static final IntegrationKeys NONE = new IntegrationKeys(Map.of());

    /** Each integration's name and the {@code sha256:} hash of its key, in the order added. */
    private final Map<String, String> hashes;

    private IntegrationKeys(Map<String, String> hashes) {
        this.hashes = hashes;
    }

    /** @return no integrations: every receiver answers 401 */
    public static IntegrationKeys none() {
        return NONE;
    }

    /**
     * @param name the integration's name, as a service name ({@code [a-z0-9][a-z0-9._-]{0,62}}),
     *     such as {@code alertmanager}: the source of its alerts
     * @param key its secret, 16 to 512 printable ASCII characters without spaces (a PagerDuty
     *     routing key has 32); at least 128 random bits are advised
     * @return these integrations and that one
     * @throws IllegalArgumentException if the name or key breaks its rule, the name is taken, or
     *     another integration has the same key (the message never shows a key)
     */
    public IntegrationKeys with(String name, String key) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        if (!SERVICE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("integration name " + name
                    + " must match [a-z0-9][a-z0-9._-]{0,62} (it is the source of its alerts)");
        }
        if (key.length() < MIN_KEY || key.length() > MAX_KEY || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("the key of integration " + name + " must be " + MIN_KEY + " to " + MAX_KEY
                    + " printable ASCII characters without spaces");
        }
        if (hashes.containsKey(name)) {
            throw new IllegalArgumentException("integration " + name + " is already added");
        }
        String hash = hash(key);
        if (hashes.containsValue(hash)) {
            throw new IllegalArgumentException("integration " + name + " has the same key as another integration; "
                    + "give each its own");
        }
        var copy = new LinkedHashMap<>(hashes);
        copy.put(name, hash);
        return new IntegrationKeys(Collections.unmodifiableMap(copy));
    }

    /**
     * @param hashes each integration's name and the {@code sha256:} hash of its key, as {@link
     *     Credentials} keeps them
     * @return those integrations
     */
    static IntegrationKeys ofHashes(Map<String, String> hashes) {
        return new IntegrationKeys(Collections.unmodifiableMap(new LinkedHashMap<>(hashes)));
    }

    /**
     * @param name one of these integrations
     * @return that integration alone
     */
    IntegrationKeys only(String name) {
        return new IntegrationKeys(Map.of(name, hashes.get(name)));
    }

    /**
     * @param more other integrations
     * @return these and those
     * @throws IllegalArgumentException if a name or a key is in both
     */
    IntegrationKeys plus(IntegrationKeys more) {
        var copy = new LinkedHashMap<>(hashes);
        more.hashes.forEach((name, hash) -> {
            if (copy.containsKey(name)) {
                throw new IllegalArgumentException("integration " + name + " is already added");
            }
            if (copy.containsValue(hash)) {
                throw new IllegalArgumentException("integration " + name + " has the same key as another integration; "
                        + "give each its own");
            }
            copy.put(name, hash);
        });
        return new IntegrationKeys(Collections.unmodifiableMap(copy));
    }

    /** @return the integrations' names, in the order added */
    public Set<String> names() {
        return hashes.keySet();
    }

    /** @return whether there are none */
    public boolean isEmpty() {
        return hashes.isEmpty();
    }

    /**
     * @param name an integration's name
     * @return the actor it acts as: {@code integration:} and its name
     * @throws dev.incidentkit.core.ValidationException if that is not a valid actor name
     */
    public static Actor actorOf(String name) {
        return Actor.of(ACTOR_PREFIX + name);
    }

    /**
     * What a {@code RoleBasedAuthorizer} should give an integration's actor.
     *
     * @param actor any actor
     * @return the responder role if it is one of these integrations' actors; otherwise empty
     */
    public Optional<AccessRole> roleOf(Actor actor) {
        String name = actor.name();
        return name.startsWith(ACTOR_PREFIX) && hashes.containsKey(name.substring(ACTOR_PREFIX.length()))
                ? Optional.of(AccessRole.RESPONDER) : Optional.empty();
    }

    /**
     * Which integration a presented key belongs to. Every integration's hash is compared, each in
     * constant time, so that the time taken does not tell how much of a key is right, nor whose.
     *
     * @param key a presented key
     * @return the integration's name, if the key is one of theirs
     */
    public Optional<String> integrationOf(String key) {
        String presented = hash(key);
        Optional<String> found = Optional.empty();
        for (Map.Entry<String, String> e : hashes.entrySet()) {
            if (Secrets.constantTimeEquals(presented, e.getValue()) && found.isEmpty()) {
                found = Optional.of(e.getKey());
            }
        }
        return found;
    }

    private static String hash(String key) {
        return "sha256:" + Secrets.sha256Hex(key);
    }

    /** @return the names only, never a key nor its hash */
    @Override
    public String toString() {
        return "IntegrationKeys" + hashes.keySet();
    }
}
