package dev.incidentkit.notify.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import dev.incidentkit.notify.spi.Recipient;
import dev.incidentkit.notify.webhook.internal.Checks;
import dev.incidentkit.notify.webhook.internal.Describe;
import dev.incidentkit.notify.webhook.internal.HttpDelivery;
import dev.incidentkit.notify.webhook.internal.Json;
import dev.incidentkit.notify.webhook.internal.Settings;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a chat notifier does besides writing its message: posts one JSON document a notification
 * to an incoming webhook, whose URI is a secret. Its subclasses write the document, and say which
 * addresses of their contact kinds they can page (a page still goes to the same webhook: a chat
 * message that mentions its person). A page of another kind fails for good.
 */
abstract class JsonWebhookNotifier implements Notifier {

    private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json; charset=utf-8");

    private final String name;
    private final URI webhook;
    /** Applied by the subclasses to user text before anything else. */
    final Redactor redactor;
    private final HttpDelivery http;
    private final Set<String> contactKinds;

    JsonWebhookNotifier(Settings settings, URI webhook) {
        this(settings, webhook, Set.of());
    }

    JsonWebhookNotifier(Settings settings, URI webhook, Set<String> contactKinds) {
        this.contactKinds = Set.copyOf(contactKinds);
        this.name = settings.name();
        this.webhook = webhook;
        this.redactor = settings.redactor();
        this.http = settings.delivery();
    }

    /** @return the message the webhook receives for {@code n}, whose recipient, if any, passed {@link #unusable} */
    abstract ObjectNode payload(Notification n);

    /**
     * @param r the recipient of a page, of one of this notifier's kinds
     * @return why its address cannot be used (never quoting it), or null if it can; by default null
     */
    @Nullable String unusable(Recipient r) {
        return null;
    }

    /** {@inheritDoc} */
    @Override
    public final Set<String> contactKinds() {
        return contactKinds;
    }

    /** {@inheritDoc} */
    @Override
    public final String name() {
        return name;
    }

    /**
     * Posts the notification's message.
     *
     * @param notification what happened
     * @return delivered on a 2xx answer; retry later on 408, 429 (after its {@code Retry-After}),
     *     5xx, a timeout or an I/O error; failed on any other answer, and for a page this notifier
     *     cannot address (a kind it does not take, an address of another form)
     */
    @Override
    public final DeliveryResult deliver(Notification notification) {
        if (notification.recipient().isPresent()) {
            Recipient r = notification.recipient().get();
            String why = Checks.unreachable(name, contactKinds, r);
            if (why == null) {
                why = unusable(r);
            }
            if (why != null) {
                return DeliveryResult.failed(why);
            }
        }
        return http.post(webhook, HEADERS, Json.bytes(payload(notification)));
    }

    /** Closes the HTTP client this notifier made itself, where the JDK can close one. */
    @Override
    public final void close() {
        http.close();
    }

    /** @return the name and the webhook's host, never its path (the webhook's secret) */
    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[name=" + name + ", webhook=" + Describe.uri(webhook) + "]";
    }
}
