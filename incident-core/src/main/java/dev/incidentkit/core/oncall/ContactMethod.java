package dev.incidentkit.core.oncall;

/**
 * One way to reach a {@link Person}: a kind, which names the channel a notifier delivers on
 * ({@code email}, {@code slack}, {@code webhook}, {@code pagerduty}...), and the address on it (a
 * mail address, a Slack member id, a URL...). The kind is open: a notifier decides which kinds it
 * serves; this class only checks the shape.
 *
 * @param kind the channel, matching {@code [a-z0-9][a-z0-9._-]{0,62}}
 * @param address where on that channel, 1 to 512 characters without control characters
 * @since 0.4.0
 */
public record ContactMethod(String kind, String address) {

    /** The longest address, in UTF-16 units. */
    static final int MAX_ADDRESS = 512;

    /**
     * Checks the rules above.
     *
     * @throws IllegalArgumentException naming {@code kind} or {@code address} and quoting the value
     *     if one breaks them
     * @throws NullPointerException if one is null
     * @since 0.4.0
     */
    public ContactMethod {
        Checks.name("kind", kind);
        Checks.text("address", address, MAX_ADDRESS);
    }
}
