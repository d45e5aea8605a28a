package dev.incidentkit.core.export;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sanitizes Markdown people wrote on purpose; the rules are {@link Escaping#markdownProse}'s.
 *
 * <p>It reads the text line by line, as a CommonMark parser's block phase does, only as far as
 * safety needs. Fenced code is left verbatim only where every reading of the lines so far agrees
 * that a parser is inside a top-level fence; every other line (fenced code inside a list item or
 * block quote included) has its headings demoted and its inline text scanned left to right as the
 * inline parser does (backslash escapes, code spans, autolinks, raw HTML, link destinations).
 * Where this reading could differ from a parser's, it errs toward escaping: a code span is trusted
 * only on one line, with no {@code |} in it (a table would split it), and only while no line
 * before it in the paragraph left a backtick run open (the parser could then pair it otherwise);
 * an untrusted span has both its backtick runs escaped and its content read as text. Over-escaping
 * shows a backslash; it never lets markup through.
 */
final class MarkdownProse {

    private static final Pattern FENCE = Pattern.compile("(`{3,}|~{3,})(.*)");
    private static final Pattern ATX = Pattern.compile("(#{1,6})(?=[ \\t]|$)");
    private static final Pattern EQUALS_UNDERLINE = Pattern.compile(" {0,3}=+[ \\t]*");
    private static final Pattern DASH_UNDERLINE = Pattern.compile(" {0,3}-+[ \\t]*");
    private static final Pattern DASHES = Pattern.compile("-+");
    private static final Pattern EQUALS = Pattern.compile("=+");
    private static final Pattern AUTOLINK = Pattern.compile("<([A-Za-z][A-Za-z0-9+.-]{1,31}):[^<> \\x00-\\x1f]*>");
    private static final Pattern THEMATIC_BREAK = Pattern.compile(" {0,3}(?:(?:\\*[ \\t]*){3,}|(?:-[ \\t]*){3,}|(?:_[ \\t]*){3,})");

    private MarkdownProse() {}

    /** Where a parser may be as a line starts: outside fenced code, in a top-level fence, or in a fence in a container. */
    private enum Kind { OUTSIDE, TOP, NESTED }

    /**
     * One reading of the lines so far. A nested fence is in a list item or block quote: it ends
     * with its container, so it never swallows what follows our text, and is never copied verbatim.
     *
     * @param column where the nested fence's run starts; a line indented less may have ended its list item
     * @param quoted whether the nested fence is in a block quote, which any line without {@code >} ends
     */
    private record State(Kind kind, char c, int length, int column, boolean quoted) {
        static final State OUTSIDE = new State(Kind.OUTSIDE, (char) 0, 0, 0, false);
    }

    /**
     * A line that could open a fence, read outside any fence.
     *
     * @param start where its fence run starts
     * @param column that position's column, tabs expanded
     * @param contained whether block quote or list markers come before it on the line
     * @param sure whether nothing but a fence can be made of it (no {@code |} a table could take,
     *     no ordered list marker a paragraph could take as text, no indentation that could make it code)
     */
    private record FenceLine(int start, int column, char c, int length, boolean contained, boolean quoted, boolean sure) {}

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
        String[] kept = Arrays.copyOfRange(lines, first, last + 1);
        // A fence line whose reading stays ambiguous at the end is written as text (its run escaped), and the text read again.
        Set<Integer> neutral = new HashSet<>();
        while (true) {
            Pass pass = new Pass(kept, neutral);
            String out = pass.run();
            if (out != null) {
                return out;
            }
            if (!neutral.addAll(pass.branches)) {
                for (int n = 0; n < kept.length; n++) {
                    if (fenceLine(kept[n]) != null) {
                        neutral.add(n);
                    }
                }
            }
        }
    }

    /** One reading of the whole text, with the given fence lines written as text. */
    private static final class Pass {
        private final String[] lines;
        private final Set<Integer> neutral;
        /** The fence lines after which a top-level fence may or may not be open. */
        final Set<Integer> branches = new HashSet<>();
        private boolean listMayBeOpen;

        Pass(String[] lines, Set<Integer> neutral) {
            this.lines = lines;
            this.neutral = neutral;
        }

        /** @return the sanitized text, or null if a top-level fence may be open at the end and may not */
        String run() {
            StringBuilder out = new StringBuilder();
            Set<State> states = Set.of(State.OUTSIDE);
            Paragraph paragraph = new Paragraph();
            boolean previousBlank = false;
            for (int n = 0; n < lines.length; n++) {
                String line = neutral.contains(n) ? neutralized(lines[n]) : lines[n];
                if (n > 0) {
                    out.append('\n');
                }
                boolean blank = MarkdownSyntax.strip(line).isEmpty();
                FenceLine fence = neutral.contains(n) ? null : fenceLine(line);
                Set<State> next = new HashSet<>();
                for (State state : states) {
                    next.addAll(after(state, line, blank, fence));
                }
                boolean topBefore = allTop(states);
                boolean topAfter = allTop(next);
                if (next.stream().anyMatch(s -> s.kind() == Kind.TOP) && !topAfter && fence != null) {
                    branches.add(n);
                }
                if (topBefore || topAfter && fence != null) {
                    // Code, or the line opening it, in every reading.
                    out.append(line);
                    paragraph = new Paragraph();
                    previousBlank = false;
                } else if (blank) {
                    out.append(line);
                    paragraph = new Paragraph();
                    previousBlank = true;
                } else {
                    boolean marker = hasListMarker(line);
                    listMayBeOpen |= marker;
                    if (previousBlank && !marker && !MarkdownSyntax.isBlank(line.charAt(0)) && line.charAt(0) != '>'
                            && next.equals(Set.of(State.OUTSIDE))) {
                        listMayBeOpen = false;
                    }
                    block(line, paragraph, out);
                    previousBlank = false;
                }
                if (topAfter) {
                    listMayBeOpen = false;
                }
                states = next;
            }
            if (states.stream().noneMatch(s -> s.kind() == Kind.TOP)) {
                return out.toString();
            }
            char c = states.iterator().next().c();
            if (!allTop(states) || states.stream().anyMatch(s -> s.c() != c)) {
                return null;
            }
            int length = states.stream().mapToInt(State::length).max().orElse(3);
            // A fence left open would swallow what follows our text.
            return out.append('\n').append(String.valueOf(c).repeat(length)).toString();
        }

        /** The readings after one line, in a given reading. */
        private Set<State> after(State state, String line, boolean blank, FenceLine fence) {
            switch (state.kind()) {
                case TOP:
                    return Set.of(closesFence(line, state.c(), state.length()) ? State.OUTSIDE : state);
                case NESTED: {
                    if (blank) {
                        // A blank line ends a block quote, not a list item.
                        return state.quoted() ? Set.of(state, State.OUTSIDE) : Set.of(state);
                    }
                    int indent = column(line, leadingBlanks(line));
                    if (indent == 0 && line.charAt(0) != '>') {
                        return outside(line, fence);
                    }
                    Set<State> out = new HashSet<>();
                    if (state.quoted()) {
                        out.add(closesFence(line.substring(quotePrefix(line)), state.c(), state.length()) ? State.OUTSIDE : state);
                    } else if (closesFence(line.substring(leadingBlanks(line)), state.c(), state.length())) {
                        // A closing fence if indented as the item's content is; else the code's text.
                        out.add(State.OUTSIDE);
                        if (indent < state.column() || indent - state.column() > 3) {
                            out.add(state);
                        }
                    } else {
                        out.add(state);
                    }
                    if (state.quoted() || indent < state.column()) {
                        // The container may have ended at this line.
                        out.addAll(outside(line, fence));
                    }
                    return out;
                }
                default:
                    return blank ? Set.of(State.OUTSIDE) : outside(line, fence);
            }
        }

        /** The readings after a non-blank line read outside any fence. */
        private Set<State> outside(String line, FenceLine fence) {
            if (fence == null) {
                return Set.of(State.OUTSIDE);
            }
            Set<State> out = new HashSet<>();
            State top = new State(Kind.TOP, fence.c(), fence.length(), 0, false);
            State nested = new State(Kind.NESTED, fence.c(), fence.length(), fence.column(), fence.quoted());
            if (fence.contained()) {
                out.add(nested);
            } else if (fence.column() == 0) {
                out.add(top);
            } else if (fence.column() <= 3) {
                // In a list item or at the top level, which only a full reading of the lists could tell.
                out.add(top);
                if (listMayBeOpen) {
                    out.add(nested);
                }
            } else {
                // Indented code, a paragraph's text, or a fence in a list item.
                out.add(State.OUTSIDE);
                if (listMayBeOpen) {
                    out.add(nested);
                }
            }
            if (!fence.sure()) {
                out.add(State.OUTSIDE);
            }
            return out;
        }
    }

    /** What one paragraph's lines leave for the next: whether code spans can be trusted, which brackets are open. */
    private static final class Paragraph {
        boolean trustCode = true;
        boolean hasText;
        /** The open {@code [} (false) and {@code ![} (true), innermost first: a {@code ]} closes the innermost. */
        final Deque<Boolean> brackets = new ArrayDeque<>();
        /** Set once this reading of the brackets could be wrong: every {@code ](} is then taken as an image's. */
        boolean bracketsUnsure;

    }

    private static boolean allTop(Set<State> states) {
        return states.stream().allMatch(s -> s.kind() == Kind.TOP);
    }

    /** The line, if it could open a fence read outside any fence; else null. */
    private static FenceLine fenceLine(String line) {
        int prefix = containerPrefix(line);
        int start = prefix;
        while (start < line.length() && MarkdownSyntax.isBlank(line.charAt(start))) {
            start++;
        }
        Matcher fence = FENCE.matcher(line).region(start, line.length());
        if (!fence.matches() || fence.group(1).charAt(0) == '`' && fence.group(2).indexOf('`') >= 0) {
            return null;
        }
        String markers = line.substring(0, prefix);
        boolean ordered = markers.chars().anyMatch(Character::isDigit);
        // Four columns before the first marker may make the line indented code, or a paragraph's text.
        boolean indented = prefix > 0 && column(line, leadingBlanks(line)) >= 4;
        boolean sure = fence.group(2).indexOf('|') < 0 && !ordered && !indented;
        return new FenceLine(start, column(line, start), fence.group(1).charAt(0), fence.group(1).length(), prefix > 0,
                markers.indexOf('>') >= 0, sure);
    }

    /** The line with the run of its fence escaped, so that it is text in every reading. */
    private static String neutralized(String line) {
        FenceLine fence = fenceLine(line);
        return fence == null ? line : line.substring(0, fence.start()) + "\\" + line.substring(fence.start());
    }

    /** The column of position {@code end} of the line, a tab advancing to the next multiple of four. */
    private static int column(String line, int end) {
        int column = 0;
        for (int i = 0; i < end; i++) {
            column = line.charAt(i) == '\t' ? column + 4 - column % 4 : column + 1;
        }
        return column;
    }

    /** How many characters of block quote markers start the line. */
    private static int quotePrefix(String line) {
        int i = 0;
        while (true) {
            int j = i;
            while (j < line.length() && j - i < 3 && line.charAt(j) == ' ') {
                j++;
            }
            if (j >= line.length() || line.charAt(j) != '>') {
                return i;
            }
            i = j + 1;
        }
    }

    private static int leadingBlanks(String line) {
        int i = 0;
        while (i < line.length() && MarkdownSyntax.isBlank(line.charAt(i))) {
            i++;
        }
        return i;
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

    /** One line read as text (fenced code in some reading, perhaps); updates what its paragraph leaves for the next. */
    private static void block(String line, Paragraph paragraph, StringBuilder out) {
        boolean previousIsText = paragraph.hasText;
        paragraph.hasText = true;
        int quote = quotePrefix(line);
        String stripped = MarkdownSyntax.strip(line.substring(quote));
        if (previousIsText && DASHES.matcher(stripped).matches() || EQUALS.matcher(stripped).matches()) {
            // A setext underline would make the line above a heading; "-" or "- " under text too (an empty list item
            // cannot interrupt a paragraph), in a block quote too, and indented by any amount (in a list item, four
            // spaces are not code).
            int dash = line.indexOf(stripped.charAt(0), quote);
            out.append(line, 0, dash).append('\\').append(line, dash, line.length());
            return;
        }
        int start = containerPrefix(line);
        out.append(line, 0, start);
        String rest = line.substring(start);
        if (EQUALS_UNDERLINE.matcher(rest).matches() || previousIsText && DASH_UNDERLINE.matcher(rest).matches()) {
            // Under block quote or list markers, the same.
            // A setext underline would make the line above a heading.
            int dash = rest.indexOf(rest.strip().charAt(0));
            out.append(rest, 0, dash).append('\\').append(rest, dash, rest.length());
            return;
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
        new Inline(content, paragraph, text).scan(from);
        if (from == 0 && mayDefine(text)) {
            out.append('\\');
            // The "[" read as an opener is text now.
            paragraph.bracketsUnsure = true;
        }
        out.append(text);
    }

    /** Whether block quote markers, indentation and list markers start the line with a list marker among them. */
    private static boolean hasListMarker(String line) {
        String prefix = line.substring(0, containerPrefix(line));
        return prefix.chars().anyMatch(c -> c == '-' || c == '+' || c == '*' || c == '.' || c == ')');
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

    /**
     * How many characters of block quote markers, list markers and indentation start the line.
     * Any indentation counts (not only three spaces): in a list item, {@code "    > # q"} is a
     * block quote holding a heading.
     */
    private static int containerPrefix(String line) {
        int i = 0;
        while (true) {
            int j = i;
            while (j < line.length() && MarkdownSyntax.isBlank(line.charAt(j))) {
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

    /** One line's inline text, scanned as the inline parser does, escaping what could open HTML, an unsafe link or an autolink. */
    private static final class Inline {
        private final String s;
        private final Paragraph paragraph;
        private final StringBuilder out;
        /** Where the closing run of an untrusted code span starts, whose backticks are escaped too; -1 if none. */
        private int pendingClose = -1;

        Inline(String s, Paragraph paragraph, StringBuilder out) {
            this.s = s;
            this.paragraph = paragraph;
            this.out = out;
        }

        void scan(int from) {
            boolean trust = paragraph.trustCode;
            boolean balanced = true;
            boolean destination = false;
            int n = s.length();
            int i = from;
            while (i < n) {
                char c = s.charAt(i);
                if (i == pendingClose) {
                    int run = MarkdownSyntax.run(s, i, '`');
                    out.append("\\`".repeat(run));
                    pendingClose = -1;
                    i += run;
                } else if (c == '\\' && i + 1 < n && MarkdownSyntax.isAsciiPunctuation(s.charAt(i + 1))) {
                    if (i + 1 == pendingClose) {
                        // In the code span it would have been, this backslash is text: it must not take the escaped backtick.
                        out.append("\\\\");
                        i++;
                    } else {
                        out.append(s, i, i + 2);
                        if (s.charAt(i + 1) == '@' && MarkdownSyntax.isMention(s, i + 1)) {
                            // "\@alice" shows "@alice".
                            out.append(MarkdownSyntax.WORD_JOINER);
                        }
                        i += 2;
                    }
                } else if (c == '`') {
                    int run = MarkdownSyntax.run(s, i, '`');
                    int close = closingRun(s, i + run, run);
                    if (close < 0) {
                        balanced = false;
                        out.append(s, i, i + run);
                    } else if (trust && s.substring(i, close).indexOf('|') < 0) {
                        out.append(s, i, close + run);
                        i = close + run;
                        if (pendingClose >= 0 && pendingClose < i) {
                            // The escaped span's closing run was in this one, as the parser reads it too.
                            pendingClose = -1;
                        }
                        continue;
                    } else {
                        // Untrusted: a parser could pair these runs otherwise, so no code span may form of them.
                        out.append("\\`".repeat(run));
                        if (pendingClose < 0) {
                            pendingClose = close;
                        }
                    }
                    i += run;
                } else if (c == '<') {
                    i = angle(s, i, out);
                } else if (c == '[' || c == '!' && i + 1 < n && s.charAt(i + 1) == '[') {
                    paragraph.bracketsUnsure |= destination;
                    paragraph.brackets.push(c == '!');
                    out.append(s, i, c == '!' ? i + 2 : i + 1);
                    i += c == '!' ? 2 : 1;
                } else if (c == ']' && i + 1 < n && s.charAt(i + 1) == '(') {
                    paragraph.bracketsUnsure |= destination;
                    boolean image = paragraph.brackets.isEmpty() || paragraph.brackets.peek() || paragraph.bracketsUnsure;
                    if (isSafeDestination(s, i + 2, !image)) {
                        // The destination is scanned as text: a backtick in it is no code span if the link forms,
                        // so no code span after it on this line is trusted.
                        paragraph.brackets.poll();
                        out.append("](");
                        trust = false;
                        destination = true;
                        i += 2;
                        while (i < n && MarkdownSyntax.isBlank(s.charAt(i))) {
                            out.append(s.charAt(i++));
                        }
                        if (i < n && s.charAt(i) == '<') {
                            // The "<" of "<https://...>" stays: escaped, it would be part of the destination. Before
                            // "http" or "mailto" and a colon it can open no HTML.
                            out.append('<');
                            i++;
                        }
                    } else {
                        // Escaped, this "]" closes nothing.
                        out.append("\\]");
                        i++;
                    }
                } else if (c == ']') {
                    paragraph.bracketsUnsure |= destination;
                    paragraph.brackets.poll();
                    out.append(c);
                    i++;
                } else if (c == ':' && MarkdownSyntax.isForeignScheme(s, i)) {
                    out.append("[:]");
                    i++;
                } else if (c == '@' && MarkdownSyntax.isMention(s, i)) {
                    out.append('@').append(MarkdownSyntax.WORD_JOINER);
                    i++;
                } else {
                    // A link's destination ends at a blank or ")"; brackets in it are no brackets to the parser.
                    destination &= !(MarkdownSyntax.isBlank(c) || c == ')');
                    out.append(c);
                    i++;
                }
            }
            paragraph.trustCode &= balanced;
        }
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

    /**
     * Whether the link destination starting at {@code d} (after {@code ](}) is http(s), or mailto
     * where {@code mailOk} (a link, surely no image), spelled plainly.
     */
    private static boolean isSafeDestination(String s, int d, boolean mailOk) {
        while (d < s.length() && MarkdownSyntax.isBlank(s.charAt(d))) {
            d++;
        }
        String target = s.substring(d < s.length() && s.charAt(d) == '<' ? d + 1 : d).toLowerCase(Locale.ROOT);
        return target.startsWith("http://") || target.startsWith("https://") || mailOk && target.startsWith("mailto:");
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
