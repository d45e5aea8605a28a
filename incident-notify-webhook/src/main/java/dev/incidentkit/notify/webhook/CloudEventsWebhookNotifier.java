package dev.incidentkit.notify.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import dev.incidentkit.notify.spi.Recipient;
import dev.incidentkit.notify.webhook.internal.Checks;
import dev.incidentkit.notify.webhook.internal.CloudEventHttp;
import dev.incidentkit.notify.webhook.internal.Describe;
import dev.incidentkit.notify.webhook.internal.HttpDelivery;
import dev.incidentkit.notify.webhook.internal.Json;
import dev.incidentkit.notify.webhook.internal.NoRedaction;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventSerializationException;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Posts each notification's CloudEvent to a webhook, by the CloudEvents HTTP protocol binding.
 *
 * <ul>
 *   <li><b>Binary mode</b> (the default): the body is the event's data, {@code Content-Type} its
 *       {@code datacontenttype} ({@code application/json} for IncidentKit's events), and every other
 *       attribute a {@code ce-} header: {@code ce-specversion}, {@code ce-id}, {@code ce-source},
 *       {@code ce-type}, {@code ce-subject}, {@code ce-time}, and one {@code ce-<name>} per extension
 *       ({@code ce-actor}, {@code ce-incidentversion}, ...), values percent-encoded as the binding
 *       says.
 *   <li><b>Structured mode</b>: the body is the whole event in the JSON event format, {@code
 *       Content-Type: application/cloudevents+json; charset=utf-8} (in lower case: the JavaScript
 *       SDK refuses {@code UTF-8} in capitals).
 * </ul>
 *
 * <p>Both modes send {@code Idempotency-Key} = the CloudEvent id, so that a receiver can drop the
 * duplicates that at-least-once delivery brings.
 *
 * <p><b>Signature.</b> With a {@linkplain Builder#signingSecret(byte[]) signing secret}, each request
 * carries {@value #TIMESTAMP_HEADER}{@code : <unix seconds>} and {@value #SIGNATURE_HEADER}{@code :
 * sha256=<hex>}, where the hex is the lower-case HMAC-SHA256, keyed with the secret, of the ASCII
 * timestamp, a {@code .}, and the exact body bytes. A receiver recomputes it over the bytes it
 * received, compares in constant time, and rejects a timestamp older than it tolerates (five
 * minutes, say), so that a captured request cannot be replayed later.
 *
 * <p><b>Redaction.</b> With a {@link Redactor} other than {@link Redactor#none()}, every string value
 * in JSON data (and the whole of {@code text/*} data) and the {@code actor} extension are redacted;
 * the event's {@code hash} extension then no longer matches its data. Data that claims to be JSON
 * but is not fails for good rather than leave unredacted.
 *
 * <p><b>Pages.</b> The notifier reaches people by the contact kind {@value #CONTACT_KIND} (by
 * default; see {@link Builder#contactKinds}): a notification with a {@linkplain
 * Notification#recipient() recipient} of that kind, a page for one person, is posted to the
 * recipient's address, an {@code http} or {@code https} URL, instead of the endpoint, with the same
 * body and headers. An address that is no such URL fails for good; it is never quoted in full (it
 * may hold a secret), only its scheme and host.
 *
 * <p>Thread-safe. Nothing is sent when the notifier is built; {@link #close()} closes the HTTP
 * client it made itself (on Java 21 and later, where a client can be closed).
 *
 * @since 0.1.0
 */
public final class CloudEventsWebhookNotifier implements Notifier {

    /** The name of a notifier built without {@link Builder#name}. */
    public static final String DEFAULT_NAME = "webhook";
    /** The header carrying the HMAC-SHA256 signature, as {@code sha256=<hex>}. */
    public static final String SIGNATURE_HEADER = "X-IncidentKit-Signature";
    /** The header carrying the signed timestamp, in seconds since the epoch. */
    public static final String TIMESTAMP_HEADER = "X-IncidentKit-Timestamp";
    /** The header carrying the CloudEvent id, in both modes. */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    /** The shortest signing secret accepted, in bytes. */
    public static final int MIN_SECRET_BYTES = 16;
    /**
     * The contact kind this notifier pages people by unless its builder says otherwise: the
     * address is a URL of the person's own.
     *
     * @since 0.4.0
     */
    public static final String CONTACT_KIND = "webhook";

    /**
     * Lower-case {@code utf-8}: charset values are case-insensitive (RFC 2046), but the official
     * JavaScript SDK (cloudevents 10, {@code parserByContentType} in {@code src/parsers.ts}) looks the
     * whole header up as an exact string and refuses {@code charset=UTF-8}; this spelling is the one
     * it sends itself.
     */
    private static final String STRUCTURED_CONTENT_TYPE = JsonFormat.CONTENT_TYPE + "; charset=utf-8";
    private static final JsonFormat FORMAT = new JsonFormat();

    /** How the event travels in the request. */
    public enum Mode {
        /** Attributes as {@code ce-} headers, the data as the body. */
        BINARY,
        /** The whole event as an {@code application/cloudevents+json} body. */
        STRUCTURED
    }

    private final String name;
    private final URI endpoint;
    private final Mode mode;
    private final byte @Nullable [] secret;
    private final Map<String, String> extraHeaders;
    private final Redactor redactor;
    private final Clock clock;
    private final HttpDelivery http;
    private final Set<String> contactKinds;

    private CloudEventsWebhookNotifier(Builder b) {
        this.contactKinds = b.contactKinds;
        this.name = b.settings.name();
        this.endpoint = b.endpoint;
        this.mode = b.mode;
        this.secret = b.secret == null ? null : b.secret.clone();
        this.extraHeaders = Map.copyOf(b.headers);
        this.redactor = b.settings.redactor();
        this.clock = b.settings.clock();
        this.http = b.settings.delivery();
    }

    /**
     * @param endpoint the receiver's absolute {@code http} or {@code https} URI
     * @return a builder: binary mode, unsigned, 10 s timeout, named {@value #DEFAULT_NAME}
     * @throws IllegalArgumentException if the URI is not an absolute web URI with a host
     * @since 0.1.0
     */
    public static Builder builder(URI endpoint) {
        return new Builder(endpoint);
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
     * Posts the notification's CloudEvent: to the endpoint, or for a page to its recipient's URL.
     *
     * @param notification what happened
     * @return delivered on a 2xx answer; retry later on 408, 429 (after its {@code Retry-After}),
     *     5xx, a timeout or an I/O error; failed on any other answer, when the event cannot be
     *     serialized or redacted, or for a page whose recipient's kind this notifier does not take
     *     or whose address is no {@code http} or {@code https} URL
     */
    @Override
    public DeliveryResult deliver(Notification notification) {
        URI target = endpoint;
        if (notification.recipient().isPresent()) {
            Recipient r = notification.recipient().get();
            String unreachable = Checks.unreachable(name, contactKinds, r);
            if (unreachable != null) {
                return DeliveryResult.failed(unreachable);
            }
            try {
                target = Checks.endpoint("the " + r.kind() + " address of " + r.person(), new URI(r.address()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                return DeliveryResult.failed(e instanceof URISyntaxException
                        ? "the " + r.kind() + " address of " + r.person() + " is not a URI (" + r.address().length()
                                + " characters)"
                        : e.getMessage());
            }
        }
        CloudEvent event;
        try {
            event = redact(notification.event());
        } catch (IOException e) {
            return DeliveryResult.failed("the event's data is not the JSON its content type says, so it cannot be redacted: "
                    + e.getMessage());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body;
        if (mode == Mode.BINARY) {
            CloudEventData data = event.getData();
            body = data == null ? new byte[0] : data.toBytes();
            if (data != null) {
                headers.put("Content-Type", Objects.requireNonNullElse(
                        event.getDataContentType(), CloudEventHttp.DEFAULT_DATA_CONTENT_TYPE));
            }
            headers.putAll(CloudEventHttp.binaryHeaders(event));
        } else {
            try {
                body = FORMAT.serialize(event);
            } catch (EventSerializationException e) {
                return DeliveryResult.failed("the event cannot be written in the JSON event format: " + e.getMessage());
            }
            headers.put("Content-Type", STRUCTURED_CONTENT_TYPE);
        }
        headers.put(IDEMPOTENCY_KEY_HEADER, CloudEventHttp.encode(event.getId()));
        headers.putAll(extraHeaders);
        if (secret != null) {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            headers.put(TIMESTAMP_HEADER, timestamp);
            headers.put(SIGNATURE_HEADER, "sha256=" + sign(secret, timestamp, body));
        }
        return http.post(target, headers, body);
    }

    private CloudEvent redact(CloudEvent event) throws IOException {
        if (redactor == NoRedaction.INSTANCE) {
            return event;
        }
        CloudEventBuilder copy = CloudEventBuilder.from(event);
        Object actor = event.getExtension("actor");
        if (actor instanceof String name) {
            copy.withExtension("actor", redactor.redact(name));
        }
        CloudEventData data = event.getData();
        if (data != null) {
            String type = Objects.requireNonNullElse(event.getDataContentType(), CloudEventHttp.DEFAULT_DATA_CONTENT_TYPE)
                    .toLowerCase(Locale.ROOT);
            String mediaType = type.split(";", 2)[0].strip();
            if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
                JsonNode tree = Json.mapper().readTree(data.toBytes());
                if (tree == null) {
                    throw new IOException("no JSON value in the data");
                }
                copy.withData(Json.bytes(redactStrings(tree)));
            } else if (mediaType.startsWith("text/")) {
                copy.withData(redactor.redact(new String(data.toBytes(), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return copy.build();
    }

    private JsonNode redactStrings(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(redactor.redact(node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                field.setValue(redactStrings(field.getValue()));
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, redactStrings(array.get(i)));
            }
        }
        return node;
    }

    static String sign(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime has HmacSHA256", e);
        }
    }

    /** Closes the HTTP client this notifier made itself, where the JDK can close one. */
    @Override
    public void close() {
        http.close();
    }

    /** @return the name, the endpoint's host (never its path, which may be secret), mode and signing */
    @Override
    public String toString() {
        return "CloudEventsWebhookNotifier[name=" + name + ", endpoint=" + Describe.uri(endpoint)
                + ", mode=" + mode + ", signed=" + (secret != null) + "]";
    }

    /**
     * Configures a {@link CloudEventsWebhookNotifier}. Each setter checks its argument at once.
     *
     * @since 0.1.0
     */
    public static final class Builder extends HttpNotifierBuilder<Builder> {

        @Override
        Builder self() {
            return this;
        }

        private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
        private static final Set<String> RESERVED = Set.of("content-type", "content-length", "host", "connection",
                "expect", "upgrade", "user-agent", IDEMPOTENCY_KEY_HEADER.toLowerCase(Locale.ROOT),
                SIGNATURE_HEADER.toLowerCase(Locale.ROOT), TIMESTAMP_HEADER.toLowerCase(Locale.ROOT));

        private final URI endpoint;
        private Mode mode = Mode.BINARY;
        private byte @Nullable [] secret;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Set<String> contactKinds = Set.of(CONTACT_KIND);

        private Builder(URI endpoint) {
            super(DEFAULT_NAME);
            this.endpoint = Checks.endpoint("endpoint", endpoint);
        }

        /**
         * @param kinds the contact kinds this notifier pages people by, each address an {@code
         *     http} or {@code https} URL; default {@value #CONTACT_KIND}; none to page no one
         * @return this builder
         * @throws IllegalArgumentException if a kind is not {@code [a-z0-9][a-z0-9._-]{0,62}}
         * @since 0.4.0
         */
        public Builder contactKinds(String... kinds) {
            this.contactKinds = Checks.kinds(new LinkedHashSet<>(Arrays.asList(kinds)));
            return this;
        }
        /**
         * @param mode binary (default) or structured
         * @return this builder
         */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * @param secret the key shared with the receiver, at least {@value #MIN_SECRET_BYTES} bytes;
         *     copied
         * @return this builder
         * @throws IllegalArgumentException if it is shorter (the message gives its length, never the
         *     secret)
         */
        public Builder signingSecret(byte[] secret) {
            Objects.requireNonNull(secret, "secret");
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("signingSecret must be at least " + MIN_SECRET_BYTES
                        + " bytes: it has " + secret.length);
            }
            if (this.secret != null) {
                Arrays.fill(this.secret, (byte) 0);
            }
            this.secret = secret.clone();
            return this;
        }

        /**
         * @param secret the key shared with the receiver, as text (its UTF-8 bytes are the key), at
         *     least {@value #MIN_SECRET_BYTES} bytes
         * @return this builder
         * @throws IllegalArgumentException if it is shorter
         */
        public Builder signingSecret(String secret) {
            Objects.requireNonNull(secret, "secret");
            return signingSecret(secret.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Adds a header to every request, such as {@code Authorization}. Its value is never logged.
         *
         * @param name a header name (an HTTP token), not one this notifier sets itself ({@code
         *     Content-Type}, {@code ce-*}, {@code Idempotency-Key}, the signature headers, ...)
         * @param value the value, printable ASCII and tabs only
         * @return this builder
         * @throws IllegalArgumentException if the name is not a token or is reserved, or the value
         *     holds other characters
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            String lower = name.toLowerCase(Locale.ROOT);
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("header name must be an HTTP token: '" + name + "'");
            }
            if (RESERVED.contains(lower) || lower.startsWith("ce-")) {
                throw new IllegalArgumentException("header " + name + " is set by the notifier itself");
            }
            if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7F))) {
                throw new IllegalArgumentException("header " + name + " must have a printable ASCII value");
            }
            headers.put(name, value);
            return this;
        }

        /** @return the notifier */
        public CloudEventsWebhookNotifier build() {
            return new CloudEventsWebhookNotifier(this);
        }
    }
}
