package dev.incidentkit.notify.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import dev.incidentkit.notify.spi.Recipient;
import dev.incidentkit.notify.webhook.internal.Checks;
import dev.incidentkit.notify.webhook.internal.Describe;
import dev.incidentkit.notify.webhook.internal.HttpDelivery;
import dev.incidentkit.notify.webhook.internal.Json;
import dev.incidentkit.notify.webhook.internal.Links;
import dev.incidentkit.notify.webhook.internal.UserText;
import io.cloudevents.types.Time;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Drives a PagerDuty alert through the Events API v2, one alert per incident ({@code dedup_key} =
 * the incident id):
 *
 * <table>
 *   <caption>Event types and PagerDuty actions</caption>
 *   <tr><th>CloudEvent type</th><th>{@code event_action}</th></tr>
 *   <tr><td>{@code incident.declared}, {@code incident.reopened}</td><td>{@code trigger}</td></tr>
 *   <tr><td>{@code incident.severity_changed}, while the incident is active (not RESOLVED, CLOSED,
 *       CANCELED or DUPLICATE)</td><td>{@code trigger}: PagerDuty folds it into the open alert</td></tr>
 *   <tr><td>{@code incident.acknowledged}</td><td>{@code acknowledge}</td></tr>
 *   <tr><td>{@code incident.resolved}, {@code incident.closed}, {@code incident.canceled}, {@code
 *       incident.marked_duplicate}</td><td>{@code resolve}</td></tr>
 *   <tr><td>anything else (notes, status steps, roles, action items, SLA breaches, ...)</td>
 *       <td>nothing is sent, and the result is delivered: there is nothing to tell PagerDuty</td></tr>
 * </table>
 *
 * <p>A trigger carries {@code payload.summary} ({@code [SEV-2] INC-2025-001: <title>}, at most 1024
 * characters), {@code source} (the CloudEvent's source unless {@linkplain Builder#source set}),
 * {@code severity} ({@code SEV-1} critical, {@code SEV-2} error, {@code SEV-3} warning, {@code
 * SEV-4} info; an unrecognised severity is critical, so that nothing pages more quietly than meant),
 * {@code component} (the service), {@code timestamp} (the event's time), {@code class} (the event
 * type) and {@code custom_details} (incident id, title, severity, status, service, actor, note, event
 * type and id), plus {@code links} from the notification's web links. Acknowledge and resolve carry
 * only the routing key, the action and the dedup key, as the API asks. PagerDuty shows these as
 * plain text; user text goes through the {@link Redactor} and loses its control characters.
 *
 * <p><b>Pages.</b> The notifier reaches people by the contact kind {@value #CONTACT_KIND} (by
 * default; see {@link Builder#contactKinds}), whose address is that person's own Events v2
 * routing key (the integration key of a service that pages them). A page ({@code incident.paged})
 * for such a recipient is a {@code trigger} with that key instead of the configured one, the
 * incident id as its {@code dedup_key} as usual, and the payload of any trigger. An address that
 * is no routing key (blank, whitespace, non-ASCII) fails for good, never quoted. A page without a
 * recipient sends nothing, as before.
 *
 * <p>PagerDuty answers 202 when it accepts an event (delivered), 400 for an invalid one (failed),
 * 429 when throttled (retried later). Thread-safe.
 *
 * @since 0.1.0
 */
public final class PagerDutyNotifier implements Notifier {

    /** PagerDuty's Events API v2 endpoint: the default. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://events.pagerduty.com/v2/enqueue");
    /** The same endpoint for accounts in PagerDuty's EU service region. */
    public static final URI EU_ENDPOINT = URI.create("https://events.eu.pagerduty.com/v2/enqueue");
    /** The name of a notifier built without {@link Builder#name}. */
    public static final String DEFAULT_NAME = "pagerduty";
    /**
     * The contact kind this notifier pages people by unless its builder says otherwise: the
     * address is the person's own routing key.
     *
     * @since 0.4.0
     */
    public static final String CONTACT_KIND = "pagerduty";

    private static final int MAX_SUMMARY = 1024;
    private static final int MAX_DEDUP_KEY = 255;
    private static final Set<String> INACTIVE = Set.of("RESOLVED", "CLOSED", "CANCELED", "DUPLICATE");

    private final String name;
    private final String routingKey;
    private final URI endpoint;
    private final Optional<String> source;
    private final Redactor redactor;
    private final HttpDelivery http;
    private final Set<String> contactKinds;

    private PagerDutyNotifier(Builder b) {
        this.contactKinds = b.contactKinds;
        this.name = b.settings.name();
        this.routingKey = b.routingKey;
        this.endpoint = b.endpoint;
        this.source = b.source;
        this.redactor = b.settings.redactor();
        this.http = b.settings.delivery();
    }

    /**
     * @param routingKey the integration key of the PagerDuty service (or ruleset) to alert; a secret,
     *     never in a message or log of this notifier
     * @return a builder: the default endpoint, 10 s timeout, named {@value #DEFAULT_NAME}
     * @throws IllegalArgumentException if the key is blank, or holds whitespace or non-ASCII
     * @since 0.1.0
     */
    public static Builder builder(String routingKey) {
        return new Builder(routingKey);
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return name;
    }

    /**
     * {@inheritDoc}
     *
     * @return {@value #CONTACT_KIND} unless the builder set other kinds
     * @since 0.4.0
     */
    @Override
    public Set<String> contactKinds() {
        return contactKinds;
    }

    /**
     * Sends the PagerDuty event the notification's type calls for, if any; for a page, a trigger
     * with its recipient's routing key.
     *
     * @param notification what happened
     * @return delivered on a 2xx answer, or at once when the type needs no PagerDuty event; retry
     *     later on 408, 429 (after its {@code Retry-After}), 5xx, a timeout or an I/O error; failed on
     *     any other answer, and for a page whose recipient's kind this notifier does not take or
     *     whose address is no routing key
     */
    @Override
    public DeliveryResult deliver(Notification notification) {
        if (notification.recipient().isPresent()) {
            Recipient r = notification.recipient().get();
            String why = Checks.unreachable(name, contactKinds, r);
            if (why == null && !isRoutingKey(r.address())) {
                why = "the " + r.kind() + " address of " + r.person() + " is not a routing key (printable ASCII "
                        + "without spaces; it has " + r.address().length() + " characters)";
            }
            if (why != null) {
                return DeliveryResult.failed(why);
            }
            return post(payload(notification, "trigger", r.address()));
        }
        Optional<String> action = action(notification);
        if (action.isEmpty()) {
            return DeliveryResult.delivered();
        }
        return post(payload(notification, action.get(), routingKey));
    }

    private DeliveryResult post(ObjectNode event) {
        return http.post(endpoint, Map.of("Content-Type", "application/json"), Json.bytes(event));
    }

    /** A routing key is printable ASCII without spaces: never quoted in a message, it is a secret. */
    private static boolean isRoutingKey(String key) {
        return !key.isEmpty() && key.chars().allMatch(c -> c > 0x20 && c < 0x7F);
    }

    /**
     * @param n a notification
     * @return the PagerDuty {@code event_action} it calls for, or empty when none
     */
    static Optional<String> action(Notification n) {
        switch (n.type()) {
            case "incident.declared":
            case "incident.reopened":
                return Optional.of("trigger");
            case "incident.severity_changed":
                return INACTIVE.contains(n.status().toUpperCase(Locale.ROOT)) ? Optional.empty() : Optional.of("trigger");
            case "incident.acknowledged":
                return Optional.of("acknowledge");
            case "incident.resolved":
            case "incident.closed":
            case "incident.canceled":
            case "incident.marked_duplicate":
                return Optional.of("resolve");
            default:
                return Optional.empty();
        }
    }

    /**
     * @param level a severity level 1 to 4, or 0 when unrecognised
     * @return PagerDuty's severity for it
     */
    static String severity(int level) {
        switch (level) {
            case 2: return "error";
            case 3: return "warning";
            case 4: return "info";
            default: return "critical";
        }
    }

    ObjectNode payload(Notification n, String action) {
        return payload(n, action, routingKey);
    }

    private ObjectNode payload(Notification n, String action, String key) {
        ObjectNode event = Json.object();
        event.put("routing_key", key);
        event.put("event_action", action);
        event.put("dedup_key", UserText.truncate(UserText.cleanLine(n.incidentId()), MAX_DEDUP_KEY));
        if (!action.equals("trigger")) {
            return event;
        }
        String title = UserText.cleanLine(redactor.redact(n.title()));
        String actor = UserText.cleanLine(redactor.redact(n.actor()));
        ObjectNode payload = event.putObject("payload");
        payload.put("summary", UserText.truncate("[" + n.severity() + "] " + n.incidentId() + ": " + title, MAX_SUMMARY));
        payload.put("source", source.orElseGet(() -> n.event().getSource().toString()));
        payload.put("severity", severity(UserText.severityLevel(n.severity())));
        payload.put("component", n.service());
        payload.put("class", n.type());
        if (n.event().getTime() != null) {
            payload.put("timestamp", Time.writeTime(n.event().getTime()));
        }
        ObjectNode details = payload.putObject("custom_details");
        details.put("incident_id", n.incidentId());
        details.put("title", title);
        details.put("severity", n.severity());
        details.put("status", n.status());
        details.put("service", n.service());
        details.put("actor", actor);
        n.note().ifPresent(note -> details.put("note", UserText.clean(redactor.redact(note))));
        details.put("event_type", n.type());
        details.put("event_id", n.id());

        List<URI> links = Links.web(n.links());
        if (!links.isEmpty()) {
            ArrayNode array = event.putArray("links");
            for (int i = 0; i < links.size(); i++) {
                array.addObject().put("href", links.get(i).toASCIIString()).put("text", Links.label(i));
            }
            event.put("client_url", links.get(0).toASCIIString());
        }
        event.put("client", "IncidentKit");
        return event;
    }

    /** Closes the HTTP client this notifier made itself, where the JDK can close one. */
    @Override
    public void close() {
        http.close();
    }

    /** @return the name and the endpoint's host, never the routing key */
    @Override
    public String toString() {
        return "PagerDutyNotifier[name=" + name + ", endpoint=" + Describe.uri(endpoint) + "]";
    }

    /**
     * Configures a {@link PagerDutyNotifier}. Each setter checks its argument at once.
     *
     * @since 0.1.0
     */
    public static final class Builder extends HttpNotifierBuilder<Builder> {

        @Override
        Builder self() {
            return this;
        }

        private final String routingKey;
        private URI endpoint = DEFAULT_ENDPOINT;
        private Optional<String> source = Optional.empty();
        private Set<String> contactKinds = Set.of(CONTACT_KIND);

        private Builder(String routingKey) {
            super(DEFAULT_NAME);
            Objects.requireNonNull(routingKey, "routingKey");
            if (!isRoutingKey(routingKey)) {
                // Never quote the key: it is a secret.
                throw new IllegalArgumentException("routingKey must be printable ASCII without spaces, and not empty "
                        + "(the one given has " + routingKey.length() + " characters)");
            }
            this.routingKey = routingKey;
        }

        /**
         * @param endpoint the Events API endpoint; default {@link #DEFAULT_ENDPOINT}, or {@link
         *     #EU_ENDPOINT}
         * @return this builder
         * @throws IllegalArgumentException if it is not an absolute web URI with a host
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Checks.endpoint("endpoint", endpoint);
            return this;
        }

        /**
         * @param source the {@code payload.source} of triggers (a host or application name); by
         *     default the CloudEvent's source
         * @return this builder
         * @throws IllegalArgumentException if it is blank or longer than 255 characters
         */
        public Builder source(String source) {
            Objects.requireNonNull(source, "source");
            if (source.isBlank() || source.length() > 255) {
                throw new IllegalArgumentException("source must be 1 to 255 characters, not blank: '" + source + "'");
            }
            this.source = Optional.of(source);
            return this;
        }

        /**
         * @param kinds the contact kinds this notifier pages people by, each address a person's
         *     own routing key; default {@value #CONTACT_KIND}; none to page no one
         * @return this builder
         * @throws IllegalArgumentException if a kind is not {@code [a-z0-9][a-z0-9._-]{0,62}}
         * @since 0.4.0
         */
        public Builder contactKinds(String... kinds) {
            this.contactKinds = Checks.kinds(new LinkedHashSet<>(Arrays.asList(kinds)));
            return this;
        }
        /** @return the notifier */
        public PagerDutyNotifier build() {
            return new PagerDutyNotifier(this);
        }
    }
}
