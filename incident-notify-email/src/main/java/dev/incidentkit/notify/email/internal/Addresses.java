package dev.incidentkit.notify.email.internal;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Email addresses as the notifier takes them: one plain {@code local@domain} mailbox each, checked
 * strictly (RFC 822 syntax, a domain, no display name, no group, no route, nothing a header could
 * be broken with).
 */
public final class Addresses {

    /** A domain: dot-separated labels, or an address literal in brackets. */
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
                    + "|\\[[0-9A-Fa-f:.]+\\]");
    /** The longest address taken (RFC 5321's limit on a path). */
    static final int MAX_LENGTH = 254;

    private Addresses() {}

    /**
     * @param address an address such as {@code sre@example.com}
     * @return the address, or empty if it is not one plain mailbox
     */
    public static Optional<InternetAddress> parse(String address) {
        if (address.isEmpty() || address.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            // Blanks and control characters have no place in a bare mailbox; non-ASCII would need SMTPUTF8.
            if (c <= ' ' || c >= 0x7F) {
                return Optional.empty();
            }
        }
        InternetAddress parsed;
        try {
            parsed = new InternetAddress(address, true);
            parsed.validate();
        } catch (AddressException e) {
            return Optional.empty();
        }
        String mailbox = parsed.getAddress();
        int at = mailbox.lastIndexOf('@');
        if (parsed.getPersonal() != null || parsed.isGroup() || !mailbox.equals(address) || at <= 0
                || !DOMAIN.matcher(mailbox.substring(at + 1)).matches() || mailbox.startsWith("@")) {
            return Optional.empty();
        }
        return Optional.of(parsed);
    }

    /**
     * @param what the setting, for the message
     * @param address an address
     * @return it, parsed
     * @throws IllegalArgumentException naming {@code what} and the address, if it is not one plain mailbox
     */
    public static InternetAddress require(String what, String address) {
        if (address == null) {
            throw new IllegalArgumentException(what + " must be an email address, not null");
        }
        return parse(address).orElseThrow(() -> new IllegalArgumentException(what
                + " must be one plain email address such as sre@example.com (no name, no blanks): '"
                + MailText.line(address) + "'"));
    }
}
