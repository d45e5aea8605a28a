package dev.incidentkit.notify.webhook.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps every notifier applies to user text, whatever its format: make it well-formed, take
 * out what can hide or reorder text on screen, and defang what a chat client would act on by
 * itself (a bare URL it would link, an {@code @here} it would ring).
 */
public final class UserText {

    /** WORD JOINER: invisible, and breaks the words a client would act on without breaking the line. */
    public static final char JOINER = '\u2060';

    private static final Pattern AUTO_LINK = Pattern.compile("(?i)(?<=:)(?=//)|(?<=\\bwww)(?=\\.)");
    private static final Pattern BROADCAST = Pattern.compile("(?i)(?<=@)(?=(?:here|channel|everyone|all))");

    private UserText() {}

    /**
     * @param cp a code point
     * @return whether it is a bidirectional embedding, override or isolate control, which can make
     *     text display in another order than it reads
     */
    public static boolean isInvisibleControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    /**
     * Makes text well-formed: an unpaired surrogate becomes U+FFFD, control characters other than
     * newline and tab are dropped ({@code \r\n} and {@code \r} become {@code \n}), and so are the
     * bidirectional controls of {@link #isInvisibleControl}.
     *
     * @param text user text
     * @return the cleaned text
     */
    public static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(i + 1));
                i++;
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else if (c == '\r') {
                out.append('\n');
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n' || c == '\t') {
                out.append(c);
            } else if (!Character.isISOControl(c) && !isInvisibleControl(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * @param text user text
     * @return {@link #clean cleaned}, with newlines and tabs as spaces
     */
    public static String cleanLine(String text) {
        return clean(text).replace('\n', ' ').replace('\t', ' ');
    }

    /**
     * Puts a {@link #JOINER} into {@code ://} and {@code www.}, so that no client turns a bare URL
     * into a link, and after the {@code @} of {@code @here}, {@code @channel}, {@code @everyone}
     * and {@code @all}, so that none rings a channel.
     *
     * @param text cleaned user text
     * @return the text, looking the same
     */
    public static String defang(String text) {
        String out = AUTO_LINK.matcher(text).replaceAll(Matcher.quoteReplacement(String.valueOf(JOINER)));
        return BROADCAST.matcher(out).replaceAll(Matcher.quoteReplacement(String.valueOf(JOINER)));
    }

    /**
     * @param text any text
     * @param max the most characters (UTF-16 units) wanted, at least 2
     * @return the text, or its start and {@code …} within {@code max}, never splitting a surrogate
     *     pair or an HTML entity such as {@code &amp;}
     */
    public static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max - 1;
        if (Character.isLowSurrogate(text.charAt(cut)) && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        int amp = text.lastIndexOf('&', cut - 1);
        if (amp >= 0 && amp >= cut - 5 && text.indexOf(';', amp) >= cut) {
            cut = amp;
        }
        return text.substring(0, cut) + "…";
    }

    /**
     * @param value a severity as printed ({@code SEV-2}, or leniently {@code SEV2}, {@code sev2},
     *     {@code 2}, {@code P2})
     * @return its level 1 to 4, or 0 if it is none of these
     */
    public static int severityLevel(String value) {
        String v = value.strip().toUpperCase(Locale.ROOT);
        if (v.startsWith("SEV")) {
            v = v.substring(3);
            if (v.startsWith("-")) {
                v = v.substring(1);
            }
        } else if (v.startsWith("P")) {
            v = v.substring(1);
        }
        return v.length() == 1 && v.charAt(0) >= '1' && v.charAt(0) <= '4' ? v.charAt(0) - '0' : 0;
    }
}
