package dev.incidentkit.notify.email;

import dev.incidentkit.core.notify.Route;
import dev.incidentkit.notify.email.internal.Addresses;
import dev.incidentkit.notify.email.internal.MailContent;
import dev.incidentkit.notify.email.internal.MailText;
import dev.incidentkit.notify.email.internal.MessageIds;
import dev.incidentkit.notify.email.internal.SmtpSender;
import dev.incidentkit.notify.email.internal.Stakeholders;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import dev.incidentkit.notify.spi.Recipient;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each notification as an email over SMTP, to the stakeholder lists whose routes match it,
 * or, for a page, to the paged person's own address.
 *
 * <pre>{@code
 * EmailNotifier email = EmailNotifier.builder("smtp.example.com", "incidents@example.com")
 *         .credentials("incidents@example.com", password)          // STARTTLS is required by default
 *         .recipients(Route.all().withMinimumSeverity(Severity.SEV2), "sre-leads@example.com")
 *         .recipients(Route.all().withServices("payments"), "payments-team@example.com")
 *         .build();
 * }</pre>
 *
 * <p><b>Stakeholder lists.</b> Each {@link Builder#recipients(Route, String...)} adds a list: a
 * route (event types, minimum severity, services, as {@link Route} means them for notifiers) and its
 * addresses. A notification goes once, in one message, to the union of the addresses of every list
 * that matches it, each address once. A severity change matches a list when the severity before or
 * after it does; a service correlation, when the incident's service or the correlated one does. A
 * notification that no list matches is <em>skipped</em>: {@link #deliver} sends nothing and answers
 * {@link DeliveryResult#delivered()}, since there is nobody to tell and nothing to retry (logged at
 * DEBUG). A notifier without lists sends pages only.
 *
 * <p><b>Pages.</b> The notifier reaches people by the contact kind {@value #CONTACT_KIND}, whose
 * address is a plain mailbox such as {@code bob@example.com}. A page (a notification with a
 * {@linkplain Notification#recipient() recipient}) goes to that address only, never to the lists,
 * and says "You are paged for this incident." first; an address that is not one plain mailbox, or a
 * recipient of another kind, fails for good ({@link DeliveryResult#failed}), so that the page
 * escalates.
 *
 * <p><b>The message.</b> {@code multipart/alternative}, a {@code text/plain} and a {@code text/html}
 * part, both UTF-8, with the subject {@code [SEV-1] INC-2026-001 acknowledged: Checkout 500s}: the
 * severity, status, service and actor, the note, the details of the event's data (the severities of
 * a change, a role's assignee, a cancel's reason), the incident's links (the {@linkplain
 * Builder#incidentLinks dashboard link}, then the notification's own; web links only, at most five),
 * and the event's type, id and time. User text is escaped for HTML ({@code & < > " '}); control
 * characters and bidirectional overrides are dropped everywhere, and no line break reaches a header,
 * so a title cannot add a header (a {@code Bcc:}, say); bare URLs in user text get an invisible WORD
 * JOINER so that no mail client makes them links. Every message carries {@code Auto-Submitted:
 * auto-generated}.
 *
 * <p><b>One thread per incident.</b> The message of {@code incident.declared} has the Message-ID
 * {@code <INC-2026-001@host>} (host: {@link Builder#messageIdHost}, by default the domain of the
 * sender); every other message has a Message-ID made from the incident and the CloudEvent id, the
 * same on every retry, and names the root in {@code In-Reply-To} and {@code References}, so that mail
 * clients show an incident as one conversation and drop a duplicate of a retried message.
 *
 * <p><b>Outcomes.</b> Each notification is one SMTP session (connect, STARTTLS, login, one
 * transaction, quit). Each connect, read and write is bounded by its timeout, not the session as a
 * whole: a server that keeps sending a byte now and then holds it longer, until the dispatcher's
 * call timeout gives the attempt up (and a later attempt may then mail again what that server took
 * after all). Keep the three timeouts well below that call timeout. Delivered when the server took
 * the message for every recipient; a recipient the server refuses aborts the transaction, so that a
 * retry never mails the others twice. Retried later: a refused, timed-out or dropped connection, no
 * answer in time, a TLS failure, any 4xx reply. Failed for good: a 5xx reply (550 no such mailbox,
 * 535 login refused), a server without STARTTLS when it is required. Nothing is thrown from {@link
 * #deliver}. A reason names {@code host:port} and what happened, with the server's reply; the password
 * is never in a reason, a log or {@link #toString()}.
 *
 * <p>Thread-safe; holds no connection between notifications. Angus runs a timer thread per connection
 * for the write timeout, which ends with the connection.
 *
 * @since 0.5.0
 */
public final class EmailNotifier implements Notifier {

    /** The name of a notifier built without {@link Builder#name}. */
    public static final String DEFAULT_NAME = "email";
    /** The contact kind this notifier pages people by unless its builder says otherwise: an email address. */
    public static final String CONTACT_KIND = "email";

    private static final Logger LOG = LoggerFactory.getLogger(EmailNotifier.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    /**
     * How the connection to the SMTP server is protected.
     *
     * @since 0.5.0
     */
    public enum Security {
        /**
         * No TLS: mail, and the password, cross the network in clear text. For a server on
         * loopback or a trusted relay only. Default port 25.
         */
        NONE(25),
        /**
         * A plain connection upgraded with STARTTLS before anything else is sent; a server that
         * does not offer STARTTLS fails the delivery for good. The default. Default port 587
         * (submission).
         */
        STARTTLS_REQUIRED(587),
        /** TLS from the first byte ("implicit TLS", SMTPS). Default port 465. */
        SMTPS(465);

        private final int defaultPort;

        Security(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        /** @return the port used unless {@link Builder#port} sets one */
        public int defaultPort() {
            return defaultPort;
        }
    }

    private final String name;
    private final Set<String> contactKinds;
    private final Stakeholders stakeholders;
    private final Optional<URI> incidentLinks;
    private final SmtpSender sender;
    private final String description;

    private EmailNotifier(Builder b) {
        this.name = b.name;
        this.contactKinds = Set.copyOf(b.contactKinds);
        this.stakeholders = new Stakeholders(b.lists);
        this.incidentLinks = b.incidentLinks;
        int port = b.port > 0 ? b.port : b.security.defaultPort();
        InternetAddress from = b.from;
        String host = b.messageIdHost != null ? b.messageIdHost : domainOf(from);
        SmtpSender.Tls tls = switch (b.security) {
            case NONE -> SmtpSender.Tls.NONE;
            case STARTTLS_REQUIRED -> SmtpSender.Tls.STARTTLS_REQUIRED;
            case SMTPS -> SmtpSender.Tls.IMPLICIT;
        };
        this.sender = new SmtpSender(b.host, port, tls, b.sslContext, b.user, b.password, b.connectTimeout,
                b.readTimeout, b.writeTimeout, from, host, b.clock);
        this.description = "EmailNotifier[name=" + name + ", server=" + sender.where() + ", security=" + b.security
                + (b.user == null ? "" : ", user=" + b.user) + ", lists=" + b.lists.size() + "]";
    }

    /**
     * @param host the SMTP server's host name or address, such as {@code smtp.example.com}
     * @param from the sender's address, such as {@code incidents@example.com}: the {@code From} and
     *     the envelope sender of every message
     * @return a builder: STARTTLS required (port 587), no login, 10 s timeouts, named {@value
     *     #DEFAULT_NAME}, paging by {@value #CONTACT_KIND}, no stakeholder lists
     * @throws IllegalArgumentException if the host is blank or has characters no host name has, or
     *     {@code from} is not one plain email address
     * @since 0.5.0
     */
    public static Builder builder(String host, String from) {
        return new Builder(host, from);
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return name;
    }

    /** @return the kinds this notifier pages people by: {@value #CONTACT_KIND} unless the builder said otherwise */
    @Override
    public Set<String> contactKinds() {
        return contactKinds;
    }

    /**
     * Sends the notification's message: for a page, to the person's address; else to the stakeholder
     * lists that match it, or to nobody (see the class's description).
     *
     * @param notification what happened
     * @return delivered when the server took the message or nobody is to be told; retry later or
     *     failed as the class's description says; never throws
     */
    @Override
    public DeliveryResult deliver(Notification notification) {
        try {
            List<InternetAddress> to;
            if (notification.recipient().isPresent()) {
                Recipient r = notification.recipient().get();
                if (!contactKinds.contains(r.kind())) {
                    return DeliveryResult.failed("notifier " + name + " reaches no one by " + r.kind() + " (it takes "
                            + (contactKinds.isEmpty() ? "no contact kinds" : String.join(", ", new TreeSet<>(contactKinds)))
                            + "), so it cannot page " + r.person());
                }
                Optional<InternetAddress> address = Addresses.parse(r.address().strip());
                if (address.isEmpty()) {
                    return DeliveryResult.failed("the " + r.kind() + " address of " + MailText.line(r.person())
                            + " is not one plain email address (such as bob@example.com), so the page cannot reach them");
                }
                to = List.of(address.get());
            } else {
                to = stakeholders.addressesFor(notification);
                if (to.isEmpty()) {
                    LOG.debug("{} of {}: no stakeholder list of {} matches it; nothing sent", notification.type(),
                            notification.incidentId(), name);
                    return DeliveryResult.delivered();
                }
            }
            return sender.send(notification, to, links(notification));
        } catch (RuntimeException e) {
            return DeliveryResult.retryLater("notifier " + name + " could not write the message of " + notification.type()
                    + ": " + e.getClass().getSimpleName());
        }
    }

    private List<URI> links(Notification n) {
        List<URI> all = new ArrayList<>();
        incidentLinks.ifPresent(base -> all.add(link(base, n.incidentId())));
        all.addAll(n.links());
        return MailContent.web(all);
    }

    /** @return {@code base}, a slash unless it ends with one or with {@code =}, and the incident id, encoded */
    static URI link(URI base, String incidentId) {
        String b = base.toString();
        // The id as a path segment: letters, digits, - and _ as they are, the rest %-encoded.
        String segment = percentEncode(incidentId);
        return URI.create(b.endsWith("/") || b.endsWith("=") ? b + segment : b + "/" + segment);
    }

    private static String percentEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte x : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    private static String domainOf(InternetAddress from) {
        String a = from.getAddress();
        String domain = a.substring(a.lastIndexOf('@') + 1);
        return MessageIds.isHost(domain) ? domain : "incidentkit.invalid";
    }

    /** @return the name, server, security, user and number of lists; never the password */
    @Override
    public String toString() {
        return description;
    }

    /**
     * Configures an {@link EmailNotifier}. Each setter checks its argument at once and throws
     * {@link IllegalArgumentException} naming what is wrong.
     *
     * @since 0.5.0
     */
    public static final class Builder {

        private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]");

        private final String host;
        private boolean plaintextCredentials;
        private final InternetAddress from;
        private String name = DEFAULT_NAME;
        private Set<String> contactKinds = Set.of(CONTACT_KIND);
        private int port;
        private Security security = Security.STARTTLS_REQUIRED;
        private @Nullable String user;
        private @Nullable String password;
        private @Nullable SSLContext sslContext;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(10);
        private Duration writeTimeout = Duration.ofSeconds(10);
        private @Nullable String messageIdHost;
        private Optional<URI> incidentLinks = Optional.empty();
        private final List<Stakeholders.Stakeholder> lists = new ArrayList<>();
        private Clock clock = Clock.systemUTC();

        private Builder(String host, String from) {
            Objects.requireNonNull(host, "host");
            if (!HOST.matcher(host).matches()) {
                throw new IllegalArgumentException("host must be a host name or address such as smtp.example.com: '"
                        + MailText.line(host) + "'");
            }
            this.host = host;
            this.from = Addresses.require("from", from);
        }

        /**
         * @param name the notifier's stable name, such as {@code email-stakeholders}: lower case
         *     letters, digits, {@code .}, {@code _}, {@code -}, at most 63 characters. It keys the
         *     notifier's checkpoint and dead letters in the store
         * @return this builder
         * @throws IllegalArgumentException if the name has another form
         */
        public Builder name(String name) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("name must match " + NAME.pattern() + ": '" + name + "'");
            }
            this.name = name;
            return this;
        }

        /**
         * @param port the server's port, 1 to 65535; by default that of the {@linkplain #security
         *     security} (587, 465 or 25)
         * @return this builder
         * @throws IllegalArgumentException if it is out of range
         */
        public Builder port(int port) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be 1 to 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * @param security how the connection is protected; default {@link Security#STARTTLS_REQUIRED}
         * @return this builder
         */
        public Builder security(Security security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /**
         * Logs in with SMTP AUTH (PLAIN or LOGIN, as the server offers) before sending.
         *
         * @param user the user, often the sender's address; not blank
         * @param password the password; not empty. Kept by the notifier for its logins only, never
         *     shown in a reason, a log or {@code toString()}
         * @return this builder
         * @throws IllegalArgumentException if the user is blank or has control characters, or the
         *     password is empty
         */
        public Builder credentials(String user, String password) {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (user.isBlank() || !user.equals(MailText.line(user))) {
                throw new IllegalArgumentException("the SMTP user must not be blank or have control characters or"
                        + " surrounding blanks: '" + MailText.line(user) + "'");
            }
            if (password.isEmpty()) {
                throw new IllegalArgumentException("the SMTP password of " + user + " must not be empty");
            }
            this.user = user;
            this.password = password;
            return this;
        }

        /**
         * @param sslContext the TLS context of STARTTLS and SMTPS: whom to trust (a private CA, a
         *     test's self-signed certificate), which client key to present. The server's host name is
         *     checked against its certificate all the same. Default: the JVM's default context
         * @return this builder
         */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /**
         * @param timeout how long connecting (the TCP connection) may take; default 10 s
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /**
         * @param timeout how long the notifier waits for each reply of the server; default 10 s
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive("readTimeout", timeout);
            return this;
        }

        /**
         * @param timeout how long each write to the server may block; default 10 s
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = positive("writeTimeout", timeout);
            return this;
        }

        /**
         * @param host the right-hand side of every Message-ID ({@code <INC-2026-001@host>}) and the
         *     name this client greets the server with ({@code EHLO}); by default the domain of the
         *     sender. Keep it stable: it threads an incident's messages
         * @return this builder
         * @throws IllegalArgumentException if it is not a host name
         */
        public Builder messageIdHost(String host) {
            Objects.requireNonNull(host, "messageIdHost");
            if (!MessageIds.isHost(host)) {
                throw new IllegalArgumentException("messageIdHost must be a host name such as incidents.example.com: '"
                        + MailText.line(host) + "'");
            }
            this.messageIdHost = host;
            return this;
        }

        /**
         * @param base where incidents are shown, such as {@code https://incidents.example.com/incidents/}:
         *     each message links first to the base, a {@code /} (unless it ends with {@code /} or
         *     {@code =}) and the incident id. No link of its own by default (the notification's links
         *     are shown either way)
         * @return this builder
         * @throws IllegalArgumentException if {@code base} is not an absolute http or https URI with a host
         */
        public Builder incidentLinks(URI base) {
            Objects.requireNonNull(base, "base");
            String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null) {
                throw new IllegalArgumentException("incidentLinks must be an absolute http or https URI with a host: '"
                        + MailText.line(base.toString()) + "'");
            }
            this.incidentLinks = Optional.of(base);
            return this;
        }

        /**
         * Adds a stakeholder list: the notifications that {@code route} matches go to these
         * addresses. Repeatable; a notification goes once to the union of every matching list.
         *
         * @param route which notifications the list receives
         * @param addresses its addresses, at least one, each one plain mailbox such as {@code
         *     sre@example.com}
         * @return this builder
         * @throws IllegalArgumentException if there is no address, or one is not a plain mailbox (the
         *     message quotes it)
         */
        public Builder recipients(Route route, String... addresses) {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(addresses, "addresses");
            if (addresses.length == 0) {
                throw new IllegalArgumentException("a stakeholder list needs at least one address");
            }
            List<InternetAddress> parsed = new ArrayList<>(addresses.length);
            for (String a : addresses) {
                parsed.add(Addresses.require("a stakeholder address", a));
            }
            lists.add(new Stakeholders.Stakeholder(route, parsed));
            return this;
        }

        /**
         * @param kinds the contact kinds this notifier pages people by, each address a plain email
         *     address; default {@value #CONTACT_KIND}; none to page no one
         * @return this builder
         * @throws IllegalArgumentException if a kind is not {@code [a-z0-9][a-z0-9._-]{0,62}}
         */
        public Builder contactKinds(String... kinds) {
            Objects.requireNonNull(kinds, "kinds");
            for (String kind : kinds) {
                if (kind == null || !Recipient.isKind(kind)) {
                    throw new IllegalArgumentException("a contact kind must match [a-z0-9][a-z0-9._-]{0,62}: '" + kind + "'");
                }
            }
            this.contactKinds = Set.copyOf(new LinkedHashSet<>(Arrays.asList(kinds)));
            return this;
        }

        /**
         * @param clock the clock of each message's {@code Date} header; default UTC
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return the notifier */
        public EmailNotifier build() {
            if (user != null && security == Security.NONE && !plaintextCredentials && !isLoopback(host)) {
                throw new IllegalArgumentException("the SMTP password of " + user + " would cross the network to " + host
                        + " in clear text (Security.NONE): use STARTTLS_REQUIRED or SMTPS, or call "
                        + "allowPlaintextCredentials() for a relay you trust");
            }
            return new EmailNotifier(this);
        }

        /**
         * Lets {@link #credentials} go with {@link Security#NONE} to a host other than loopback: the
         * password then crosses the network in clear text. Without it, {@link #build()} refuses that.
         *
         * @return this builder
         */
        public Builder allowPlaintextCredentials() {
            this.plaintextCredentials = true;
            return this;
        }

        /** A loopback name or literal address: no password leaves the machine. No name is resolved. */
        private static boolean isLoopback(String host) {
            String h = host.toLowerCase(Locale.ROOT);
            return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
        }

        private static Duration positive(String what, Duration timeout) {
            Objects.requireNonNull(timeout, what);
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + timeout);
            }
            return timeout;
        }
    }
}
