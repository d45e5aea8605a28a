package dev.incidentkit.core.export;

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
 * <p><b>Markdown</b> (CommonMark and GitHub Flavored Markdown: tables, strikethrough, bare-URL
 * autolinks). The text shows as it is, and a backslash is added only where a character would
 * change the rendering <em>where it stands</em>, so that the file reads as a person would write
 * it ({@code orders_v2 <500ms & p99*2 [prod] #42} needs none):
 *
 * <ul>
 *   <li>At the start of a line: {@code #} opening a heading, {@code >}, a list marker ({@code - + *}
 *       or {@code 1.}/{@code 1)} followed by a blank; a thematic break, setext underline, fence
 *       ({@code ```}, {@code ~~~}) or table delimiter row ({@code |---|}); {@code [} at the start
 *       of a paragraph (a link reference definition).
 *   <li>{@code `}, {@code *}, {@code _}, {@code ~} and {@code $}, only when another run of the
 *       same character in the same block could pair with it into a code span, emphasis,
 *       strikethrough or math (CommonMark's flanking rules decide which runs can open or close).
 *   <li>{@code <} before a letter, {@code /}, {@code !} or {@code ?} or starting an e-mail
 *       autolink (raw HTML, autolinks: the angle-bracket autolink takes any scheme, {@code
 *       javascript:} included); {@code &} starting an entity; {@code ]} before {@code (} (the
 *       only way to an inline link or image: reference links need a definition, which no text
 *       can start); {@code \} before punctuation or at the end of a line; {@code |} in a table
 *       cell.
 *   <li>Leading and trailing blanks of each line are dropped (no indented code, no hard break
 *       by trailing spaces). A line break in multi-line text stays a line break of the source
 *       (a soft break), without a trailing backslash.
 * </ul>
 *
 * <p>Two changes are not escapes. Bare {@code http://}, {@code https://}, {@code ftp://},
 * {@code www.} and e-mail addresses stay as they are; GitHub's extension renders them as links
 * whose text is their target, which cannot run script or hide where they lead. Any other {@code
 * scheme://} is defanged as {@code scheme[:]//}, as security reports write it, because
 * autolinkers may link every scheme ({@code javascript://%0aalert(1)} runs script). And an
 * {@code @name} that GitHub or GitLab would take as a mention (an {@code @} after anything but
 * a letter or digit, before a letter or digit, not in the path of an http(s) URL spelled plainly up to
 * it) gets an invisible WORD JOINER (U+2060) after its {@code @}: it reads the same and notifies
 * nobody. The exports write the {@code @} before an action item's owner the same way.
 *
 * <p>The escaping of one text knows only that text: a text joined with other user text into one
 * paragraph must be escaped as one ({@code markdown(a + " " + b)}), because a {@code `} in one
 * and a {@code `} in the other could pair. {@link MarkdownExport} escapes each block as a whole.
 *
 * <p><b>Markdown prose</b> ({@link #markdownProse}): text the team writes as Markdown on purpose,
 * kept as Markdown and sanitized; see there.
 *
 * <p><b>HTML</b>: {@code & < > " '} become entities, so the text is safe in element content and in
 * quoted attribute values.
 *
 * <p><b>Plain text</b>: only the visibility rules above.
 *
 * @since 0.1.0
 */
public final class Escaping {

    private Escaping() {}

    /**
     * Escapes text for one line of Markdown standing alone: a paragraph, or the text of a list item
     * or heading after its marker.
     *
     * @param text any text
     * @return the text, on one line, showing as it is wherever a line's inline text can stand
     * @since 0.1.0
     */
    public static String markdown(String text) {
        return new MarkdownInline(MarkdownInline.Position.PARAGRAPH, "").line(text).toMarkdown();
    }

    /**
     * Escapes text for the cell of a GitHub Flavored Markdown table: as {@link #markdown}, with
     * every {@code |} escaped.
     *
     * @param text any text
     * @return the cell's content, on one line
     * @since 0.1.0
     */
    public static String markdownTableCell(String text) {
        return new MarkdownInline(MarkdownInline.Position.TABLE_CELL, "").line(text).toMarkdown();
    }

    /**
     * Escapes text for a block of Markdown: each non-blank line of the text stays a line, blank
     * lines separate paragraphs (several in a row count as one), and no line can start a block of
     * its own.
     *
     * @param text any text
     * @return the text as Markdown paragraphs; empty if the text is blank
     * @since 0.1.0
     */
    public static String markdownBlock(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        MarkdownInline paragraph = null;
        for (String line : visible(text, true).split("\n", -1)) {
            if (MarkdownSyntax.strip(line).isEmpty()) {
                paragraph = flush(paragraph, out);
                continue;
            }
            if (paragraph == null) {
                paragraph = new MarkdownInline(MarkdownInline.Position.PARAGRAPH, "");
            } else {
                paragraph.markup("\n");
            }
            paragraph.lines(line);
        }
        flush(paragraph, out);
        return out.toString();
    }

    private static MarkdownInline flush(MarkdownInline paragraph, StringBuilder out) {
        if (paragraph != null) {
            out.append(out.length() > 0 ? "\n\n" : "").append(paragraph.toMarkdown());
        }
        return null;
    }

    /**
     * Sanitizes Markdown that people wrote as Markdown (a postmortem's root cause, say): its
     * emphasis, code spans and fences, lists, block quotes, tables and links stay, while nothing
     * in it can run script, show raw HTML or break the structure of the document it goes into.
     *
     * <ul>
     *   <li>Raw HTML (a tag, comment, processing instruction or declaration, inline or as a block)
     *       shows as text: its {@code <} is escaped. Code spans and top-level fenced code are left
     *       alone. Fenced code in a list item or block quote is sanitized as text is (a backslash
     *       may show in it), because where such a fence ends depends on the container. A code
     *       span whose pairing a parser could read otherwise (one with a {@code |}, which a table
     *       would split, or after a backtick run left open) has its backticks escaped and shows
     *       as text.
     *   <li>Links keep their destination only if it is {@code http:}, {@code https:} or {@code
     *       mailto:}, images only if it is {@code http:} or {@code https:}, and angle-bracket
     *       autolinks are kept for {@code http:}, {@code https:} and {@code mailto:}; any other
     *       destination ({@code javascript:}, {@code data:}, {@code vbscript:}, a relative path,
     *       one hidden behind entities or escapes) shows as text: the {@code ]} or {@code <} that
     *       would open it is escaped. Link reference definitions show as text too (write links
     *       inline), and a bare {@code scheme://} other than http(s) and ftp is defanged as in
     *       plain text.
     *   <li>An {@code @name} outside code gets a WORD JOINER after its {@code @}, as in plain
     *       text: pasted into GitHub or GitLab, the postmortem notifies nobody.
     *   <li>Headings become sub-headings of the section they are written in: an ATX heading's
     *       level goes up by two ({@code #} becomes {@code ###}, capped at {@code ######}), and a
     *       setext underline ({@code ===}, or {@code ---} under a line of text) shows as text.
     *   <li>A code fence left open is closed at the end, so it cannot swallow what follows; a
     *       fence line whose reading stays ambiguous to the end (in a list item or at the top
     *       level, say) shows as text instead.
     *   <li>Control characters are made visible, as everywhere; blank lines at either end are
     *       dropped, and so are the blanks that would start the first line.
     * </ul>
     *
     * @param text Markdown written by people
     * @return the sanitized Markdown; empty if the text is blank
     * @since 0.1.0
     */
    public static String markdownProse(String text) {
        return MarkdownProse.sanitize(visible(text, true));
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

    static String visible(String text, boolean keepNewlines) {
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
}
