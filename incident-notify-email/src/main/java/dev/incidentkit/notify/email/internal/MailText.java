package dev.incidentkit.notify.email.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the email notifier does to user text (title, note, actor, service, event details) before it
 * goes into a message: make it well-formed, take out what can hide or reorder text on screen, keep
 * line breaks out of every header, escape it for HTML, and break the bare URLs a mail client would
 * turn into links by itself.
 */
public final class MailText {

    /** WORD JOINER: invisible, and breaks {@code ://} and {@code www.} so that no client links them. */
    public static final char JOINER = '\u2060';

    private static final Pattern AUTO_LINK = Pattern.compile("(?i)(?<=:)(?=//)|(?<=www)(?=\\.)");

    private MailText() {}

    /**
     * @param cp a code point
     * @return whether it is a bidirectional embedding, override or isolate control, which can make
     *     text display in another order than it reads
     */
    static boolean isInvisibleControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    /**
     * Makes text well-formed: an unpaired surrogate becomes U+FFFD; {@code \r\n}, {@code \r},
     * U+0085, U+2028 and U+2029 become {@code \n}; other control characters but tab are dropped,
     * and so are the bidirectional controls.
     *
     * @param text user text
     * @return the cleaned text, lines separated by {@code \n} only
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
            } else if (c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                out.append('\n');
            } else if (c == '\t') {
                out.append(c);
            } else if (!Character.isISOControl(c) && !isInvisibleControl(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * What may go into a header (the subject, above all): {@link #clean cleaned} text on one line,
     * runs of blanks as one space. No CR, LF or other control character is left, so nothing can
     * start a header of its own.
     *
     * @param text user text
     * @return the text on one line
     */
    public static String line(String text) {
        return clean(text).replaceAll("[\\n\\t ]+", " ").strip();
    }

    /**
     * @param text cleaned user text
     * @return the text with a {@link #JOINER} in {@code ://} and {@code www.}, looking the same
     */
    public static String defang(String text) {
        return AUTO_LINK.matcher(text).replaceAll(Matcher.quoteReplacement(String.valueOf(JOINER)));
    }

    /**
     * @param text text
     * @return the text with {@code & < > " '} as HTML character references, safe in element
     *     content and in quoted attribute values
     */
    public static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * @param text user text
     * @return cleaned, defanged, HTML-escaped, each line break a {@code <br>}
     */
    public static String htmlBlock(String text) {
        return html(defang(clean(text))).replace("\n", "<br>\n");
    }

    /**
     * @param text user text
     * @return cleaned and defanged, one line, HTML-escaped
     */
    public static String htmlLine(String text) {
        return html(defang(line(text)));
    }

    /**
     * @param text any text
     * @param max the most characters (UTF-16 units) wanted, at least 2
     * @return the text, or its start and {@code …} within {@code max}, never splitting a surrogate pair
     */
    public static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max - 1;
        if (Character.isLowSurrogate(text.charAt(cut)) && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "…";
    }

    /**
     * @param type a CloudEvents type such as {@code incident.note_added}
     * @return what happened, such as {@code note added}
     */
    public static String action(String type) {
        String t = type.startsWith("incident.") ? type.substring("incident.".length()) : type;
        return t.replace('_', ' ');
    }
}
