package dev.incidentkit.core.export;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What CommonMark calls whitespace, punctuation and flanking, and the few patterns both Markdown
 * writers ({@link MarkdownInline} for plain text, {@link MarkdownProse} for prose) check.
 */
final class MarkdownSyntax {

    /** An e-mail autolink, such as {@code <oncall@example.com>}: its local part may start with most punctuation. */
    static final Pattern EMAIL_AUTOLINK = Pattern.compile("<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9]"
            + "(?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>");
    /** The schemes of bare URLs that stay linkable: GitHub's autolinker links these, and they run no script. */
    private static final Set<String> LINKED_SCHEMES = Set.of("http", "https", "ftp");
    /**
     * The start of a web URL in a word, then URL characters only, none of which Markdown reads as
     * syntax (a {@code ~}, {@code *}, {@code [} or unbalanced {@code )} could end the link an autolinker sees): an {@code @}
     * after it is in its path.
     */
    private static final Pattern WEB_URL = Pattern.compile(
            "(?:(?<![A-Za-z0-9+.-])[Hh][Tt][Tt][Pp][Ss]?://|^[Ww][Ww][Ww]\\.)[A-Za-z0-9.:/?#$+,;=%@-]*$");
    /** Written after the {@code @} of a would-be mention: it reads the same and notifies nobody. */
    static final String WORD_JOINER = "\u2060";

    private MarkdownSyntax() {}

    /** CommonMark's left-flanking rule; with the arguments swapped, its right-flanking rule. */
    static boolean leftFlanking(int before, int after) {
        return !isWhitespace(after) && (!isPunctuation(after) || isWhitespace(before) || isPunctuation(before));
    }

    /** Whether the ':' at {@code colon} ends a scheme other than http(s) or ftp and is followed by "//". */
    static boolean isForeignScheme(CharSequence s, int colon) {
        if (colon + 2 >= s.length() || s.charAt(colon + 1) != '/' || s.charAt(colon + 2) != '/') {
            return false;
        }
        int start = colon;
        while (start > 0 && isSchemeChar(s.charAt(start - 1))) {
            start--;
        }
        return start < colon && !LINKED_SCHEMES.contains(s.subSequence(start, colon).toString().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the {@code @} at {@code at} starts a mention on GitHub or GitLab: after a character
     * other than a letter or digit, before a letter or digit, and not in the path of a web URL ({@code
     * https://host/@name}, {@code www.host/@name}), which is a link rather than a mention.
     */
    static boolean isMention(CharSequence s, int at) {
        char next = at + 1 < s.length() ? s.charAt(at + 1) : ' ';
        boolean nameFollows = isAsciiLetter(next) || next >= '0' && next <= '9';
        // "_" counts as no word character: it may be emphasis, and the "@" then starts a text of its own.
        char before = at == 0 ? ' ' : s.charAt(at - 1);
        boolean afterWord = isAsciiLetter(before) || before >= '0' && before <= '9';
        return nameFollows && !afterWord && !inWebUrlPath(s, at);
    }

    /**
     * Whether the {@code @} at {@code at} follows a {@code /} in a word that is an http(s) URL or
     * starts with {@code www.}, made of plain URL characters only up to it. The scheme must be the whole
     * run of scheme characters before its {@code :}, as {@link #isForeignScheme} reads it: {@code
     * xhttp://a/@b} is defanged, no link.
     */
    private static boolean inWebUrlPath(CharSequence s, int at) {
        if (at == 0 || s.charAt(at - 1) != '/') {
            return false;
        }
        int start = at;
        while (start > 0 && !Character.isWhitespace(s.charAt(start - 1))) {
            start--;
        }
        Matcher url = WEB_URL.matcher(s.subSequence(start, at));
        if (!url.find()) {
            return false;
        }
        for (int i = start + url.start(); i < at; i++) {
            if (s.charAt(i) == ':' && isForeignScheme(s, i)) {
                // Defanged, "scheme[:]//" ends the link.
                return false;
            }
        }
        return true;
    }

    /** @return how many {@code c} follow one another from {@code start} */
    static int run(CharSequence s, int start, char c) {
        int end = start;
        while (end < s.length() && s.charAt(end) == c) {
            end++;
        }
        return end - start;
    }

    static String strip(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && isBlank(line.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(start, end);
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    static boolean isWhitespace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\f' || cp == '\r'
                || Character.getType(cp) == Character.SPACE_SEPARATOR;
    }

    /** CommonMark's Unicode punctuation: ASCII punctuation and the P and S general categories. */
    static boolean isPunctuation(int cp) {
        if (cp < 128) {
            return isAsciiPunctuation((char) cp);
        }
        switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION: case Character.DASH_PUNCTUATION: case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION: case Character.INITIAL_QUOTE_PUNCTUATION: case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION: case Character.MATH_SYMBOL: case Character.CURRENCY_SYMBOL:
            case Character.MODIFIER_SYMBOL: case Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    static boolean isAsciiPunctuation(char c) {
        return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~';
    }

    static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }


    private static boolean isSchemeChar(char c) {
        return isAsciiLetter(c) || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.';
    }
}
