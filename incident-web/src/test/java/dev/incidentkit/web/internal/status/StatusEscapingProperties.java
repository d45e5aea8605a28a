package dev.incidentkit.web.internal.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.web.HtmlPages;
import dev.incidentkit.web.internal.pages.Templates;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Whatever a public title and message hold (text the core accepts: no control characters but a
 * message's newlines and tabs), the HTML page and the Atom feed show it as text: each has the
 * tags of a twin page whose title and message are {@code x}, tag for tag, and reads back exactly
 * what was posted (in the feed, the two noncharacters XML cannot carry become U+FFFD).
 */
class StatusEscapingProperties {

    static final List<String> FRAGMENTS = List.of("<script>alert(1)</script>", "\"><svg onload=alert(1)>", "javascript:alert(1)",
            "{{7*7}}", "${7*7}", "\u202E", "<", ">", "\"", "'", "&", "&amp;", "&#60;", "&lt;", "&entity;", "<!--", "-->",
            "]]>", "<![CDATA[", "<?xml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "</h3>", "</p>", "</content>",
            "</title>", "`", "=", " on", "\u00a0", "\ud83d\ude92", "\n", "\t", "\uFFFD", "@if", "!{");

    @Provide
    Arbitrary<String> titles() {
        return texts(false);
    }

    @Provide
    Arbitrary<String> messages() {
        return texts(true);
    }

    private static Arbitrary<String> texts(boolean lines) {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(6),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(8),
                Arbitraries.of(FRAGMENTS));
        return piece.list().ofMinSize(1).ofMaxSize(8).map(p -> String.join("", p))
                .filter(s -> !s.isBlank() && s.length() <= 200 && accepted(s, lines));
    }

    /** As the core's validation: well-formed Unicode, no control character (in a message, newline and tab allowed). */
    private static boolean accepted(String s, boolean lines) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return s.codePoints().noneMatch(cp -> (Character.isISOControl(cp) && !(lines && (cp == '\n' || cp == '\t')))
                || cp == 0x2028 || cp == 0x2029);
    }

    private static String html(String title, String message) {
        return Templates.render("status.jte", StatusView.of(StatusPageSamples.page(title, message), "Acme status", "/s.css", "/i.svg"));
    }

    private static String atom(String title, String message) {
        return new String(StatusFormats.atom(StatusPageSamples.page(title, message), "Acme status", StatusPageSamples.AT),
                StandardCharsets.UTF_8);
    }

    @Property(tries = 300)
    void theHtmlPageShowsTitleAndMessageOnlyAsText(@ForAll("titles") String title, @ForAll("messages") String message) {
        String html = html(title, message);

        assertThat(StatusPageSamples.tags(html)).isEqualTo(StatusPageSamples.tags(html("x", "x")));
        List<String> headings = texts(html, "<h[34] id=\"INC-2025-00[12]-title\" dir=\"auto\">(.*?)</h[34]>");
        assertThat(headings).hasSize(2).allSatisfy(h -> assertThat(HtmlPages.decode(h)).isEqualTo(title));
        List<String> messages = texts(html, "<p class=\"message\" dir=\"auto\">(.*?)</p>");
        assertThat(messages).hasSize(4).allSatisfy(m -> assertThat(HtmlPages.decode(m)).isEqualTo(message));
    }

    @Property(tries = 300)
    void theAtomFeedShowsTitleAndMessageOnlyAsText(@ForAll("titles") String title, @ForAll("messages") String message)
            throws Exception {
        String xml = atom(title, message);

        assertThat(StatusPageSamples.tags(xml)).isEqualTo(StatusPageSamples.tags(atom("x", "x")));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        Document feed = f.newDocumentBuilder().parse(new InputSource(new java.io.StringReader(xml)));
        NodeList entries = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        assertThat(entries.getLength()).isEqualTo(4);
        for (int i = 0; i < entries.getLength(); i++) {
            Element e = (Element) entries.item(i);
            String entryTitle = e.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title").item(0).getTextContent();
            assertThat(entryTitle).endsWith(": " + inXml(title));
            assertThat(e.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "content").item(0).getTextContent())
                    .isEqualTo(inXml(message));
        }
    }

    /** @return the text as XML 1.0 can carry it: U+FFFE and U+FFFF (which the core accepts) as U+FFFD */
    private static String inXml(String text) {
        return text.replace('\uFFFE', '\uFFFD').replace('\uFFFF', '\uFFFD');
    }

    private static List<String> texts(String markup, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(markup);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
