package dev.incidentkit.web.internal.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.statuspage.Component;
import dev.incidentkit.core.statuspage.PublicIncident;
import dev.incidentkit.core.statuspage.PublicUpdate;
import dev.incidentkit.core.statuspage.StatusPage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The status page's machine-readable representations, each defined once, here, as the reference
 * of its format: the JSON {@value #FORMAT} (documented by the OpenAPI document's {@code
 * StatusPage} schema, held to a golden file by the tests) and an Atom 1.0 feed (RFC 4287) of the
 * public updates. Both are written from a {@link StatusPage} alone, so that nothing but public
 * updates, the incidents' ids and their listed services can reach them. Neither holds the instant
 * it was made: a representation changes only when the page does, and its entity tag with it.
 */
final class StatusFormats {

    /** The name and version of the JSON format: a client checks it before reading the rest. */
    static final String FORMAT = "incidentkit-status/1";

    /** Plain Jackson, no default typing: only trees built here are written. */
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private StatusFormats() {}

    /** @return when the latest public update on the page was posted, if one is */
    static Optional<Instant> updatedAt(StatusPage page) {
        return Stream.concat(page.active().stream(), page.history().stream())
                .map(i -> i.latest().postedAt()).max(Comparator.naturalOrder());
    }

    /**
     * @param page the page
     * @param title its title
     * @return the page in the JSON format {@value #FORMAT}, UTF-8
     */
    static byte[] json(StatusPage page, String title) {
        ObjectNode out = JSON.createObjectNode();
        out.put("format", FORMAT);
        out.put("title", title);
        out.put("headline", page.headline());
        out.put("status", page.overall().wireName());
        out.put("updated_at", updatedAt(page).map(Instant::toString).orElse(null));
        out.put("history_days", page.window().toDays());
        ArrayNode components = out.putArray("components");
        for (Component c : page.components()) {
            components.addObject().put("name", c.name()).put("status", c.status().wireName());
        }
        ArrayNode active = out.putArray("active_incidents");
        page.active().forEach(i -> active.add(incident(i)));
        ArrayNode history = out.putArray("resolved_incidents");
        page.history().forEach(i -> history.add(incident(i)));
        try {
            return JSON.writeValueAsBytes(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers is JSON", e);
        }
    }

    private static ObjectNode incident(PublicIncident i) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", i.id());
        out.put("title", i.title());
        out.put("status", i.status().wireName());
        out.put("impact", i.impact().wireName());
        ArrayNode components = out.putArray("components");
        i.components().forEach(components::add);
        out.put("started_at", i.startedAt().toString());
        out.put("resolved_at", i.resolvedAt().map(Instant::toString).orElse(null));
        out.put("updated_at", i.latest().postedAt().toString());
        ArrayNode updates = out.putArray("updates");
        for (PublicUpdate u : i.updates()) {
            updates.addObject().put("id", u.id().toString()).put("posted_at", u.postedAt().toString())
                    .put("title", u.title()).put("status", u.status().wireName()).put("impact", u.impact().wireName())
                    .put("message", u.message());
        }
        return out;
    }

    /**
     * An Atom 1.0 feed with one entry per public update on the page, newest first: its id {@code
     * urn:uuid:} and the update's event id, its title the public status and title ({@code
     * Monitoring: Checkout issues}), updated and published when it was posted, its content the
     * message as text, a category per affected component, and a link to the incident on the
     * page. Links are relative to the feed's own address.
     *
     * @param page the page
     * @param title its title: the feed's title and author
     * @param since the feed's updated instant while no update is on the page
     * @return the feed, UTF-8
     */
    static byte[] atom(StatusPage page, String title, Instant since) {
        record Entry(PublicIncident incident, PublicUpdate update) {}
        List<Entry> entries = new ArrayList<>();
        Stream.concat(page.active().stream(), page.history().stream())
                .forEach(i -> i.updates().forEach(u -> entries.add(new Entry(i, u))));
        // Stable: updates of one instant keep their incident's order, the later one first.
        entries.sort(Comparator.comparing((Entry e) -> e.update().postedAt()).reversed());
        StringBuilder x = new StringBuilder(4096);
        x.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        x.append("  <id>urn:uuid:").append(UUID.nameUUIDFromBytes(("incidentkit-status:" + title).getBytes(StandardCharsets.UTF_8)))
                .append("</id>\n");
        element(x, "  ", "title", title);
        element(x, "  ", "subtitle", page.headline());
        element(x, "  ", "updated", updatedAt(page).orElse(since).toString());
        x.append("  <author>\n");
        element(x, "    ", "name", title);
        x.append("  </author>\n");
        x.append("  <link rel=\"alternate\" type=\"text/html\" href=\"/status\"/>\n");
        x.append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"/status.atom\"/>\n");
        x.append("  <generator>IncidentKit</generator>\n");
        for (Entry e : entries) {
            PublicUpdate u = e.update();
            x.append("  <entry>\n");
            element(x, "    ", "id", "urn:uuid:" + u.id());
            element(x, "    ", "title", u.status().label() + ": " + u.title());
            element(x, "    ", "updated", u.postedAt().toString());
            element(x, "    ", "published", u.postedAt().toString());
            x.append("    <link rel=\"alternate\" type=\"text/html\" href=\"/status#").append(escape(e.incident().id()))
                    .append("\"/>\n");
            for (String component : e.incident().components()) {
                x.append("    <category term=\"").append(escape(component)).append("\"/>\n");
            }
            x.append("    <content type=\"text\">").append(escape(u.message())).append("</content>\n");
            x.append("  </entry>\n");
        }
        x.append("</feed>\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void element(StringBuilder x, String indent, String name, String text) {
        x.append(indent).append('<').append(name).append('>').append(escape(text)).append("</").append(name).append(">\n");
    }

    /**
     * Escapes text for XML 1.0 element content and double-quoted attributes: the five markup
     * characters as references, a carriage return as {@code &#13;} (which a parser would
     * otherwise turn into a newline), and a code point XML cannot carry (a control character, an
     * unpaired surrogate, U+FFFE, U+FFFF) as U+FFFD.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#13;");
                default -> {
                    boolean allowed = cp == '\t' || cp == '\n' || (cp >= 0x20 && cp <= 0xD7FF)
                            || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
                    out.appendCodePoint(allowed ? cp : 0xFFFD);
                }
            }
        });
        return out.toString();
    }
}
