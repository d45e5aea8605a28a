package dev.incidentkit.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;

/**
 * Escaped text read back by an independent CommonMark + GFM parser (commonmark-java): in every
 * position the exports use, the text a reader sees is the text written (made visible, outer
 * blanks dropped, foreign schemes defanged, mentions joined) and no markup appears.
 */
class EscapingProperties {

    @Provide
    Arbitrary<String> anyText() {
        return HostileText.any();
    }

    @Property(tries = 1000)
    void markdownIsOneParagraphOfPlainTextShowingTheTextAsItIs(@ForAll("anyText") String text) {
        String escaped = Escaping.markdown(text);
        Node doc = Markdown.parse(escaped);
        String expected = HostileText.shown(HostileText.stripBlanks(HostileText.visible(text, false)));

        assertThat(escaped).doesNotContain("\n", "\r");
        if (expected.isEmpty()) {
            assertThat(Markdown.children(doc)).isEmpty();
            return;
        }
        assertThat(Markdown.children(doc)).singleElement().isInstanceOf(Paragraph.class);
        Node paragraph = doc.getFirstChild();
        assertThat(Markdown.descendants(paragraph)).allMatch(n -> Markdown.isPlainInline(n) || isInsideLink(n),
                "plain text and bare autolinks only");
        assertThat(Markdown.text(paragraph)).isEqualTo(expected);
        assertThat(HostileText.hasMention(Markdown.text(paragraph))).isFalse();
    }

    @Property(tries = 1000)
    void asAListItemsTextEveryLineShowsAsItIs(@ForAll("anyText") String first, @ForAll("anyText") String text) {
        // The timeline's position: our marker, a name on the first line, a note on lines of its own.
        String item = new MarkdownInline(MarkdownInline.Position.PARAGRAPH, "  ").markup("- **14:30** - ").line(first)
                .markup(": ").lines(text).toMarkdown();
        Node doc = Markdown.parse(item + "\n- next\n");
        List<String> lines = new ArrayList<>();
        MarkdownInline.shownLines(text).forEach(l -> lines.add(HostileText.shown(l)));
        String head = "14:30 - " + HostileText.shown(HostileText.stripBlanks(HostileText.visible(first, false))) + ":";
        lines.add(0, lines.isEmpty() ? head : head + " " + lines.remove(0));

        assertThat(Markdown.children(doc)).singleElement().isInstanceOf(org.commonmark.node.BulletList.class);
        List<Node> items = Markdown.children(doc.getFirstChild());
        assertThat(items).hasSize(2);
        assertThat(Markdown.children(items.get(0))).singleElement().isInstanceOf(Paragraph.class);
        Node paragraph = items.get(0).getFirstChild();
        assertThat(Markdown.descendants(paragraph)).allMatch(n -> Markdown.isPlainInline(n) || isInsideLink(n)
                || n instanceof org.commonmark.node.StrongEmphasis && n.getPrevious() == null
                || n.getParent() instanceof org.commonmark.node.StrongEmphasis);
        String shown = Markdown.text(paragraph).replaceAll(" +\n", "\n").strip();
        assertThat(shown).isEqualTo(String.join("\n", lines).replaceAll(" +\n", "\n").strip());
    }

    @Property(tries = 1000)
    void markdownBlockIsParagraphsOfPlainTextKeepingEveryLine(@ForAll("anyText") String text) {
        Node doc = Markdown.parse(Escaping.markdownBlock(text));
        List<String> expectedLines = MarkdownInline.shownLines(text).stream().map(HostileText::shown)
                .collect(Collectors.toList());

        List<String> shownLines = new ArrayList<>();
        for (Node block : Markdown.children(doc)) {
            assertThat(block).isInstanceOf(Paragraph.class);
            assertThat(Markdown.descendants(block)).allMatch(n -> Markdown.isPlainInline(n) || isInsideLink(n));
            shownLines.addAll(List.of(Markdown.text(block).split("\n", -1)));
        }
        assertThat(shownLines).isEqualTo(expectedLines);
        // GitHub takes a delimiter row without a pipe (":--" under "a") as a one-column table; commonmark-java does not.
        assertThat(Escaping.markdownBlock(text).lines().skip(1)).noneMatch(EscapingProperties::isDelimiterRow);
    }

    @Property(tries = 1000)
    void aTableCellKeepsItsTableAndShowsTheTextAsItIs(@ForAll("anyText") String text) {
        Node doc = Markdown.parse("| a | b |\n|---|---|\n| " + Escaping.markdownTableCell(text) + " | x |\n");
        String expected = HostileText.shown(HostileText.stripBlanks(HostileText.visible(text, false)));

        assertThat(Markdown.children(doc)).singleElement().isInstanceOf(TableBlock.class);
        List<Node> cells = Markdown.descendants(doc).stream().filter(n -> n instanceof TableCell).collect(Collectors.toList());
        assertThat(cells).hasSize(4);
        assertThat(Markdown.descendants(cells.get(2))).allMatch(n -> Markdown.isPlainInline(n) || isInsideLink(n));
        assertThat(Markdown.text(cells.get(2))).isEqualTo(expected);
        assertThat(Markdown.text(cells.get(3))).isEqualTo("x");
    }

    @Provide
    Arbitrary<String> prose() {
        return HostileText.prose();
    }

    @Property(tries = 1000)
    void proseBetweenTwoSectionsKeepsThemAndCarriesNoHtmlNorUnsafeLink(@ForAll("anyText") String text) {
        checkProse(text);
    }

    @Property(tries = 2000)
    void proseMadeOfMarkdownSyntaxKeepsTheSectionsAndCarriesNoHtmlNorUnsafeLink(@ForAll("prose") String text) {
        checkProse(text);
    }

    /**
     * The prose read back between two sections: they stay, its headings are below them, and it
     * has no HTML, no link but to the web or mail, no image but from the web and no mention in
     * its text (code aside).
     */
    static void checkProse(String text) {
        Node doc = Markdown.parse("## Root Cause\n\n" + orNot(Escaping.markdownProse(text)) + "\n\n## Impact\n");

        List<Node> blocks = Markdown.children(doc);
        assertThat(blocks.get(0)).isInstanceOf(Heading.class);
        assertThat(Markdown.text(blocks.get(0))).isEqualTo("Root Cause");
        Node last = blocks.get(blocks.size() - 1);
        assertThat(last).isInstanceOf(Heading.class);
        assertThat(((Heading) last).getLevel()).isEqualTo(2);
        assertThat(Markdown.text(last)).isEqualTo("Impact");
        for (Node n : Markdown.descendants(doc)) {
            assertThat(n).isNotInstanceOfAny(HtmlInline.class, HtmlBlock.class, LinkReferenceDefinition.class);
            if (n instanceof Heading && n != blocks.get(0) && n != last) {
                assertThat(((Heading) n).getLevel()).as("%s", Escaping.plainTextLine(text).replace("\t", "\\t"))
                        .isGreaterThanOrEqualTo(3);
            }
            if (n instanceof Link) {
                assertThat(isWebOrMail(((Link) n).getDestination())).as(((Link) n).getDestination()).isTrue();
            }
            if (n instanceof Image) {
                assertThat(isWeb(((Image) n).getDestination())).as(((Image) n).getDestination()).isTrue();
            }
            if (n instanceof org.commonmark.node.Text && !(n.getParent() instanceof Link)) {
                // GitHub finds mentions in each text node of the HTML, but not in code or links (an e-mail autolink's
                // text is "a@b.co").
                // What comes just before the node counts: "a@b.co@x" is a link to a@b.co, then "@x" after a word.
                Node previous = n.getPrevious();
                String before = previous instanceof org.commonmark.node.Text ? ((org.commonmark.node.Text) previous).getLiteral()
                        : previous == null ? "" : Markdown.text(previous);
                String literal = ((org.commonmark.node.Text) n).getLiteral();
                String shown = before.isEmpty() ? literal : before.substring(before.length() - 1) + literal;
                assertThat(HostileText.hasMention(shown)).as(shown).isFalse();
            }
        }
    }

    @Property(tries = 1000)
    void aHeadingKeepsItsLevelAndShowsTheTextAsItIs(@ForAll("anyText") String text) {
        String heading = new MarkdownInline(MarkdownInline.Position.HEADING, "").markup("# Incident Postmortem - ").line(text)
                .toMarkdown();
        Node doc = Markdown.parse(heading + "\n\nafter\n");
        String expected = HostileText.shown(HostileText.stripBlanks(HostileText.visible(text, false)));

        List<Node> blocks = Markdown.children(doc);
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0)).isInstanceOf(Heading.class);
        assertThat(((Heading) blocks.get(0)).getLevel()).isEqualTo(1);
        assertThat(Markdown.descendants(blocks.get(0))).allMatch(n -> Markdown.isPlainInline(n) || isInsideLink(n));
        assertThat(Markdown.text(blocks.get(0))).isEqualTo(HostileText.stripBlanks("Incident Postmortem - " + expected));
        assertThat(Markdown.text(blocks.get(1))).isEqualTo("after");
    }

    @Property(tries = 400)
    void plainTextHasNoControlCharacterButNewlineAndTab(@ForAll("anyText") String text) {
        String shown = Escaping.plainText(text);
        assertThat(shown.codePoints()).noneMatch(Escaping::isMadeVisible);
        assertThat(HostileText.withoutLoneSurrogates(shown)).isEqualTo(shown);
        assertThat(Escaping.plainTextLine(text)).doesNotContain("\n").isEqualTo(HostileText.visible(text, false));
        assertThat(shown).isEqualTo(HostileText.visible(text, true));
    }

    @Property(tries = 400)
    void htmlHasNoMarkupCharacterAndOnlyItsOwnEntities(@ForAll("anyText") String text) {
        String html = Escaping.html(text);
        assertThat(html).doesNotContain("<", ">", "\"", "'");
        assertThat(html.replaceAll("&(amp|lt|gt|quot|#39);", "")).doesNotContain("&");
        String decoded = html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
        assertThat(decoded).isEqualTo(HostileText.visible(text, true));
    }

    /** A GFM table's delimiter row as GitHub reads it, with or without a pipe. */
    static boolean isDelimiterRow(String line) {
        return line.matches("[ \\t]*\\|?[ \\t]*:?-+:?[ \\t]*(\\|[ \\t]*:?-+:?[ \\t]*)*\\|?[ \\t]*") && line.contains("-");
    }

    private static String orNot(String prose) {
        return prose.isEmpty() ? "*Not written yet.*" : prose;
    }

    /** What an image written in prose may come from. */
    static boolean isWeb(String destination) {
        String d = destination.toLowerCase(Locale.ROOT);
        return d.startsWith("http://") || d.startsWith("https://");
    }

    /** What a link written in prose may point to; bare URLs the autolinker finds are http(s), ftp or mail. */
    static boolean isWebOrMail(String destination) {
        String d = destination.toLowerCase(Locale.ROOT);
        return d.startsWith("http://") || d.startsWith("https://") || d.startsWith("mailto:") || d.startsWith("ftp://");
    }

    private static boolean isInsideLink(Node n) {
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof org.commonmark.node.Link) {
                return Markdown.isPlainInline(p);
            }
        }
        return false;
    }
}
