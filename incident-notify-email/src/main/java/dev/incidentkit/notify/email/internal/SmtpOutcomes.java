package dev.incidentkit.notify.email.internal;

import dev.incidentkit.notify.spi.DeliveryResult;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.jspecify.annotations.Nullable;

/**
 * Maps what went wrong in an SMTP exchange to a {@link DeliveryResult}. A reply of the server
 * decides where there is one: 4xx is transient (retry later), 5xx permanent (failed). Without a
 * reply: a refused or timed-out connection, no answer in time, a dropped connection, a TLS
 * handshake that failed and any other I/O error are retried later; a server that does not offer
 * the STARTTLS this notifier requires fails, since sending in clear text is not an option. The
 * reason names the server ({@code host:port}) and what happened, quotes at most {@value
 * #MAX_REPLY} characters of the server's reply on one line, and never holds the password.
 */
public final class SmtpOutcomes {

    /** The most characters of a server reply quoted in a reason. */
    static final int MAX_REPLY = 200;

    private static final Pattern REPLY_CODE = Pattern.compile("(?:^|response: ?)([2-5])(\\d\\d)(?=[\\s-]|$)");

    private final String where;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final @Nullable String secret;

    /**
     * @param where the server as {@code host:port}
     * @param connectTimeout the connect timeout, for the reason
     * @param readTimeout the read timeout, for the reason
     * @param secret the password, masked wherever it might appear in a reason; null if none
     */
    public SmtpOutcomes(String where, Duration connectTimeout, Duration readTimeout, @Nullable String secret) {
        this.where = where;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.secret = secret == null || secret.isEmpty() ? null : secret;
    }

    /**
     * @param e what the SMTP exchange threw
     * @param user the SMTP user, for the reason of a refused login; null if none
     * @return the outcome it means
     */
    public DeliveryResult classify(MessagingException e, @Nullable String user) {
        if (e instanceof AuthenticationFailedException) {
            String reply = reply(e.getMessage());
            String reason = "SMTP server " + where + " refused the login" + (user == null ? "" : " of " + MailText.line(user))
                    + (reply.isEmpty() ? "" : ": " + reply);
            return code(e.getMessage()) / 100 == 4 ? retry(reason) : failed(reason + " (check the user and password)");
        }
        if (e instanceof MailConnectException) {
            return retry(connectFailure(e));
        }
        List<Integer> codes = new ArrayList<>();
        String firstReply = "";
        for (Exception x : chain(e)) {
            int c = returnCode(x);
            if (c > 0) {
                codes.add(c);
                if (firstReply.isEmpty()) {
                    firstReply = reply(x.getMessage());
                }
            }
        }
        if (codes.isEmpty()) {
            int c = code(e.getMessage());
            if (c > 0) {
                codes.add(c);
                firstReply = reply(e.getMessage());
            }
        }
        if (!codes.isEmpty()) {
            String reason = "SMTP server " + where + " answered " + replies(e, firstReply);
            return codes.stream().anyMatch(c -> c / 100 == 4) || codes.stream().noneMatch(c -> c / 100 == 5)
                    ? retry(reason) : failed(reason);
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("STARTTLS is required")) {
            return failed("SMTP server " + where + " does not offer STARTTLS, which this notifier requires: it sends"
                    + " nothing in clear text (use Security.NONE only for a server on loopback)");
        }
        return retry(ioFailure(e));
    }

    /**
     * @param e what the exchange threw besides a {@link MessagingException}
     * @return a transient failure
     */
    public DeliveryResult unexpected(RuntimeException e) {
        return retry("sending through " + where + " failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + reply(e.getMessage())));
    }

    private String connectFailure(MessagingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return "could not connect to " + where + " within " + connectTimeout;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return "could not connect to " + where + " (" + t.getClass().getSimpleName()
                        + (t.getMessage() == null ? "" : ": " + reply(t.getMessage())) + ")";
            }
        }
        return "could not connect to " + where + describe(e.getCause());
    }

    private String ioFailure(MessagingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return "no answer from " + where + " within " + readTimeout;
            }
            if (t instanceof SSLException) {
                return "TLS with " + where + " failed: " + reply(String.valueOf(t.getMessage()));
            }
            if (t instanceof EOFException || t instanceof SocketException) {
                return where + " dropped the connection (" + t.getClass().getSimpleName()
                        + (t.getMessage() == null ? "" : ": " + reply(t.getMessage())) + ")";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return "I/O error talking to " + where + ": " + t.getClass().getSimpleName()
                        + (t.getMessage() == null ? "" : ": " + reply(t.getMessage()));
            }
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("[EOF]")) {
            return where + " dropped the connection";
        }
        return "SMTP exchange with " + where + " failed: " + reply(message);
    }

    private String describe(@Nullable Throwable t) {
        return t == null ? "" : " (" + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + reply(t.getMessage())) + ")";
    }

    private String replies(MessagingException e, String first) {
        List<String> all = new ArrayList<>();
        for (Exception x : chain(e)) {
            if (returnCode(x) > 0) {
                String r = reply(x.getMessage());
                if (!r.isEmpty() && !all.contains(r)) {
                    all.add(r);
                }
            }
        }
        if (all.isEmpty()) {
            return first;
        }
        return MailText.truncate(String.join("; ", all), 2 * MAX_REPLY);
    }

    /** The exception and its next exceptions and causes, each once. */
    private static List<Exception> chain(MessagingException e) {
        List<Exception> out = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>(List.of(e));
        while (!todo.isEmpty() && out.size() < 50) {
            Throwable t = todo.remove(0);
            if (t == null || !seen.add(t) || !(t instanceof Exception x)) {
                continue;
            }
            out.add(x);
            if (t instanceof MessagingException m) {
                todo.add(m.getNextException());
            }
            todo.add(t.getCause());
        }
        return out;
    }

    private static int returnCode(Exception x) {
        if (x instanceof SMTPAddressFailedException a) {
            return a.getReturnCode();
        }
        if (x instanceof SMTPSenderFailedException s) {
            return s.getReturnCode();
        }
        if (x instanceof SMTPSendFailedException s) {
            return s.getReturnCode();
        }
        return -1;
    }

    /** @return the SMTP reply code a message starts with or quotes ({@code response: 421 ...}), else -1 */
    static int code(@Nullable String message) {
        if (message == null) {
            return -1;
        }
        Matcher m = REPLY_CODE.matcher(message.strip());
        return m.find() ? Integer.parseInt(m.group(1) + m.group(2)) : -1;
    }

    /** @return a server's text on one line, cut to {@value #MAX_REPLY} characters, the password masked */
    String reply(@Nullable String text) {
        if (text == null) {
            return "";
        }
        return MailText.truncate(mask(MailText.line(text)), MAX_REPLY);
    }

    private String mask(String text) {
        return secret == null ? text : text.replace(secret, "****");
    }

    private DeliveryResult retry(String reason) {
        return DeliveryResult.retryLater(mask(reason));
    }

    private DeliveryResult failed(String reason) {
        return DeliveryResult.failed(mask(reason));
    }
}
