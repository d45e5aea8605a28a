package dev.incidentkit.web;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Reads the status page's Atom feed as a feed reader would, with a parser that fetches and expands nothing. */
final class StatusFeeds {

    static final String ATOM = "http://www.w3.org/2005/Atom";

    private StatusFeeds() {}

    /** @return the document, parsed with doctypes refused and external entities off */
    static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("the feed is not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    /** One entry, as read. */
    record Entry(String id, String title, String updated, String published, String content, String contentType,
            String link, List<String> categories) {}

    /** @return the feed's entries, in document order */
    static List<Entry> entries(Document feed) {
        List<Entry> out = new ArrayList<>();
        NodeList entries = feed.getDocumentElement().getElementsByTagNameNS(ATOM, "entry");
        for (int i = 0; i < entries.getLength(); i++) {
            Element e = (Element) entries.item(i);
            Element content = child(e, "content");
            List<String> categories = new ArrayList<>();
            NodeList c = e.getElementsByTagNameNS(ATOM, "category");
            for (int j = 0; j < c.getLength(); j++) {
                categories.add(((Element) c.item(j)).getAttribute("term"));
            }
            out.add(new Entry(text(e, "id"), text(e, "title"), text(e, "updated"), text(e, "published"),
                    content.getTextContent(), content.getAttribute("type"), child(e, "link").getAttribute("href"),
                    List.copyOf(categories)));
        }
        return out;
    }

    /** @return the text of a feed-level element, such as {@code updated} */
    static String feedText(Document feed, String name) {
        return text(feed.getDocumentElement(), name);
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent();
    }

    private static Element child(Element parent, String name) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ATOM.equals(e.getNamespaceURI()) && e.getLocalName().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no atom:" + name + " in " + parent.getLocalName());
    }
}
