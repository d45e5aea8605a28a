package dev.incidentkit.notify.webhook;

import dev.incidentkit.notify.webhook.internal.EmailAndTokenRedactor;
import dev.incidentkit.notify.webhook.internal.NoRedaction;
import java.util.Objects;

/**
 * Masks secrets in user text before it leaves the process (DESIGN §11): every built-in notifier runs
 * the title, the note and the actor of a notification through its redactor before it escapes them
 * for its format. What a redactor returns is still treated as untrusted user text, and escaped.
 *
 * <p>Implementations must be thread-safe and fast (they run once per text field per delivery), must
 * never return {@code null}, and should be idempotent.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Redactor {

    /**
     * @param text user text, never {@code null}
     * @return the text with whatever must not leave the process masked, never {@code null}
     */
    String redact(String text);

    /**
     * @param next the redactor to run on this one's output
     * @return a redactor that runs this one, then {@code next}
     * @throws NullPointerException if {@code next} is {@code null}
     * @since 0.1.0
     */
    default Redactor andThen(Redactor next) {
        Objects.requireNonNull(next, "next");
        return text -> next.redact(redact(text));
    }

    /**
     * @return the redactor that changes nothing: every notifier's default
     * @since 0.1.0
     */
    static Redactor none() {
        return NoRedaction.INSTANCE;
    }

    /**
     * A ready-made redactor for the secrets that most often end up in incident notes:
     *
     * <ul>
     *   <li>e-mail addresses become {@code [redacted-email]};
     *   <li>well-known token shapes become {@code [redacted-token]}: Slack ({@code xoxb-...}), GitHub
     *       ({@code ghp_...}, {@code github_pat_...}), GitLab ({@code glpat-...}), Stripe ({@code
     *       sk_live_...}), AWS access key ids ({@code AKIA...}), JSON Web Tokens ({@code eyJ...});
     *   <li>long token-like strings become {@code [redacted-token]}: 32 or more hex digits, or 24 or
     *       more characters of {@code [A-Za-z0-9+/_=-]} with upper and lower case letters and digits
     *       mixed (random keys, base64);
     *   <li>the value after {@code password=}, {@code token:}, {@code api_key=}, {@code secret=} and
     *       the like, and after {@code Bearer} or {@code Basic}, becomes {@code [redacted]}.
     * </ul>
     *
     * <p>It is a heuristic: it masks some harmless text (a long mixed-case identifier with digits) and
     * misses secrets of other shapes (a short lower-case password in prose). Chain a redactor of your
     * own with {@link #andThen} for what you know of your secrets.
     *
     * @return the redactor, stateless and thread-safe
     * @since 0.1.0
     */
    static Redactor emailsAndTokens() {
        return EmailAndTokenRedactor.INSTANCE;
    }
}
