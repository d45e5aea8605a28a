package dev.incidentkit.examples.cli;

import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.notify.Route;
import dev.incidentkit.notify.email.EmailNotifier;
import dev.incidentkit.notify.spi.Notifier;
import dev.incidentkit.notify.webhook.CloudEventsWebhookNotifier;
import dev.incidentkit.notify.webhook.PagerDutyNotifier;
import dev.incidentkit.notify.webhook.SlackNotifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The notifiers of {@code im serve}, from the environment only, since each value is a secret that
 * belongs in neither a file nor a command line (where {@code ps} shows it):
 * {@value #SLACK} (an incoming webhook: {@link SlackNotifier} {@code slack}, paging people by
 * their {@code slack} member ids), {@value #PAGERDUTY} (an Events v2 routing key: {@link
 * PagerDutyNotifier} {@code pagerduty}, incident events to that key, pages to each person's own
 * {@code pagerduty} key) and {@value #WEBHOOK} (a URL: {@link CloudEventsWebhookNotifier} {@code
 * webhook}, pages to each person's {@code webhook} URL) and {@value #SMTP} (an SMTP server, {@code
 * smtp://user:password@host:587} with STARTTLS required, {@code smtps://} for TLS from the first
 * byte, {@code smtp+plain://} for a relay on loopback without TLS: {@link EmailNotifier} {@code
 * email}, every incident event to the comma-separated addresses of {@value #EMAIL_TO}, pages to each
 * person's {@code email} address, from {@value #EMAIL_FROM}). A bad value stops {@code im serve} before
 * it opens the store, with a message that names the variable and never quotes the secret; {@link
 * Secrets} masks the values in whatever else {@code im} prints.
 */
final class NotifierSettings {

    static final String SLACK = "IM_SLACK_WEBHOOK";
    static final String PAGERDUTY = "IM_PAGERDUTY_ROUTING_KEY";
    static final String WEBHOOK = "IM_WEBHOOK_URL";
    static final String SMTP = "IM_SMTP_URL";
    /** The sender of the email notifier's messages: needed with {@value #SMTP}. */
    static final String EMAIL_FROM = "IM_EMAIL_FROM";
    /** The stakeholders who get every incident event by email: comma-separated addresses; none without it. */
    static final String EMAIL_TO = "IM_EMAIL_TO";
    /** The variables whose values {@link Secrets} masks. */
    static final List<String> VARIABLES = List.of(SLACK, PAGERDUTY, WEBHOOK, SMTP);

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
        env.get(SMTP).ifPresent(url -> {
            EmailNotifier.Builder b = email(env, url);
            notifiers.add(b::build);
        });
        return new NotifierSettings(List.copyOf(notifiers));
    }

    /**
     * The email notifier of {@value #SMTP}, {@value #EMAIL_FROM} and {@value #EMAIL_TO}; an error
     * names the variable and shows the URL with its user and password masked.
     */
    private static EmailNotifier.Builder email(Environment env, String text) {
        String what = "an SMTP URL such as smtp://user:password@smtp.example.com:587 (STARTTLS), smtps://... "
                + "(TLS from the first byte) or smtp+plain://... (no TLS, for a relay on loopback)";
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new ValidationException(SMTP, "must be " + what, Secrets.MASK);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        EmailNotifier.Security security = switch (scheme) {
            case "smtp" -> EmailNotifier.Security.STARTTLS_REQUIRED;
            case "smtps" -> EmailNotifier.Security.SMTPS;
            case "smtp+plain" -> EmailNotifier.Security.NONE;
            default -> null;
        };
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (security == null || uri.getHost() == null || !(path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new ValidationException(SMTP, "must be " + what, smtpShown(uri));
        }
        String from = env.get(EMAIL_FROM).map(String::strip).orElseThrow(() -> new ValidationException(EMAIL_FROM,
                "must be set to the sender's address (such as incidents@example.com) when " + SMTP + " is", "(not set)"));
        EmailNotifier.Builder b;
        try {
            b = EmailNotifier.builder(uri.getHost(), from).name(EmailNotifier.DEFAULT_NAME).security(security);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(EMAIL_FROM, "must be one plain email address such as incidents@example.com", from);
        }
        if (uri.getPort() > 0) {
            b.port(uri.getPort());
        }
        String userInfo = uri.getUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            if (colon <= 0 || colon == userInfo.length() - 1) {
                throw new ValidationException(SMTP, "must give both a user and a password (smtp://user:password@host), "
                        + "or neither", smtpShown(uri));
            }
            try {
                b.credentials(userInfo.substring(0, colon), userInfo.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new ValidationException(SMTP, "must give a user without blanks or control characters", smtpShown(uri));
            }
        }
        Optional<String> to = env.get(EMAIL_TO).filter(list -> !list.isBlank());
        if (to.isPresent()) {
            String[] addresses = Arrays.stream(to.get().split(",")).map(String::strip).filter(a -> !a.isEmpty())
                    .toArray(String[]::new);
            try {
                // Stakeholders hear of every event but the reminders to post an update, which are the commander's.
                b.recipients(Route.all().withTypes(EventTypes.ALL.stream()
                        .filter(type -> !type.equals(EventTypes.UPDATE_DUE)).toArray(String[]::new)), addresses);
            } catch (IllegalArgumentException e) {
                throw new ValidationException(EMAIL_TO, "must be comma-separated email addresses such as "
                        + "sre@example.com,support@example.com (" + e.getMessage() + ")", to.get());
            }
        }
        try (EmailNotifier checked = b.build()) {
            return b;
        } catch (IllegalArgumentException e) {
            throw new ValidationException(SMTP, "must not send its password in clear text beyond loopback: use smtp:// "
                    + "(STARTTLS) or smtps://", smtpShown(uri));
        }
    }

    /** @return an SMTP URL with its user and password masked: enough to see the mistake, never the secret */
    private static String smtpShown(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            return Secrets.MASK;
        }
        return uri.getScheme() + "://" + (uri.getRawUserInfo() == null ? "" : Secrets.MASK + "@") + uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + (uri.getRawPath() == null ? "" : "/" + Secrets.MASK);
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
