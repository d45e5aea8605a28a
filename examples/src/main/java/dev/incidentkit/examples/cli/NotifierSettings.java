package dev.incidentkit.examples.cli;

import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.notify.spi.Notifier;
import dev.incidentkit.notify.webhook.CloudEventsWebhookNotifier;
import dev.incidentkit.notify.webhook.PagerDutyNotifier;
import dev.incidentkit.notify.webhook.SlackNotifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The notifiers of {@code im serve}, from the environment only, since each value is a secret that
 * belongs in neither a file nor a command line (where {@code ps} shows it):
 * {@value #SLACK} (an incoming webhook: {@link SlackNotifier} {@code slack}, paging people by
 * their {@code slack} member ids), {@value #PAGERDUTY} (an Events v2 routing key: {@link
 * PagerDutyNotifier} {@code pagerduty}, incident events to that key, pages to each person's own
 * {@code pagerduty} key) and {@value #WEBHOOK} (a URL: {@link CloudEventsWebhookNotifier} {@code
 * webhook}, pages to each person's {@code webhook} URL). A bad value stops {@code im serve} before
 * it opens the store, with a message that names the variable and never quotes the secret; {@link
 * Secrets} masks the values in whatever else {@code im} prints.
 */
final class NotifierSettings {

    static final String SLACK = "IM_SLACK_WEBHOOK";
    static final String PAGERDUTY = "IM_PAGERDUTY_ROUTING_KEY";
    static final String WEBHOOK = "IM_WEBHOOK_URL";
    /** The variables whose values {@link Secrets} masks. */
    static final List<String> VARIABLES = List.of(SLACK, PAGERDUTY, WEBHOOK);

    /** Builders checked already; each notifier is built (with its HTTP client) only for the manager, which closes it. */
    private final List<Supplier<Notifier>> notifiers;

    private NotifierSettings(List<Supplier<Notifier>> notifiers) {
        this.notifiers = notifiers;
    }

    /**
     * @return the notifiers the environment sets, none if it sets none
     * @throws ValidationException naming the variable whose value is not usable
     */
    static NotifierSettings from(Environment env) {
        List<Supplier<Notifier>> notifiers = new ArrayList<>();
        env.get(SLACK).ifPresent(url -> {
            SlackNotifier.Builder b = checked(SLACK, url, "an http or https URL, Slack's incoming webhook "
                    + "(https://hooks.slack.com/services/...)", u -> SlackNotifier.builder(u).name(SlackNotifier.DEFAULT_NAME));
            notifiers.add(b::build);
        });
        env.get(PAGERDUTY).ifPresent(key -> {
            PagerDutyNotifier.Builder b;
            try {
                b = PagerDutyNotifier.builder(key.strip()).name(PagerDutyNotifier.DEFAULT_NAME);
            } catch (IllegalArgumentException e) {
                throw new ValidationException(PAGERDUTY, "must be a PagerDuty Events v2 routing key, printable ASCII "
                        + "without spaces", Secrets.MASK);
            }
            notifiers.add(b::build);
        });
        env.get(WEBHOOK).ifPresent(url -> {
            CloudEventsWebhookNotifier.Builder b = checked(WEBHOOK, url, "an http or https URL to POST CloudEvents to",
                    u -> CloudEventsWebhookNotifier.builder(u).name(CloudEventsWebhookNotifier.DEFAULT_NAME));
            notifiers.add(b::build);
        });
        return new NotifierSettings(List.copyOf(notifiers));
    }

    /** A builder from a URL, or an error that shows the URL's scheme and host at most (its path is the secret). */
    private static <B> B checked(String variable, String text, String what, Function<URI, B> builder) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawUserInfo() == null) {
                return builder.apply(uri);
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // Its message quotes the whole URL: reported below in words that do not.
        }
        throw new ValidationException(variable, "must be " + what + ", with a host and no user or password", shown(text));
    }

    /** @return the scheme and host of a URL, the rest masked: enough to see the mistake, never the secret */
    private static String shown(String text) {
        try {
            URI uri = new URI(text.strip());
            if (uri.getScheme() != null && uri.getHost() != null && uri.getRawUserInfo() == null) {
                return uri.getScheme() + "://" + uri.getHost() + "/" + Secrets.MASK;
            }
        } catch (URISyntaxException e) {
            // masked whole below
        }
        return Secrets.MASK;
    }

    /** Registers the notifiers with a manager's builder; the manager closes them. */
    void register(IncidentKit.Builder kit) {
        notifiers.forEach(n -> kit.notifier(n.get()));
    }

    boolean isEmpty() {
        return notifiers.isEmpty();
    }
}
