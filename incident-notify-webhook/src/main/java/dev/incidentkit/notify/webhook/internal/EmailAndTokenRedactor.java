package dev.incidentkit.notify.webhook.internal;

import dev.incidentkit.notify.webhook.Redactor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link Redactor#emailsAndTokens()}: see its Javadoc for what it masks. */
public enum EmailAndTokenRedactor implements Redactor {
    /** The one instance. */
    INSTANCE;

    static final String EMAIL_MASK = "[redacted-email]";
    static final String TOKEN_MASK = "[redacted-token]";
    static final String VALUE_MASK = "[redacted]";

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}");

    // A value after a keyword that names a secret: "password=hunter2", "api-key: abc", "Bearer abc".
    private static final Pattern ASSIGNED_SECRET = Pattern.compile(
            "(?i)(\\b(?:password|passwd|pwd|secret|client[_-]?secret|token|access[_-]?token|api[_-]?key|apikey"
                    + "|access[_-]?key|private[_-]?key|auth)\\s*[:=]\\s*|\\b(?:bearer|basic)\\s+)"
                    + "(?!\\[redacted)([^\\s,;]+)");

    private static final Pattern KNOWN_TOKEN = Pattern.compile(
            "\\bxox[abposre]-[A-Za-z0-9-]{10,}"
                    + "|\\bgh[pousr]_[A-Za-z0-9]{20,}"
                    + "|\\bgithub_pat_[A-Za-z0-9_]{20,}"
                    + "|\\bglpat-[A-Za-z0-9_-]{20,}"
                    + "|\\b[sr]k_(?:live|test)_[A-Za-z0-9]{10,}"
                    + "|\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"
                    + "|\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");

    private static final String TOKEN_CHARS = "A-Za-z0-9+/_=-";
    private static final Pattern TOKEN_LIKE = Pattern.compile(
            "(?<![" + TOKEN_CHARS + "])[" + TOKEN_CHARS + "]{24,}(?![" + TOKEN_CHARS + "])");
    private static final Pattern HEX = Pattern.compile("(?<![0-9A-Za-z])[0-9a-fA-F]{32,}(?![0-9A-Za-z])");

    @Override
    public String redact(String text) {
        String out = EMAIL.matcher(text).replaceAll(Matcher.quoteReplacement(EMAIL_MASK));
        out = ASSIGNED_SECRET.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + VALUE_MASK));
        out = KNOWN_TOKEN.matcher(out).replaceAll(Matcher.quoteReplacement(TOKEN_MASK));
        out = HEX.matcher(out).replaceAll(Matcher.quoteReplacement(TOKEN_MASK));
        return TOKEN_LIKE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
                looksRandom(m.group()) ? TOKEN_MASK : m.group()));
    }

    private static boolean looksRandom(String run) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        return upper && lower && digit;
    }

    @Override
    public String toString() {
        return "Redactor.emailsAndTokens()";
    }
}
