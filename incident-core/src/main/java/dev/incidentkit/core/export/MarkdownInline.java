package dev.incidentkit.core.export;

import static dev.incidentkit.core.export.MarkdownSyntax.EMAIL_AUTOLINK;
import static dev.incidentkit.core.export.MarkdownSyntax.isAsciiLetter;
import static dev.incidentkit.core.export.MarkdownSyntax.isAsciiPunctuation;
import static dev.incidentkit.core.export.MarkdownSyntax.isBlank;
import static dev.incidentkit.core.export.MarkdownSyntax.isForeignScheme;
import static dev.incidentkit.core.export.MarkdownSyntax.isPunctuation;
import static dev.incidentkit.core.export.MarkdownSyntax.isWhitespace;
import static dev.incidentkit.core.export.MarkdownSyntax.leftFlanking;
import static dev.incidentkit.core.export.MarkdownSyntax.run;
import static dev.incidentkit.core.export.MarkdownSyntax.strip;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The inline content of one Markdown block (a paragraph, a list item's paragraph, a heading or a
 * table cell), built from markup we write and text users wrote. The user's text is escaped only
 * where it would change the rendering <em>in that block</em>, knowing everything around it: a
 * {@code *} needs a backslash only when another {@code *} of the same block could pair with it, a
 * {@code #} only where it would open a heading, a {@code <} only where it would open HTML or an
 * autolink. See {@link Escaping} for the rules; the order of calls is the order of the text.
 *
 * <p>Not thread-safe; one per block.
 */
final class MarkdownInline {

    /** Where the block stands, which decides the rules that apply. */
    enum Position {
        /** A paragraph, or the paragraph of a list item: block starters matter at each line's start. */
        PARAGRAPH,
        /** An ATX heading's text: one line, and a trailing {@code #} run would be taken as its closing. */
        HEADING,
        /** A cell of a GFM table: one line, and every {@code |} would end the cell. */
        TABLE_CELL
    }

    private static final Pattern ENTITY = Pattern.compile("&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});");
    /** A GFM table's delimiter row, such as {@code |---|:--:|} or {@code --- | ---}. */
    private static final Pattern DELIMITER_ROW = Pattern.compile(
            "\\|?[ \\t]*:?-+:?[ \\t]*(?:\\|[ \\t]*:?-+:?[ \\t]*)*\\|?[ \\t]*");
    private static final Pattern THEMATIC_BREAK = Pattern.compile("(?:\\*[ \\t]*){3,}|(?:-[ \\t]*){3,}|(?:_[ \\t]*){3,}");
    private static final Pattern SETEXT_UNDERLINE = Pattern.compile("=+[ \\t]*|-+[ \\t]*");

    private final Position position;
    private final String indent;
    private final StringBuilder text = new StringBuilder();
    private final BitSet user = new BitSet();

    /**
     * @param position where the block stands
     * @param indent what a continuation line starts with, such as the two spaces of a list item
     */
    MarkdownInline(Position position, String indent) {
        this.position = position;
        this.indent = indent;
    }

    /** Appends markup of ours, written as it is. */
    MarkdownInline markup(String markup) {
        text.append(markup);
        return this;
    }

    /** Appends user text on the current line: control characters and newlines made visible, outer blanks dropped. */
    MarkdownInline line(String userText) {
        return user(strip(Escaping.visible(userText, false)));
    }

    /**
     * Appends user text that may have several lines: each non-blank line, its outer blanks dropped,
     * on a line of its own (a soft line break, as a person types it), blank lines left out.
     */
    MarkdownInline lines(String userText) {
        boolean first = true;
        for (String line : shownLines(userText)) {
            if (!first) {
                text.append('\n').append(indent);
            }
            user(line);
            first = false;
        }
        return this;
    }

    /** @return the lines {@link #lines} would write, before escaping: none for blank text */
    static List<String> shownLines(String userText) {
        List<String> out = new ArrayList<>();
        for (String line : Escaping.visible(userText, true).split("\n", -1)) {
            String stripped = strip(line);
            if (!stripped.isEmpty()) {
                out.add(stripped);
            }
        }
        return out;
    }

    private MarkdownInline user(String userText) {
        user.set(text.length(), text.length() + userText.length());
        text.append(userText);
        return this;
    }

    /** @return the block's content, the user's text escaped */
    String toMarkdown() {
        Escapes e = new Escapes(text.length());
        blockStarts(e);
        inlines(e);
        codeSpans(e);
        for (char c : new char[] {'*', '_', '~', '$'}) {
            pairs(e, c);
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (e.defang.get(i)) {
                out.append("[:]");
                continue;
            }
            if (e.backslash.get(i)) {
                out.append('\\');
            }
            out.append(c);
            if (e.joiner.get(i)) {
                out.append(MarkdownSyntax.WORD_JOINER);
            }
        }
        return out.toString();
    }

    /** What to do at each position of {@link #text}. */
    private static final class Escapes {
        final BitSet backslash;
        final BitSet joiner;
        final BitSet defang;

        Escapes(int n) {
            backslash = new BitSet(n);
            joiner = new BitSet(n);
            defang = new BitSet(n);
        }
    }

    /** The rules for user text that starts a line: nothing it holds may open a block. */
    private void blockStarts(Escapes e) {
        if (position != Position.PARAGRAPH) {
            return;
        }
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf("\n", lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            int p = lineStart;
            while (p < lineEnd && !user.get(p) && isBlank(text.charAt(p))) {
                p++;
            }
            if (p < lineEnd && user.get(p)) {
                blockStart(e, p, lineEnd, lineStart == 0);
            }
            lineStart = lineEnd + 1;
        }
    }

    private void blockStart(Escapes e, int p, int end, boolean firstLine) {
        char c = text.charAt(p);
        String rest = text.substring(p, end);
        if (DELIMITER_ROW.matcher(rest).matches()) {
            // A table's delimiter row under any line would turn that line into a table header; on GitHub
            // even without a pipe (":--" under "a" is a one-column table).
            e.backslash.set(p + rest.indexOf('-'));
            return;
        }
        if (THEMATIC_BREAK.matcher(rest).matches() || !firstLine && SETEXT_UNDERLINE.matcher(rest).matches()) {
            e.backslash.set(p);
            return;
        }
        switch (c) {
            case '#': {
                int run = run(text, p, '#');
                if (run <= 6 && (p + run == end || isBlank(text.charAt(p + run)))) {
                    e.backslash.set(p);
                }
                break;
            }
            case '>':
                e.backslash.set(p);
                break;
            case '-': case '+': case '*':
                if (p + 1 == end || isBlank(text.charAt(p + 1))) {
                    e.backslash.set(p);
                }
                break;
            case '`': case '~': {
                int run = run(text, p, c);
                if (run >= 3) {
                    e.backslash.set(p, p + run);
                }
                break;
            }
            case '[':
                // A link reference definition can only start a paragraph.
                if (firstLine) {
                    e.backslash.set(p);
                }
                break;
            default:
                orderedListMarker(e, p, end, firstLine);
        }
    }

    /** {@code 1.} or {@code 3)} followed by a blank would start an ordered list (within a paragraph, only one starting at 1). */
    private void orderedListMarker(Escapes e, int p, int end, boolean firstLine) {
        int d = p;
        while (d < end && d - p < 10 && text.charAt(d) >= '0' && text.charAt(d) <= '9') {
            d++;
        }
        if (d == p || d - p > 9 || d == end || text.charAt(d) != '.' && text.charAt(d) != ')') {
            return;
        }
        boolean startsList = d + 1 == end || isBlank(text.charAt(d + 1));
        if (startsList && (firstLine || Integer.parseInt(text.substring(p, d)) == 1)) {
            e.backslash.set(d);
        }
    }

    /** The rules for single characters, wherever they stand. */
    private void inlines(Escapes e) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (!user.get(i)) {
                continue;
            }
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : '\n';
            switch (c) {
                case '\\':
                    // Before punctuation it would escape it; at a line's end it would be a hard break.
                    if (next == '\n' || isAsciiPunctuation(next)) {
                        e.backslash.set(i);
                    }
                    break;
                case '<':
                    if (isAsciiLetter(next) || next == '/' || next == '!' || next == '?'
                            || EMAIL_AUTOLINK.matcher(text).region(i, n).lookingAt()) {
                        e.backslash.set(i);
                    }
                    break;
                case '&':
                    if (ENTITY.matcher(text).region(i, n).lookingAt()) {
                        e.backslash.set(i);
                    }
                    break;
                case ']':
                    // "](" is the only way to an inline link or image; reference links need a definition.
                    if (next == '(') {
                        e.backslash.set(i);
                    }
                    break;
                case '|':
                    if (position == Position.TABLE_CELL) {
                        e.backslash.set(i);
                    }
                    break;
                case '#':
                    if (position == Position.HEADING && closesHeading(i)) {
                        e.backslash.set(i);
                    }
                    break;
                case '@':
                    if (MarkdownSyntax.isMention(text, i)) {
                        e.joiner.set(i);
                    }
                    break;
                case ':':
                    if (isForeignScheme(text, i)) {
                        e.defang.set(i);
                    }
                    break;
                default:
                    break;
            }
        }
    }

    /** Whether the {@code #} at {@code i} starts a run that ends the heading after a blank: its closing sequence. */
    private boolean closesHeading(int i) {
        int run = run(text, i, '#');
        boolean atEnd = i + run == text.length();
        boolean starts = i == 0 || text.charAt(i - 1) != '#';
        return starts && atEnd && (i == 0 || isBlank(text.charAt(i - 1)) || !user.get(i - 1));
    }

    /**
     * Escapes every backtick of the block if a code span could form: a code span runs from a
     * backtick run to the next run of the same length, and an escaped backtick still closes one
     * (backslashes mean nothing inside code), so it is all or nothing.
     */
    private void codeSpans(Escapes e) {
        List<Integer> lengths = new ArrayList<>();
        boolean pairable = false;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '`') {
                int run = run(text, i, '`');
                pairable |= e.backslash.get(i);
                if (lengths.contains(run)) {
                    pairable = true;
                }
                lengths.add(run);
                i += run - 1;
            }
        }
        if (pairable && lengths.size() > 1) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '`' && user.get(i)) {
                    e.backslash.set(i);
                }
            }
        }
    }

    /**
     * Escapes every run of {@code c} that could pair with another one in the block: emphasis,
     * strikethrough or math between a run that can open and a later one that can close
     * (CommonMark's flanking rules, taken generously).
     */
    private void pairs(Escapes e, char c) {
        List<int[]> runs = new ArrayList<>();
        int n = text.length();
        // A run is what the parser sees as one: a backslash we put before a character ends it.
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) != c || e.backslash.get(i)) {
                continue;
            }
            int end = i + 1;
            while (end < n && text.charAt(end) == c && !e.backslash.get(end)) {
                end++;
            }
            if (user.get(i)) {
                runs.add(new int[] {i, end - i});
            }
            i = end - 1;
        }
        if (runs.size() < 2) {
            return;
        }
        int firstOpener = Integer.MAX_VALUE;
        int lastCloser = -1;
        for (int[] r : runs) {
            if (canOpen(c, r[0], r[1])) {
                firstOpener = Math.min(firstOpener, r[0]);
            }
            if (canClose(c, r[0], r[1])) {
                lastCloser = Math.max(lastCloser, r[0]);
            }
        }
        for (int[] r : runs) {
            boolean opens = canOpen(c, r[0], r[1]) && r[0] < lastCloser;
            boolean closes = canClose(c, r[0], r[1]) && r[0] > firstOpener;
            if (opens || closes) {
                e.backslash.set(r[0], r[0] + r[1]);
            }
        }
    }

    private boolean canOpen(char c, int start, int length) {
        int before = start == 0 ? '\n' : text.codePointBefore(start);
        int after = start + length >= text.length() ? '\n' : text.codePointAt(start + length);
        if (c == '$') {
            return !isWhitespace(after);
        }
        boolean left = leftFlanking(before, after);
        return c == '_' ? left && (!leftFlanking(after, before) || isPunctuation(before)) : left;
    }

    private boolean canClose(char c, int start, int length) {
        int before = start == 0 ? '\n' : text.codePointBefore(start);
        int after = start + length >= text.length() ? '\n' : text.codePointAt(start + length);
        if (c == '$') {
            return !isWhitespace(before);
        }
        boolean right = leftFlanking(after, before);
        return c == '_' ? right && (!leftFlanking(before, after) || isPunctuation(after)) : right;
    }
}
