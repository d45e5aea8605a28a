package dev.incidentkit.core.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Escapes user text (titles, notes, names) for the format it is written into, so that no text can
 * inject markup, links, HTML or terminal control sequences. Every method takes any string, never
 * fails, and is pure.
 *
 * <p><b>Characters made visible, in every format.</b> Control characters other than newline and
 * tab (C0, DEL, C1: among them ESC, which starts ANSI escape sequences, and carriage return), the
 * Unicode line and paragraph separators and the bidirectional embedding, override and isolate
 * controls (which can make text read differently from what it is) are written as {@code \}{@code
 * u001b}, so that they are seen and do nothing. A lone surrogate becomes U+FFFD. In single-line
 * forms a newline is written as {@code \}{@code n}.
 *
 * <p><b>Markdown</b> (CommonMark and GitHub Flavored Markdown). The text cannot open or close any
 * block or inline construct:
 *
 * <ul>
 *   <li>{@code \ ` * _ [ ] | ~ $ #} are escaped with a backslash wherever they stand: no emphasis,
 *       code span or fence, link, image, footnote, table cell, strikethrough, math or heading.
 *   <li>{@code < > &} become {@code &lt; &gt; &amp;}: no HTML tag or block, no angle-bracket
 *       autolink (the only autolink that takes any scheme, {@code javascript:} included), no
 *       entity, no block quote.
 *   <li>Leading and trailing blanks of each line are dropped (no indented code block, no hard
 *       break by trailing spaces), and a line cannot start a list, heading or setext underline:
 *       a leading {@code - + =} and the {@code .} or {@code )} after leading digits are escaped.
 *   <li>{@code (} right after {@code ]} is escaped as well, although {@code \]} already prevents
 *       the link, so that {@code ](} never appears in the output.
 * </ul>
 *
 * <p>Bare {@code http://}, {@code https://}, {@code ftp://}, {@code www.} and e-mail addresses in
 * the text stay as they are; GitHub's extension renders them as links whose text is their target,
 * which cannot run script or hide where they lead. Any other {@code scheme://} is defanged as
 * {@code scheme[:]//}, as security reports write it, because some autolinkers link every scheme
 * ({@code javascript://%0aalert(1)} runs script). {@code @name} stays as it is.
 *
 * <p><b>HTML</b>: {@code & < > " '} become entities, so the text is safe in element content and in
 * quoted attribute values.
 *
 * <p><b>Plain text</b>: only the visibility rules above.
 *
 * @since 0.1.0
 */
public final class Escaping {

    private static final String MARKDOWN_ALWAYS = "\\`*_[]|~$#";
    /** The characters {@link #markdownLine} looks at: those always escaped, and {@code < > & : (}. */
    private static final boolean[] MARKDOWN_SPECIAL = new boolean[128];

    static {
        for (char c : (MARKDOWN_ALWAYS + "<>&:(").toCharArray()) {
            MARKDOWN_SPECIAL[c] = true;
        }
    }
    private static final String MARKDOWN_LINE_START = "-+=";
    private static final Set<String> LINKED_SCHEMES = Set.of("http", "https", "ftp");

    private Escaping() {}

    /**
     * Escapes text for one line of Markdown, such as a list item or a heading.
     *
     * @param text any text
     * @return the text, safe anywhere in a line of Markdown, on one line
     */
    public static String markdown(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        markdownLine(visible(text, false), out);
        return out.toString();
    }

    /**
     * Escapes text for a block of Markdown: each line of the text stays a line (joined by hard
     * line breaks), blank lines separate paragraphs (several in a row count as one), and no
     * line can start a block of its own.
     *
     * @param text any text
     * @return the text as Markdown paragraphs; empty if the text is blank
     */
    public static String markdownBlock(String text) {
        List<List<String>> paragraphs = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : visible(text, true).split("\n", -1)) {
            String escaped = markdownLineToString(line);
            if (escaped.isEmpty()) {
                if (!current.isEmpty()) {
                    paragraphs.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(escaped);
            }
        }
        if (!current.isEmpty()) {
            paragraphs.add(current);
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (List<String> paragraph : paragraphs) {
            if (out.length() > 0) {
                out.append("\n\n");
            }
            out.append(String.join("\\\n", paragraph));
        }
        return out.toString();
    }

    /**
     * Escapes text for Markdown in one paragraph: like {@link #markdownBlock} but blank lines are
     * dropped, so that the text stays one paragraph (inside a list item, say).
     *
     * @param text any text
     * @return the escaped lines, none empty; empty if the text is blank
     */
    static List<String> markdownLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : visible(text, true).split("\n", -1)) {
            String escaped = markdownLineToString(line);
            if (!escaped.isEmpty()) {
                lines.add(escaped);
            }
        }
        return lines;
    }

    /**
     * Escapes text for HTML element content or a quoted attribute value.
     *
     * @param text any text
     * @return the text with {@code & < > " '} as entities and control characters made visible
     */
    public static String html(String text) {
        String v = visible(text, true);
        StringBuilder out = new StringBuilder(v.length() + 16);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Makes text safe for a terminal or a plain-text file, keeping its lines.
     *
     * @param text any text
     * @return the text with control characters other than newline and tab made visible
     */
    public static String plainText(String text) {
        return visible(text, true);
    }

    /**
     * Makes text safe for one line of plain text.
     *
     * @param text any text
     * @return the text with every control character, newline included, made visible; tabs stay
     */
    public static String plainTextLine(String text) {
        return visible(text, false);
    }

    /**
     * @param cp a code point
     * @return whether {@link #plainText} writes it as an escape rather than as itself (newline
     *     and tab excluded)
     */
    static boolean isMadeVisible(int cp) {
        return Character.isISOControl(cp) && cp != '\n' && cp != '\t'
                || cp == 0x2028 || cp == 0x2029
                || cp >= 0x202A && cp <= 0x202E
                || cp >= 0x2066 && cp <= 0x2069;
    }

    private static String visible(String text, boolean keepNewlines) {
        StringBuilder out = null;
        int n = text.length();
        for (int i = 0; i < n; ) {
            char c = text.charAt(i);
            int cp;
            int width;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                cp = Character.toCodePoint(c, text.charAt(i + 1));
                width = 2;
            } else {
                cp = c;
                width = 1;
            }
            boolean lone = Character.isSurrogate(c) && width == 1;
            boolean escape = lone || isMadeVisible(cp) || cp == '\n' && !keepNewlines;
            if (escape && out == null) {
                out = new StringBuilder(n + 16).append(text, 0, i);
            }
            if (out != null) {
                if (lone) {
                    out.append('\uFFFD');
                } else if (cp == '\n' && !keepNewlines) {
                    out.append("\\n");
                } else if (escape) {
                    out.append("\\u").append(String.format("%04x", cp));
                } else {
                    out.appendCodePoint(cp);
                }
            }
            i += width;
        }
        return out == null ? text : out.toString();
    }

    private static String markdownLineToString(String line) {
        StringBuilder out = new StringBuilder(line.length() + 8);
        markdownLine(line, out);
        return out.toString();
    }

    /** Escapes one line that holds no newline. */
    private static void markdownLine(String line, StringBuilder out) {
        int start = 0;
        int end = line.length();
        while (start < end && isBlank(line.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(line.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            return;
        }
        int i = start;
        char first = line.charAt(start);
        if (MARKDOWN_LINE_START.indexOf(first) >= 0) {
            out.append('\\').append(first);
            i++;
        } else {
            // Leading digits followed by '.' or ')' would open an ordered list.
            int digitsEnd = start;
            while (digitsEnd < end && line.charAt(digitsEnd) >= '0' && line.charAt(digitsEnd) <= '9') {
                digitsEnd++;
            }
            if (digitsEnd > start && digitsEnd < end && (line.charAt(digitsEnd) == '.' || line.charAt(digitsEnd) == ')')) {
                out.append(line, start, digitsEnd).append('\\').append(line.charAt(digitsEnd));
                i = digitsEnd + 1;
            }
        }
        // Copies runs of plain characters whole; only the few that may mean something are looked at.
        int run = i;
        for (; i < end; i++) {
            char c = line.charAt(i);
            if (c >= MARKDOWN_SPECIAL.length || !MARKDOWN_SPECIAL[c]) {
                continue;
            }
            String replacement;
            if (c == '<') {
                replacement = "&lt;";
            } else if (c == '>') {
                replacement = "&gt;";
            } else if (c == '&') {
                replacement = "&amp;";
            } else if (c == ':') {
                if (!isDefangedScheme(line, start, i, end)) {
                    continue;
                }
                replacement = "\\[:\\]";
            } else if (c == '(') {
                if (i == start || line.charAt(i - 1) != ']') {
                    continue;
                }
                replacement = "\\(";
            } else {
                replacement = null;
            }
            out.append(line, run, i);
            if (replacement == null) {
                out.append('\\').append(c);
            } else {
                out.append(replacement);
            }
            run = i + 1;
        }
        out.append(line, run, end);
    }

    /** Whether the ':' at {@code colon} ends a scheme other than http(s) or ftp and is followed by "//". */
    private static boolean isDefangedScheme(String line, int start, int colon, int end) {
        if (colon + 2 >= end || line.charAt(colon + 1) != '/' || line.charAt(colon + 2) != '/') {
            return false;
        }
        int schemeStart = colon;
        while (schemeStart > start && isSchemeChar(line.charAt(schemeStart - 1))) {
            schemeStart--;
        }
        return schemeStart < colon && !LINKED_SCHEMES.contains(line.substring(schemeStart, colon).toLowerCase(Locale.ROOT));
    }

    private static boolean isSchemeChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.';
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
