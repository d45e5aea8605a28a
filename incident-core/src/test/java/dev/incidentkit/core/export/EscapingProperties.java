package dev.incidentkit.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;

class EscapingProperties {

    @Provide
    Arbitrary<String> anyText() {
        return HostileText.any();
    }

    @Property(tries = 400)
    void markdownIsOneParagraphOfPlainTextShowingTheTextAsItIs(@ForAll("anyText") String text) {
        String escaped = Escaping.markdown(text);
        Node doc = Markdown.parse(escaped);
        String expected = HostileText.defanged(HostileText.stripBlanks(HostileText.visible(text, false)));

        assertThat(escaped).doesNotContain("\n", "\r", "<");
        if (expected.isEmpty()) {
            assertThat(Markdown.children(doc)).isEmpty();
            return;
        }
        assertThat(Markdown.children(doc)).singleElement().isInstanceOf(Paragraph.class);
        Node paragraph = doc.getFirstChild();
        assertThat(Markdown.descendants(paragraph)).allMatch(n -> Markdown.isPlainInline(n) || isInsideLink(n),
                "plain text and bare autolinks only");
        assertThat(Markdown.text(paragraph)).isEqualTo(expected);
    }

    @Property(tries = 400)
    void markdownBlockIsParagraphsOfPlainTextKeepingEveryLine(@ForAll("anyText") String text) {
        Node doc = Markdown.parse(Escaping.markdownBlock(text));
        List<String> expectedLines = new ArrayList<>();
        for (String line : HostileText.visible(text, true).split("\n", -1)) {
            String stripped = HostileText.defanged(HostileText.stripBlanks(line));
            if (!stripped.isEmpty()) {
                expectedLines.add(stripped);
            }
        }

        List<String> shownLines = new ArrayList<>();
        for (Node block : Markdown.children(doc)) {
            assertThat(block).isInstanceOf(Paragraph.class);
            assertThat(Markdown.descendants(block)).allMatch(n -> Markdown.isPlainInline(n) || isInsideLink(n));
            shownLines.addAll(List.of(Markdown.text(block).split("\n", -1)));
        }
        assertThat(shownLines).isEqualTo(expectedLines);
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

    private static boolean isInsideLink(Node n) {
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof org.commonmark.node.Link) {
                return Markdown.isPlainInline(p);
            }
        }
        return false;
    }
}
