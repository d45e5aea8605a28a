package dev.incidentkit.notify.webhook.internal;

import dev.incidentkit.notify.spi.Recipient;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Argument checks shared by the notifiers' builders; each throws one sentence naming the value. */
public final class Checks {

    /** The longest notifier name accepted. */
    public static final int MAX_NAME = 64;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0," + (MAX_NAME - 1) + "}");

    private Checks() {}

    /**
     * @param name a notifier name
     * @return the name
     * @throws IllegalArgumentException unless it is lower case letters, digits, {@code .}, {@code _}
     *     and {@code -}, starting with a letter or digit, at most {@value #MAX_NAME} characters
     */
    public static String name(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must match " + NAME.pattern() + ": '" + name + "'");
        }
        return name;
    }

    /**
     * @param timeout a request timeout
     * @return the timeout
     * @throws IllegalArgumentException unless it is positive
     */
    public static Duration timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return timeout;
    }

    /**
     * @param kinds contact-method kinds
     * @return an unmodifiable copy
     * @throws IllegalArgumentException unless each is {@code [a-z0-9][a-z0-9._-]{0,62}}
     */
    public static Set<String> kinds(Set<String> kinds) {
        Objects.requireNonNull(kinds, "contactKinds");
        for (String kind : kinds) {
            if (kind == null || !Recipient.isKind(kind)) {
                throw new IllegalArgumentException("a contact kind must match [a-z0-9][a-z0-9._-]{0,62}: '" + kind + "'");
            }
        }
        return Set.copyOf(kinds);
    }

    /**
     * @param notifier the notifier's name, for the message
     * @param kinds the kinds it reaches people at
     * @param r a recipient
     * @return why the notifier cannot page {@code r} by its kind, or null if it can
     */
    public static @Nullable String unreachable(String notifier, Set<String> kinds, Recipient r) {
        return kinds.contains(r.kind()) ? null : "notifier " + notifier + " reaches no one by " + r.kind()
                + " (it takes " + (kinds.isEmpty() ? "no contact kinds" : String.join(", ", new TreeSet<>(kinds)))
                + "), so it cannot page " + r.person();
    }

    /**
     * @param what the setting, for the message
     * @param uri an endpoint
     * @return the endpoint
     * @throws IllegalArgumentException unless it is an absolute http or https URI with a host
     */
    public static URI endpoint(String what, URI uri) {
        Objects.requireNonNull(uri, what);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException(what + " must be an http or https URI: '" + Describe.uri(uri) + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(what + " must name a host: '" + Describe.uri(uri) + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(what + " must not carry user information: '" + Describe.uri(uri) + "'");
        }
        return uri;
    }
}
