package dev.incidentkit.notify.email.internal;

import dev.incidentkit.notify.spi.Notification;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The Message-IDs that keep every message of one incident in one thread. The root, {@code
 * <INC-2026-001@host>}, is the Message-ID of the message of {@code incident.declared}; every other
 * message has an id of its own made from the incident and the CloudEvent id, {@code
 * <INC-2026-001.0199...@host>} (a page adds {@code .page}), so that a retry of the same event
 * carries the same id, and points at the root with {@code In-Reply-To} and {@code References}.
 */
public final class MessageIds {

    /** A host name for the right-hand side: labels of letters, digits and hyphens. */
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private MessageIds() {}

    /**
     * @param host a host name
     * @return whether it can be the right-hand side of a Message-ID
     */
    public static boolean isHost(String host) {
        return host.length() <= 253 && HOST.matcher(host).matches();
    }

    /**
     * @param incidentId an incident id
     * @param host the right-hand side
     * @return the thread's root, {@code <INC-2026-001@host>}
     */
    public static String root(String incidentId, String host) {
        return "<" + atom(incidentId) + "@" + host + ">";
    }

    /**
     * @param n a notification
     * @param host the right-hand side
     * @return its message's Message-ID: the root for {@code incident.declared} (unless a page),
     *     else one made from the CloudEvent id; the same for every attempt
     */
    public static String of(Notification n, String host) {
        if (isRoot(n)) {
            return root(n.incidentId(), host);
        }
        return "<" + atom(n.incidentId()) + "." + atom(n.id()) + (n.recipient().isPresent() ? ".page" : "") + "@"
                + host + ">";
    }

    /**
     * @param n a notification
     * @return whether its message starts the incident's thread
     */
    public static boolean isRoot(Notification n) {
        return "incident.declared".equals(n.type()) && n.recipient().isEmpty();
    }

    /**
     * Letters, digits, {@code -} and {@code _} stay; every other byte of the UTF-8 form becomes
     * {@code =XX}, so that two different ids never give one atom and nothing can leave the
     * angle brackets.
     */
    static String atom(String text) {
        if (text.isEmpty()) {
            return "_";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                out.append((char) c);
            } else {
                out.append('=').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
