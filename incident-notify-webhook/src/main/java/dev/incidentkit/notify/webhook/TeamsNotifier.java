package dev.incidentkit.notify.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.webhook.internal.Checks;
import dev.incidentkit.notify.webhook.internal.Describe;
import dev.incidentkit.notify.webhook.internal.Json;
import dev.incidentkit.notify.webhook.internal.Links;
import dev.incidentkit.notify.webhook.internal.UserText;
import java.net.URI;
import java.util.List;

/**
 * Posts each notification to a Microsoft Teams incoming webhook (a Workflows webhook or a legacy
 * Office 365 connector) as an Adaptive Card 1.4 in a message attachment: {@code {"type": "message",
 * "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": {...}}]}}.
 *
 * <p>The card: a line {@code SEV-2 · INC-2025-001 mitigated}, the title in large type, one line each
 * for severity, status, service and actor, the note (if any), a subtle line with the event type and
 * id, and one {@code Action.OpenUrl} button per web link of the notification (at most five).
 *
 * <p><b>Escaping.</b> Adaptive Cards have no escape for the Markdown subset of a {@code TextBlock}
 * and {@code FactSet}, so this card puts no text at all in those: every text, labels included, is a
 * {@code TextRun} in a {@code RichTextBlock}, which Teams shows verbatim, never as Markdown (no
 * {@code [x](url)} links, no emphasis, no lists) and never as HTML. User text (title, note, actor)
 * first goes through the {@link Redactor}; then control and bidirectional-override characters are
 * dropped, and a WORD JOINER (U+2060) goes into {@code ://} and {@code www.} (so that no client
 * links a bare URL) and after the {@code @} of {@code @here}, {@code @channel}, {@code @everyone}
 * and {@code @all}. A Teams mention needs an {@code <at>} tag and an entity in the card's {@code
 * msteams} object, and this card declares none, so none can be injected. Buttons only ever come
 * from the notification's links, never from user text.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class TeamsNotifier extends JsonWebhookNotifier {

    /** The name of a notifier built without {@link Builder#name}. */
    public static final String DEFAULT_NAME = "teams";

    private static final int MAX_TITLE = 300;
    private static final int MAX_NOTE = 5000;
    private static final int MAX_LINE = 500;

    private TeamsNotifier(Builder b) {
        super(b.settings, b.webhook);
    }

    /**
     * @param webhook the incoming webhook's URI; it is a secret, and never appears in a message or log
     *     of this notifier
     * @return a builder: 10 s timeout, named {@value #DEFAULT_NAME}, no redaction
     * @throws IllegalArgumentException if the URI is not an absolute web URI with a host
     * @since 0.1.0
     */
    public static Builder builder(URI webhook) {
        return new Builder(webhook);
    }

    @Override
    ObjectNode payload(Notification n) {
        ObjectNode card = Json.object();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");

        inlines(body).add(run(line(n.severity() + " · " + n.incidentId() + " " + Describe.action(n.type())))
                .put("weight", "Bolder").put("color", "Attention"));
        inlines(body).add(run(UserText.truncate(line(redactor.redact(n.title())), MAX_TITLE))
                .put("size", "Large").put("weight", "Bolder"));
        fact(body, "Severity", n.severity());
        fact(body, "Status", n.status());
        fact(body, "Service", n.service());
        fact(body, "By", redactor.redact(n.actor()));
        n.note().ifPresent(note -> inlines(body).add(run(UserText.truncate(
                UserText.defang(UserText.clean(redactor.redact(note))), MAX_NOTE))));
        inlines(body).add(run(line(n.type() + " · event " + n.id())).put("isSubtle", true).put("size", "Small"));

        List<URI> links = Links.web(n.links());
        if (!links.isEmpty()) {
            ArrayNode actions = card.putArray("actions");
            for (int i = 0; i < links.size(); i++) {
                actions.addObject().put("type", "Action.OpenUrl").put("title", Links.label(i))
                        .put("url", links.get(i).toASCIIString());
            }
        }
        card.putObject("msteams").put("width", "Full");

        ObjectNode message = Json.object().put("type", "message");
        message.putArray("attachments").addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive")
                .set("content", card);
        return message;
    }

    private static ArrayNode inlines(ArrayNode body) {
        ObjectNode block = body.addObject().put("type", "RichTextBlock");
        return block.putArray("inlines");
    }

    private static ObjectNode run(String text) {
        return Json.object().put("type", "TextRun").put("text", text);
    }

    private static String line(String text) {
        return UserText.truncate(UserText.defang(UserText.cleanLine(text)), MAX_LINE);
    }

    private static void fact(ArrayNode body, String label, String value) {
        ArrayNode inlines = inlines(body);
        inlines.add(run(label + ": ").put("weight", "Bolder"));
        inlines.add(run(line(value)));
    }


    /**
     * Configures a {@link TeamsNotifier}. Each setter checks its argument at once.
     *
     * @since 0.1.0
     */
    public static final class Builder extends HttpNotifierBuilder<Builder> {

        @Override
        Builder self() {
            return this;
        }

        private final URI webhook;

        private Builder(URI webhook) {
            super(DEFAULT_NAME);
            this.webhook = Checks.endpoint("webhook", webhook);
        }

        /** @return the notifier */
        public TeamsNotifier build() {
            return new TeamsNotifier(this);
        }
    }
}
