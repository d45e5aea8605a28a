package dev.incidentkit.core.export;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sanitizes Markdown people wrote on purpose; the rules are {@link Escaping#markdownProse}'s.
 *
 * <p>It reads the text line by line, as a CommonMark parser's block phase does, only as far as
 * safety needs: top-level fenced code is left verbatim, every other line has its headings demoted
 * and its inline text scanned left to right as the inline parser does (backslash escapes, code
 * spans, autolinks, raw HTML, link destinations). Where this reading could differ from a parser's,
 * it errs toward escaping: a code span is trusted only on one line, with no {@code |} in it (a
 * table would split it), and only while no line before it in the paragraph left a backtick run
 * open (the parser could then pair it otherwise). Over-escaping shows a backslash; it never lets
 * markup through.
 */
final class MarkdownProse {

    private static final Pattern FENCE = Pattern.compile(" {0,3}(`{3,}|~{3,})(.*)");
    private static final Pattern ATX = Pattern.compile("(#{1,6})(?=[ \\t]|$)");
    private static final Pattern EQUALS_UNDERLINE = Pattern.compile(" {0,3}=+[ \\t]*");
    private static final Pattern DASH_UNDERLINE = Pattern.compile(" {0,3}-+[ \\t]*");
    private static final Pattern AUTOLINK = Pattern.compile("<([A-Za-z][A-Za-z0-9+.-]{1,31}):[^<> \\x00-\\x1f]*>");
    private static final Pattern THEMATIC_BREAK = Pattern.compile(" {0,3}(?:(?:\\*[ \\t]*){3,}|(?:-[ \\t]*){3,}|(?:_[ \\t]*){3,})");

    private MarkdownProse() {}

    /** @param text prose with its control characters already made visible */
    static String sanitize(String text) {
        String[] lines = text.split("\n", -1);
        int first = 0;
        int last = lines.length - 1;
        while (first <= last && MarkdownSyntax.strip(lines[first]).isEmpty()) {
            first++;
        }
        while (last >= first && MarkdownSyntax.strip(lines[last]).isEmpty()) {
            last--;
        }
        if (first > last) {
            return "";
        }
        // Indented, the first line would continue the list before it or start indented code.
        int indent = 0;
        while (MarkdownSyntax.isBlank(lines[first].charAt(indent))) {
            indent++;
        }
        lines[first] = lines[first].substring(indent);
        StringBuilder out = new StringBuilder(text.length() + 16);
        char fenceChar = 0;
        int fenceLength = 0;
        boolean trustCode = true;
        boolean previousIsText = false;
        for (int n = first; n <= last; n++) {
            String line = lines[n];
            if (n > first) {
                out.append('\n');
            }
            if (fenceChar != 0) {
                out.append(line);
                if (closesFence(line, fenceChar, fenceLength)) {
                    fenceChar = 0;
                }
                continue;
            }
            Matcher fence = FENCE.matcher(line);
            if (fence.matches() && !(fence.group(1).charAt(0) == '`' && fence.group(2).indexOf('`') >= 0)) {
                fenceChar = fence.group(1).charAt(0);
                fenceLength = fence.group(1).length();
                out.append(line);
                trustCode = true;
                previousIsText = false;
                continue;
            }
            if (MarkdownSyntax.strip(line).isEmpty()) {
                out.append(line);
                trustCode = true;
                previousIsText = false;
                continue;
            }
            trustCode &= block(line, previousIsText, trustCode, out);
            previousIsText = true;
        }
        if (fenceChar != 0) {
            out.append('\n').append(String.valueOf(fenceChar).repeat(fenceLength));
        }
        return out.toString();
    }

    /**
     * A summary written after our own bullet list: a {@code -} list at its start would continue
     * ours, so its items are written with {@code *}, which starts a list of its own.
     */
    static String afterList(String sanitized) {
        String[] lines = sanitized.split("\n", -1);
        boolean previousBlank = false;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            boolean marker = line.startsWith("-") && (line.length() == 1 || MarkdownSyntax.isBlank(line.charAt(1)))
                    && !THEMATIC_BREAK.matcher(line).matches();
            if (marker) {
                lines[n] = "*" + line.substring(1);
            } else if (n == 0 || !line.isEmpty() && !MarkdownSyntax.isBlank(line.charAt(0)) && previousBlank) {
                break;
            }
            previousBlank = MarkdownSyntax.strip(line).isEmpty();
        }
        return String.join("\n", lines);
    }

    private static boolean closesFence(String line, char c, int length) {
        int i = 0;
        while (i < line.length() && i < 3 && line.charAt(i) == ' ') {
            i++;
        }
        int run = 0;
        while (i + run < line.length() && line.charAt(i + run) == c) {
            run++;
        }
        return run >= length && MarkdownSyntax.strip(line.substring(i + run)).isEmpty();
    }

    /** One line outside fenced code; returns whether it left no backtick run open. */
    private static boolean block(String line, boolean previousIsText, boolean trustCode, StringBuilder out) {
        if (previousIsText && DASH_UNDERLINE.matcher(line).matches()) {
            // "-" or "- " under text: an empty list item cannot interrupt a paragraph, so it would underline it.
            int dash = line.indexOf('-');
            out.append(line, 0, dash).append('\\').append(line, dash, line.length());
            return true;
        }
        int start = containerPrefix(line);
        out.append(line, 0, start);
        String rest = line.substring(start);
        if (EQUALS_UNDERLINE.matcher(rest).matches() || previousIsText && DASH_UNDERLINE.matcher(rest).matches()) {
            // A setext underline would make the line above a heading.
            int dash = rest.indexOf(rest.strip().charAt(0));
            out.append(rest, 0, dash).append('\\').append(rest, dash, rest.length());
            return true;
        }
        String content = rest.stripLeading();
        out.append(rest, 0, rest.length() - content.length());
        Matcher atx = ATX.matcher(content);
        int from = 0;
        if (atx.lookingAt()) {
            out.append("#".repeat(Math.min(6, atx.group(1).length() + 2)));
            from = atx.end();
        }
        StringBuilder text = new StringBuilder(content.length() + 8);
        boolean balanced = inline(content, from, trustCode, text);
        if (from == 0 && mayDefine(text)) {
            out.append('\\');
        }
        out.append(text);
        return balanced;
    }

    /**
     * Whether a line, as written, could start a link reference definition ({@code [label]: url}):
     * it starts with {@code [} and its first unescaped {@code ]} is followed by {@code :}, or the
     * label may go on to the next line.
     */
    private static boolean mayDefine(CharSequence line) {
        if (line.length() == 0 || line.charAt(0) != '[') {
            return false;
        }
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']') {
                return i + 1 < line.length() && line.charAt(i + 1) == ':';
            }
        }
        return true;
    }

    /** How many characters of block quote markers, list markers and indentation start the line. */
    private static int containerPrefix(String line) {
        int i = 0;
        while (true) {
            int j = i;
            while (j < line.length() && j - i < 3 && line.charAt(j) == ' ') {
                j++;
            }
            if (j < line.length() && line.charAt(j) == '>') {
                i = j + 1 < line.length() && line.charAt(j + 1) == ' ' ? j + 2 : j + 1;
                continue;
            }
            int marker = listMarkerEnd(line, j);
            if (marker > j && !THEMATIC_BREAK.matcher(line.substring(j)).matches()) {
                i = marker < line.length() ? marker + 1 : marker;
                continue;
            }
            return i;
        }
    }

    private static int listMarkerEnd(String line, int j) {
        int end;
        if (j < line.length() && (line.charAt(j) == '-' || line.charAt(j) == '+' || line.charAt(j) == '*')) {
            end = j + 1;
        } else {
            end = j;
            while (end < line.length() && end - j < 9 && Character.isDigit(line.charAt(end)) && line.charAt(end) < 128) {
                end++;
            }
            if (end == j || end >= line.length() || line.charAt(end) != '.' && line.charAt(end) != ')') {
                return j;
            }
            end++;
        }
        return end == line.length() || MarkdownSyntax.isBlank(line.charAt(end)) ? end : j;
    }

    /** Scans inline text as the inline parser does, escaping what could open HTML, an unsafe link or an autolink. */
    private static boolean inline(String s, int from, boolean trustCode, StringBuilder out) {
        boolean balanced = true;
        boolean trust = trustCode;
        int n = s.length();
        int i = from;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < n && MarkdownSyntax.isAsciiPunctuation(s.charAt(i + 1))) {
                out.append(s, i, i + 2);
                i += 2;
            } else if (c == '`') {
                int run = MarkdownSyntax.run(s, i, '`');
                int close = closingRun(s, i + run, run);
                if (close < 0) {
                    balanced = false;
                } else if (trust && s.substring(i, close).indexOf('|') < 0) {
                    out.append(s, i, close + run);
                    i = close + run;
                    continue;
                }
                out.append(s, i, i + run);
                i += run;
            } else if (c == '<') {
                i = angle(s, i, out);
            } else if (c == ']' && i + 1 < n && s.charAt(i + 1) == '(') {
                if (isSafeDestination(s, i + 2)) {
                    // The destination is scanned as text: a backtick in it is no code span if the link forms,
                    // so no code span after it on this line is trusted.
                    out.append("](");
                    trust = false;
                    i += 2;
                } else {
                    out.append("\\]");
                    i++;
                }
            } else if (c == ':' && MarkdownSyntax.isForeignScheme(s, i)) {
                out.append("[:]");
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return balanced;
    }

    private static int angle(String s, int i, StringBuilder out) {
        Matcher autolink = AUTOLINK.matcher(s).region(i, s.length());
        if (autolink.lookingAt()) {
            String scheme = autolink.group(1).toLowerCase(Locale.ROOT);
            if (scheme.equals("http") || scheme.equals("https") || scheme.equals("mailto")) {
                out.append(s, i, autolink.end());
                return autolink.end();
            }
            out.append('\\').append('<');
            return i + 1;
        }
        Matcher email = MarkdownSyntax.EMAIL_AUTOLINK.matcher(s).region(i, s.length());
        if (email.lookingAt()) {
            out.append(s, i, email.end());
            return email.end();
        }
        char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
        boolean opensHtml = next >= 'a' && next <= 'z' || next >= 'A' && next <= 'Z' || next == '/' || next == '!' || next == '?';
        out.append(opensHtml ? "\\<" : "<");
        return i + 1;
    }

    /** Whether the link destination starting at {@code d} (after {@code ](}) is http(s) or mailto, spelled plainly. */
    private static boolean isSafeDestination(String s, int d) {
        while (d < s.length() && MarkdownSyntax.isBlank(s.charAt(d))) {
            d++;
        }
        String target = s.substring(d < s.length() && s.charAt(d) == '<' ? d + 1 : d).toLowerCase(Locale.ROOT);
        return target.startsWith("http://") || target.startsWith("https://") || target.startsWith("mailto:");
    }

    /** The start of the next backtick run of exactly {@code length}, or -1. */
    private static int closingRun(String s, int from, int length) {
        int i = from;
        while (i < s.length()) {
            if (s.charAt(i) == '`') {
                int run = MarkdownSyntax.run(s, i, '`');
                if (run == length) {
                    return i;
                }
                i += run;
            } else {
                i++;
            }
        }
        return -1;
    }
}
