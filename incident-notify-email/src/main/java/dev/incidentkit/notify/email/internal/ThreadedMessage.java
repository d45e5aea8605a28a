package dev.incidentkit.notify.email.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MIME message whose Message-ID is ours: {@link MimeMessage#saveChanges()} would otherwise
 * replace it with a random one on every attempt, and break both the thread and the dedup of a
 * retried message by the recipient's client.
 */
final class ThreadedMessage extends MimeMessage {

    private final String messageId;

    ThreadedMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
