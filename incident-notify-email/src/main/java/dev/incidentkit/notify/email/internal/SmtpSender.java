package dev.incidentkit.notify.email.internal;

import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one message and sends it in one SMTP session: connect (TLS as configured), log in if a
 * user is set, one transaction to all recipients, quit. Every attempt opens a new connection, so
 * nothing is held between notifications. The password is handed to the transport at connect and
 * lives nowhere else (not in the session's properties, not in a reason, not in a log). Thread-safe.
 */
public final class SmtpSender {

    /** How the connection to the server is protected. */
    public enum Tls {
        /** No TLS at all. */
        NONE,
        /** Plain connection upgraded with STARTTLS, which the server must offer. */
        STARTTLS_REQUIRED,
        /** TLS from the first byte (SMTPS). */
        IMPLICIT
    }

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSender.class);
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final Session session;
    private final String host;
    private final int port;
    private final @Nullable String user;
    private final @Nullable String password;
    private final InternetAddress from;
    private final String messageIdHost;
    private final Clock clock;
    private final SmtpOutcomes outcomes;

    /**
     * @param host the server's host
     * @param port the server's port
     * @param tls how the connection is protected
     * @param sslContext the TLS context (trust, client keys), or null for the JVM's default
     * @param user the SMTP AUTH user, or null to send without logging in
     * @param password the SMTP AUTH password, or null
     * @param connectTimeout the connect timeout
     * @param readTimeout the timeout of each read
     * @param writeTimeout the timeout of each write
     * @param from the sender, {@code From} and envelope
     * @param messageIdHost the right-hand side of Message-IDs, and the name this client greets with
     * @param clock the clock of the {@code Date} header
     */
    public SmtpSender(String host, int port, Tls tls, @Nullable SSLContext sslContext, @Nullable String user,
            @Nullable String password, Duration connectTimeout, Duration readTimeout, Duration writeTimeout,
            InternetAddress from, String messageIdHost, Clock clock) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.from = from;
        this.messageIdHost = messageIdHost;
        this.clock = clock;
        this.outcomes = new SmtpOutcomes(host + ":" + port, connectTimeout, readTimeout, password);

        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", host);
        p.setProperty("mail.smtp.port", Integer.toString(port));
        p.setProperty("mail.smtp.connectiontimeout", Long.toString(Math.max(1, connectTimeout.toMillis())));
        p.setProperty("mail.smtp.timeout", Long.toString(Math.max(1, readTimeout.toMillis())));
        p.setProperty("mail.smtp.writetimeout", Long.toString(Math.max(1, writeTimeout.toMillis())));
        p.setProperty("mail.smtp.from", from.getAddress());
        p.setProperty("mail.smtp.localhost", messageIdHost);
        // All or nothing: a refused recipient aborts the transaction, so that a retry never mails the others twice.
        p.setProperty("mail.smtp.sendpartial", "false");
        p.setProperty("mail.smtp.auth", Boolean.toString(user != null));
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        p.setProperty("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
        switch (tls) {
            case NONE -> p.setProperty("mail.smtp.starttls.enable", "false");
            case STARTTLS_REQUIRED -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
            }
            case IMPLICIT -> p.setProperty("mail.smtp.ssl.enable", "true");
        }
        if (sslContext != null) {
            p.put("mail.smtp.ssl.socketFactory", sslContext.getSocketFactory());
        }
        this.session = Session.getInstance(p);
    }

    /** @return the server as {@code host:port} */
    public String where() {
        return host + ":" + port;
    }

    /**
     * @param n the notification
     * @param to its recipients, at least one
     * @param links the incident's web links
     * @return delivered when the server took the message for every recipient; otherwise what
     *     {@link SmtpOutcomes} makes of the failure. Never throws
     */
    public DeliveryResult send(Notification n, List<InternetAddress> to, List<URI> links) {
        DeliveryResult result;
        try {
            MimeMessage message = message(n, to, links);
            transfer(message, to.toArray(new InternetAddress[0]));
            result = DeliveryResult.delivered();
        } catch (MessagingException e) {
            result = outcomes.classify(e, user);
        } catch (RuntimeException e) {
            result = outcomes.unexpected(e);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} of {} to {} recipient(s) through {}: {}", n.type(), n.incidentId(), to.size(), where(), result);
        }
        return result;
    }

    private void transfer(MimeMessage message, InternetAddress[] to) throws MessagingException {
        Transport transport = session.getTransport("smtp");
        try {
            transport.connect(host, port, user, password);
            transport.sendMessage(message, to);
        } finally {
            try {
                transport.close();
            } catch (MessagingException e) {
                // The server has the message once sendMessage returned; a QUIT that fails changes nothing.
                LOG.debug("closing the SMTP connection to {} failed: {}", where(), e.toString());
            }
        }
    }

    /**
     * @param n the notification
     * @param to its recipients
     * @param links the incident's web links
     * @return the message: multipart/alternative, text then HTML, UTF-8, with the thread's headers
     * @throws MessagingException if Jakarta Mail cannot write it
     */
    public MimeMessage message(Notification n, List<InternetAddress> to, List<URI> links) throws MessagingException {
        MailContent content = MailContent.of(n, links);
        ThreadedMessage message = new ThreadedMessage(session, MessageIds.of(n, messageIdHost));
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, to.toArray(new InternetAddress[0]));
        message.setSubject(content.subject(), UTF_8);
        message.setSentDate(Date.from(clock.instant()));
        if (!MessageIds.isRoot(n)) {
            String root = MessageIds.root(n.incidentId(), messageIdHost);
            message.setHeader("In-Reply-To", root);
            message.setHeader("References", root);
        }
        // RFC 3834: no vacation or out-of-office replies to a machine's message.
        message.setHeader("Auto-Submitted", "auto-generated");

        MimeBodyPart text = new MimeBodyPart();
        text.setText(content.text(), UTF_8, "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(content.html(), UTF_8, "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }
}
