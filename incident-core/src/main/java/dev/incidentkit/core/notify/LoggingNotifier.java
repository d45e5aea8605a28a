package dev.incidentkit.core.notify;

import dev.incidentkit.core.internal.NotifierNames;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Notifier;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each notification as one line to an SLF4J logger at INFO, for development, audit trails
 * in log pipelines, and as the simplest example of a notifier:
 *
 * <pre>
 * INC-2025-001 incident.mitigated SEV-2 mitigated service=checkout title="Checkout latency" actor="bob" note="Rolled back" id=0199...
 * </pre>
 *
 * <p>User text is quoted, and quotes, backslashes and control characters in it are escaped
 * ({@code \n}, {@code \t}, {@code \u202e}...), so that a hostile title cannot forge log lines or
 * reorder what a terminal shows. Always delivers.
 *
 * @since 0.1.0
 */
public final class LoggingNotifier implements Notifier {

    private final String name;
    private final Logger logger;

    /** A logging notifier named {@code log}, writing to the logger {@code dev.incidentkit.core.notify.LoggingNotifier}. */
    public LoggingNotifier() {
        this("log");
    }

    /**
     * @param name the notifier's name, such as {@code audit-log}
     * @throws IllegalArgumentException if the name does not match {@code [a-z0-9][a-z0-9._-]{0,62}}
     */
    public LoggingNotifier(String name) {
        this(name, LoggerFactory.getLogger(LoggingNotifier.class));
    }

    /**
     * @param name the notifier's name
     * @param logger where the lines go
     * @throws IllegalArgumentException if the name does not match {@code [a-z0-9][a-z0-9._-]{0,62}}
     */
    public LoggingNotifier(String name, Logger logger) {
        this.name = NotifierNames.check(name);
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    @Override
    public String name() {
        return name;
    }

    /** Logs {@link #format(Notification)} at INFO. */
    @Override
    public DeliveryResult deliver(Notification notification) {
        if (logger.isInfoEnabled()) {
            logger.info(format(notification));
        }
        return DeliveryResult.delivered();
    }

    /**
     * @param n a notification
     * @return the one line this notifier logs for it: incident id, type, severity, status,
     *     service, then title, actor and note quoted and escaped, then the CloudEvent id
     */
    public static String format(Notification n) {
        StringBuilder b = new StringBuilder(160);
        plain(b, n.incidentId()).append(' ');
        plain(b, n.type()).append(' ');
        plain(b, n.severity()).append(' ');
        plain(b, n.status()).append(" service=");
        plain(b, n.service()).append(" title=");
        quoted(b, n.title()).append(" actor=");
        quoted(b, n.actor());
        if (n.note().isPresent() && !n.note().get().isEmpty()) {
            quoted(b.append(" note="), n.note().get());
        }
        return plain(b.append(" id="), n.id()).toString();
    }

    private static StringBuilder plain(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '"' || c == '\\' || isUnsafe(c)) {
                escape(b, c);
            } else {
                b.append(c);
            }
        }
        return b;
    }

    private static StringBuilder quoted(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || isUnsafe(c)) {
                escape(b, c);
            } else {
                b.append(c);
            }
        }
        return b.append('"');
    }

    private static void escape(StringBuilder b, char c) {
        switch (c) {
            case '\n':
                b.append("\\n");
                break;
            case '\r':
                b.append("\\r");
                break;
            case '\t':
                b.append("\\t");
                break;
            case '"':
                b.append("\\\"");
                break;
            case '\\':
                b.append("\\\\");
                break;
            case ' ':
                b.append("\\u0020");
                break;
            default:
                b.append("\\u");
                String hex = Integer.toHexString(c);
                for (int i = hex.length(); i < 4; i++) {
                    b.append('0');
                }
                b.append(hex);
        }
    }

    /** Control characters, line and paragraph separators, and the bidirectional controls that reorder a line. */
    private static boolean isUnsafe(char c) {
        return Character.isISOControl(c)
                || c == '\u2028' || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }
}
