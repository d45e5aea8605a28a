package dev.incidentkit.notify.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Recipient;
import dev.incidentkit.notify.webhook.internal.Checks;
import dev.incidentkit.notify.webhook.internal.Describe;
import dev.incidentkit.notify.webhook.internal.Json;
import dev.incidentkit.notify.webhook.internal.Links;
import dev.incidentkit.notify.webhook.internal.SlackText;
import dev.incidentkit.notify.webhook.internal.UserText;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Posts each notification to a Slack incoming webhook as a Block Kit message.
 *
 * <p>The message: a fallback {@code text} (what notifications and screen readers show), a {@code
 * header} block ({@code SEV-2 · INC-2025-001 mitigated: <title>}), a {@code section} with the
 * severity, status, service and actor as fields, the note (if any) in its own {@code section}, an
 * {@code actions} block with one button per web link of the notification (the first labelled "Open
 * incident"; at most five), and a {@code context} line with the event type and id. Link unfurling is
 * off ({@code unfurl_links}, {@code unfurl_media}), and so is Slack's own parsing ({@code parse:
 * none}, {@code link_names: false}).
 *
 * <p><b>Escaping.</b> User text (title, note, actor) first goes through the {@link Redactor}, then:
 * control and bidirectional-override characters are dropped; {@code &}, {@code <} and {@code >}
 * become {@code &amp;}, {@code &lt;} and {@code &gt;}, which disarms {@code <!here>}, {@code
 * <!channel>}, {@code <@U123>}, {@code <#C123>} and {@code <https://x|y>}; a WORD JOINER (U+2060) goes
 * after the {@code @} of {@code @here}, {@code @channel}, {@code @everyone} and {@code @all} and into
 * {@code ://} and {@code www.}, so that nothing rings a channel or becomes a link. The title (in the
 * header) and the note are {@code plain_text}, which Slack never formats; in {@code mrkdwn} (the
 * fallback text and the fields, marked {@code verbatim}) Slack has no escape for its formatting
 * characters, so a {@code *}, {@code _} or {@code ~} at a word boundary, every backtick and a {@code
 * >} starting a line are replaced by look-alikes that do not format (U+2217, U+02CD, U+223C, U+02CB,
 * U+FF1E). Text longer than Slack's limits is cut with {@code …}.
 *
 * <p><b>Pages.</b> The notifier reaches people by the contact kind {@value #CONTACT_KIND} (by
 * default; see {@link Builder#contactKinds}), whose address is a Slack member id such as {@code
 * U024BE7LH} ({@code [UW][A-Z0-9]{2,}}). A page for such a recipient goes to the same incoming
 * webhook, and its message mentions the person ({@code <@U024BE7LH>}) first in the fallback text
 * and in a section of its own, so that Slack notifies them; the user text around it is escaped as
 * always. An address of another form fails for good.
 *
 * <p>Slack answers 200 with {@code ok}; 4xx answers ({@code invalid_payload}, {@code no_service})
 * fail for good, 429 and 5xx are retried after its {@code Retry-After}. Thread-safe.
 *
 * @since 0.1.0
 */
public final class SlackNotifier extends JsonWebhookNotifier {

    /** The name of a notifier built without {@link Builder#name}. */
    public static final String DEFAULT_NAME = "slack";
    /**
     * The contact kind this notifier pages people by unless its builder says otherwise: the
     * address is a Slack member id.
     *
     * @since 0.4.0
     */
    public static final String CONTACT_KIND = "slack";

    /** A Slack user (U...) or Enterprise Grid user (W...) id: nothing in it can break out of {@code <@...>}. */
    private static final Pattern MEMBER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");

    // Slack's limits: header 150 characters, section text 3000, field 2000, button text 75.
    private static final int MAX_HEADER = 150;
    private static final int MAX_SECTION = 3000;
    private static final int MAX_FIELD = 2000;
    private static final int MAX_FALLBACK = 3000;

    private SlackNotifier(Builder b) {
        super(b.settings, b.webhook, b.contactKinds);
    }

    /**
     * @param webhook the incoming webhook's URI ({@code https://hooks.slack.com/services/...}); it is
     *     a secret, and never appears in a message or log of this notifier
     * @return a builder: 10 s timeout, named {@value #DEFAULT_NAME}, no redaction
     * @throws IllegalArgumentException if the URI is not an absolute web URI with a host
     * @since 0.1.0
     */
    public static Builder builder(URI webhook) {
        return new Builder(webhook);
    }

    @Override
    @Nullable String unusable(Recipient r) {
        return MEMBER_ID.matcher(r.address()).matches() ? null : "the " + r.kind() + " address of " + r.person()
                + " is not a Slack member id ([UW][A-Z0-9]{2,}, such as U024BE7LH)";
    }

    @Override
    ObjectNode payload(Notification n) {
        // Checked by unusable before: a member id, which needs no escaping.
        String mention = n.recipient().map(r -> "<@" + r.address() + "> ").orElse("");
        String title = redactor.redact(n.title());
        String actor = UserText.cleanLine(redactor.redact(n.actor()));
        String action = Describe.action(n.type());
        String headline = n.severity() + " · " + n.incidentId() + " " + action + ": ";

        ObjectNode message = Json.object();
        message.put("text", mention + UserText.truncate(
                SlackText.mrkdwn(headline) + SlackText.mrkdwn(UserText.cleanLine(title)), MAX_FALLBACK));
        ArrayNode blocks = message.putArray("blocks");

        ObjectNode header = blocks.addObject().put("type", "header");
        header.set("text", plainText(UserText.truncate(
                SlackText.plain(headline) + SlackText.plain(UserText.cleanLine(title)), MAX_HEADER)));

        if (!mention.isEmpty()) {
            ObjectNode page = blocks.addObject().put("type", "section");
            page.set("text", Json.object().put("type", "mrkdwn").put("text", mention + "you are paged for this incident."));
        }

        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        fields.add(field("Severity", n.severity()));
        fields.add(field("Status", n.status()));
        fields.add(field("Service", n.service()));
        fields.add(field("By", actor));

        n.note().ifPresent(note -> {
            ObjectNode section = blocks.addObject().put("type", "section");
            section.set("text", plainText(UserText.truncate(SlackText.plain(redactor.redact(note)), MAX_SECTION)));
        });

        List<URI> links = Links.web(n.links());
        if (!links.isEmpty()) {
            ArrayNode buttons = blocks.addObject().put("type", "actions").putArray("elements");
            for (int i = 0; i < links.size(); i++) {
                ObjectNode button = buttons.addObject().put("type", "button");
                button.set("text", plainText(Links.label(i)));
                button.put("url", links.get(i).toASCIIString());
                button.put("action_id", "link-" + (i + 1));
            }
        }

        ArrayNode context = blocks.addObject().put("type", "context").putArray("elements");
        context.add(plainText(SlackText.plain(UserText.cleanLine(n.type() + " · event " + n.id()))));

        message.put("unfurl_links", false);
        message.put("unfurl_media", false);
        message.put("parse", "none");
        message.put("link_names", false);
        return message;
    }

    private static ObjectNode plainText(String escaped) {
        ObjectNode text = Json.object().put("type", "plain_text").put("text", escaped);
        text.put("emoji", false);
        return text;
    }

    private static ObjectNode field(String label, String value) {
        String text = "*" + label + "*\n" + SlackText.mrkdwn(UserText.cleanLine(value));
        return Json.object().put("type", "mrkdwn").put("text", UserText.truncate(text, MAX_FIELD)).put("verbatim", true);
    }


    /**
     * Configures a {@link SlackNotifier}. Each setter checks its argument at once.
     *
     * @since 0.1.0
     */
    public static final class Builder extends HttpNotifierBuilder<Builder> {

        @Override
        Builder self() {
            return this;
        }

        private final URI webhook;
        private Set<String> contactKinds = Set.of(CONTACT_KIND);

        private Builder(URI webhook) {
            super(DEFAULT_NAME);
            this.webhook = Checks.endpoint("webhook", webhook);
        }

        /**
         * @param kinds the contact kinds this notifier pages people by, each address a Slack member
         *     id of the webhook's workspace; default {@value #CONTACT_KIND}; none to page no one
         * @return this builder
         * @throws IllegalArgumentException if a kind is not {@code [a-z0-9][a-z0-9._-]{0,62}}
         * @since 0.4.0
         */
        public Builder contactKinds(String... kinds) {
            this.contactKinds = Checks.kinds(new LinkedHashSet<>(Arrays.asList(kinds)));
            return this;
        }

        /** @return the notifier */
        public SlackNotifier build() {
            return new SlackNotifier(this);
        }
    }
}
