package dev.incidentkit.notify.webhook.internal;

/**
 * Escaping for Slack. Slack reads {@code &}, {@code <} and {@code >} as its control characters
 * ({@code <!here>}, {@code <@U123>}, {@code <https://x|y>}) and decodes {@code &amp;}, {@code &lt;}
 * and {@code &gt;} for display; it has no escape at all for its mrkdwn formatting characters.
 */
public final class SlackText {

    /** What replaces a mrkdwn formatting character where it could format: a look-alike that does not. */
    static final char ASTERISK = '\u2217';
    static final char UNDERSCORE = '\u02CD';
    static final char TILDE = '\u223C';
    static final char BACKTICK = '\u02CB';
    static final char QUOTE = '\uFF1E';

    private SlackText() {}

    /**
     * For a {@code plain_text} object, where Slack formats nothing: {@link UserText#clean},
     * {@link UserText#defang}, then {@code & < >} as entities.
     *
     * @param text user text
     * @return the text for a {@code plain_text} object
     */
    public static String plain(String text) {
        return entities(UserText.defang(UserText.clean(text)));
    }

    /**
     * For a {@code mrkdwn} object (and the message's top-level {@code text}): as {@link #plain}, and
     * each {@code * _ ~} that is not inside a word (where it could open or close bold, italic or
     * strike), each backtick, and a {@code >} that starts a line (a quote) becomes a look-alike
     * that Slack does not read as formatting.
     *
     * @param text user text
     * @return the text for a {@code mrkdwn} object
     */
    public static String mrkdwn(String text) {
        return entities(unformat(UserText.defang(UserText.clean(text))));
    }

    static String entities(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    static String unformat(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '*': out.append(insideWord(text, i) ? c : ASTERISK); break;
                case '_': out.append(insideWord(text, i) ? c : UNDERSCORE); break;
                case '~': out.append(insideWord(text, i) ? c : TILDE); break;
                case '`': out.append(BACKTICK); break;
                case '>': out.append(lineStart ? QUOTE : c); break;
                default: out.append(c);
            }
            if (c == '\n') {
                lineStart = true;
            } else if (c != ' ' && c != '\t') {
                lineStart = false;
            }
        }
        return out.toString();
    }

    private static boolean insideWord(String text, int i) {
        return i > 0 && i + 1 < text.length()
                && Character.isLetterOrDigit(text.charAt(i - 1)) && Character.isLetterOrDigit(text.charAt(i + 1));
    }
}
