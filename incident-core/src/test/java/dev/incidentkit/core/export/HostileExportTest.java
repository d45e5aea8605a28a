package dev.incidentkit.core.export;

import static dev.incidentkit.core.export.ExportFixtures.HOSTILE;
import static dev.incidentkit.core.export.ExportFixtures.HOSTILE_NOTE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.cloudevents.CloudEventCodec;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.testkit.SimpleEventStore;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The design's hostile title, {@code </script><img src=x onerror=alert(1)> | [x](javascript:alert(1))},
 * in every field and actor name a user controls, comes out inert in every format.
 */
class HostileExportTest {

    private IncidentManager incidents;
    private List<RecordedEvent> history;

    @BeforeEach
    void declareTheHostileIncident() {
        incidents = ExportFixtures.manager(new SimpleEventStore());
        history = incidents.history(ExportFixtures.hostile(incidents));
    }

    @AfterEach
    void close() {
        incidents.close();
    }

    @Test
    void markdownHasNoTagUnsafeLinkOrInjectedSection() {
        String md = MarkdownExport.postmortem(history);

        // No raw "<" that could open HTML or an autolink, no "](" to anything but the web; escaped ones read as text.
        assertThat(md).doesNotContainPattern("(?<!\\\\)<[A-Za-z/!?]").doesNotContainPattern("(?<!\\\\)\\]\\((?!https?://)");
        assertThat(md.lines().filter(l -> l.matches("#{1,2}( .*)?"))).containsExactly("# Incident Postmortem - INC-2025-001",
                "## Incident Summary", "## Timeline", "## Public Updates", "## Root Cause", "## Contributing Factors", "## Impact",
                "## What Went Well", "## What Went Poorly", "## Resolution", "## Action Items");

        Parser parser = Parser.builder()
                .extensions(List.of(TablesExtension.create(), StrikethroughExtension.create(), AutolinkExtension.create()))
                .build();
        Node doc = parser.parse(md);
        List<String> found = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlInline n) {
                found.add("html " + n.getLiteral());
            }

            @Override
            public void visit(HtmlBlock n) {
                found.add("html block");
            }

            @Override
            public void visit(Link n) {
                found.add("link " + n.getDestination());
                visitChildren(n);
            }

            @Override
            public void visit(Image n) {
                found.add("image " + n.getDestination());
                visitChildren(n);
            }

            @Override
            public void visit(Heading n) {
                headings.add(n.getLevel() + " " + text(n));
                visitChildren(n);
            }
        });
        // The only links are to http(s): the bare URL of the plain-text notes, shown as itself, and the image
        // the postmortem's prose sections link on purpose (prose keeps its Markdown, and http(s) is allowed there).
        assertThat(found).containsOnly("link http://evil/x.png", "image http://evil/x.png");
        assertThat(headings.stream().filter(h -> h.startsWith("1 ") || h.startsWith("2 "))).hasSize(11);
        // The injected heading is a sub-heading of the prose sections it was written in, and plain text elsewhere.
        assertThat(headings).contains("3 Injected heading", "4 Root Cause").doesNotContain("1 Injected heading");

        // Tables, quotes, code and headings come only from the prose sections, never from titles, notes or names:
        // the lists we write from them hold plain text after our bold labels.
        int plainLists = 0;
        for (Node block = doc.getFirstChild(); block != null; block = block.getNext()) {
            if (block instanceof Heading && List.of("Incident Summary", "Timeline", "Action Items").contains(text(block))) {
                Node list = block.getNext();
                assertThat(list).isInstanceOf(BulletList.class);
                assertThat(kindsBelow(list)).isSubsetOf("ListItem", "Paragraph", "Text", "SoftLineBreak", "StrongEmphasis",
                        "Link");
                plainLists++;
            }
        }
        assertThat(plainLists).isEqualTo(3);

        String html = HtmlRenderer.builder().extensions(List.of(TablesExtension.create(), StrikethroughExtension.create(),
                AutolinkExtension.create())).build().render(doc);
        assertThat(html).doesNotContain("<script", "<div", "<img src=x", "href=\"javascript", "src=\"javascript",
                "onerror=alert(1)>", "<javascript");
        assertThat(html).contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; | [x](javascript:alert(1))");
    }

    /** The kinds of node below one, by class name. */
    private static Set<String> kindsBelow(Node node) {
        Set<String> kinds = new TreeSet<>();
        for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
            kinds.add(c.getClass().getSimpleName());
            kinds.addAll(kindsBelow(c));
        }
        return kinds;
    }

    private static String text(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }
        });
        return text.toString();
    }

    @Test
    void plainTextHasNoControlCharacterAndShowsBidiOverrides() {
        String text = TextExport.timeline(history);

        assertThat(text.codePoints()).noneMatch(cp -> Character.isISOControl(cp) && cp != '\n' && cp != '\t'
                || cp >= 0x202A && cp <= 0x202E);
        assertThat(text).contains("Update from eve\\u202eevil\n", HOSTILE);
        assertThat(text.lines().filter(l -> l.startsWith("# ") || l.startsWith("15:") && l.contains("Injected"))).isEmpty();
        assertThat(text.lines().filter(l -> l.contains("# Injected heading"))).allMatch(l -> l.startsWith("        "));
    }

    @Test
    void jsonParsesBackWithEveryTextExact() throws Exception {
        JsonNode root = new ObjectMapper().readTree(JsonExport.document(history));

        assertThat(root.at("/incident/title").textValue()).isEqualTo(HOSTILE);
        assertThat(root.at("/incident/description").textValue()).isEqualTo(HOSTILE_NOTE);
        assertThat(root.at("/incident/roles/commander").textValue()).isEqualTo("mallory | [x](javascript:y)");
        assertThat(root.at("/incident/postmortem/went_poorly").textValue()).isEqualTo(HOSTILE_NOTE);
        assertThat(root.at("/incident/action_items/0/owner").textValue()).isEqualTo("@here [x](javascript:z)");
        assertThat(root.at("/events/2/data/note").textValue()).isEqualTo(HOSTILE_NOTE);
        assertThat(root.at("/events/2/actor").textValue()).isEqualTo("eve\u202Eevil");
    }

    @Test
    void cloudEventsReadBackIntoTheStoredRecords() {
        CloudEventCodec codec = incidents.cloudEvents();
        String[] lines = CloudEventsExport.lines(history, codec).split("\n");
        List<CloudEvent> batch = codec.deserializeBatch(CloudEventsExport.batch(history, codec).getBytes(StandardCharsets.UTF_8));

        assertThat(lines).hasSize(history.size());
        assertThat(batch).hasSize(history.size());
        for (int i = 0; i < history.size(); i++) {
            assertThat(codec.toRecord(codec.deserialize(lines[i].getBytes(StandardCharsets.UTF_8))))
                    .isEqualTo(history.get(i).stored().record());
            assertThat(codec.toRecord(batch.get(i))).isEqualTo(history.get(i).stored().record());
        }
        assertThat(Arrays.stream(lines)).allMatch(l -> l.startsWith("{") && l.endsWith("}"));
    }

    @Test
    void htmlEscapingLeavesNoMarkup() {
        assertThat(Escaping.html(HOSTILE)).doesNotContain("<", ">")
                .isEqualTo("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; | [x](javascript:alert(1))");
    }
}
