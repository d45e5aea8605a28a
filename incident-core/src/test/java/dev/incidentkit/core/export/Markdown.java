package dev.incidentkit.core.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * Exported Markdown as a CommonMark + GitHub Flavored Markdown parser reads it (tables,
 * strikethrough and bare-URL autolinks on), so that tests check the structure a renderer sees.
 */
final class Markdown {

    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(TablesExtension.create(), StrikethroughExtension.create(), AutolinkExtension.create()))
            .build();

    private Markdown() {}

    static Node parse(String markdown) {
        return PARSER.parse(markdown);
    }

    static List<Node> children(Node node) {
        List<Node> out = new ArrayList<>();
        for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
            out.add(c);
        }
        return out;
    }

    static List<Node> descendants(Node node) {
        List<Node> out = new ArrayList<>();
        for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
            out.add(c);
            out.addAll(descendants(c));
        }
        return out;
    }

    /** The text a reader sees in an inline container: line breaks as newlines, links as their text. */
    static String text(Node node) {
        StringBuilder out = new StringBuilder();
        for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof Text) {
                out.append(((Text) c).getLiteral());
            } else if (c instanceof HardLineBreak || c instanceof SoftLineBreak) {
                out.append('\n');
            } else {
                out.append(text(c));
            }
        }
        return out.toString();
    }

    /**
     * Whether an inline node is plain text: text, a line break, or a bare autolink to http(s) or
     * mail whose text is its own address (nothing hidden behind it).
     */
    static boolean isPlainInline(Node node) {
        if (node instanceof Text || node instanceof HardLineBreak || node instanceof SoftLineBreak) {
            return true;
        }
        if (node instanceof Link) {
            String destination = ((Link) node).getDestination();
            String shown = text(node);
            String lower = destination.toLowerCase(Locale.ROOT);
            boolean safeScheme = lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("ftp://")
                    || lower.startsWith("mailto:");
            boolean showsTarget = destination.equals(shown) || destination.equals("http://" + shown)
                    || destination.equals("https://" + shown) || destination.equals("mailto:" + shown);
            return safeScheme && showsTarget && children(node).stream().allMatch(c -> c instanceof Text);
        }
        return false;
    }
}
