package dev.incidentkit.web;

import static dev.incidentkit.web.HtmlPages.ATTRIBUTE;
import static dev.incidentkit.web.HtmlPages.EL;
import static dev.incidentkit.web.HtmlPages.HOSTILE;
import static dev.incidentkit.web.HtmlPages.MUSTACHE;
import static dev.incidentkit.web.HtmlPages.RLO;
import static dev.incidentkit.web.HtmlPages.SCRIPT;
import static dev.incidentkit.web.HtmlPages.assertPage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.testkit.Fixtures;
import dev.incidentkit.web.WebHarness.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hostile text written through the API into every field a page shows (title, description, notes,
 * action item and owner, postmortem, role assignee, cancel reason, a public update's title and
 * message) and into the list's filters and the incident page's previews (the status update's and
 * the public update's fields, sent back in the query):
 * every page shows it as text. The same story told with plain words on a second server gives
 * pages of exactly the same structure, tag for tag.
 */
@DisplayName("pages show hostile text only as text: escaped, never markup, script or a template expression")
class PageEscapingTest {

    static final String PLAIN = "plain words";

    private final WebHarness hostile = new WebHarness();
    private final WebHarness plain = new WebHarness();
    private Story hostileStory;
    private Map<String, String> hostilePages;
    private Map<String, String> plainPages;

    @BeforeEach
    void tell() {
        hostileStory = story(hostile, HOSTILE);
        hostilePages = pages(hostile, hostileStory, HOSTILE);
        plainPages = pages(plain, story(plain, PLAIN), PLAIN);
    }

    @AfterEach
    void stop() {
        hostile.close();
        plain.close();
    }

    record Story(String incident, String canceled, String fixture) {}

    private static Reply ok(Reply r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 201);
        return r;
    }

    private static String json(Consumer<ObjectNode> fields) {
        ObjectNode body = WebHarness.JSON.createObjectNode();
        fields.accept(body);
        return body.toString();
    }

    /** The walkthrough's kinds of writes, each carrying the text. */
    private static Story story(WebHarness h, String text) {
        String id = ok(h.post("/api/v1/incidents", "carl", json(b -> b.put("title", text).put("severity", "SEV-1")
                .put("service", "checkout").put("description", text + "\n" + text)))).json().get("incident").get("id").asText();
        String api = "/api/v1/incidents/" + id;
        ok(h.post(api + "/acknowledge", "rita", json(b -> b.put("note", text))));
        ok(h.post(api + "/notes", "carl", json(b -> b.put("note", text))));
        ok(h.post(api + "/assign", "carl", json(b -> b.put("role", "comms-lead").put("assignee", text))));
        ok(h.post(api + "/action-items", "carl", json(b -> b.put("text", text).put("owner", text).put("due", "2025-09-01"))));
        ok(h.post(api + "/postmortem", "carl", json(b -> {
            for (String field : List.of("summary", "impact", "root_cause", "contributing_factors", "resolution", "went_well",
                    "went_poorly")) {
                b.put(field, text);
            }
        })));
        ok(h.post(api + "/public-updates", "carl", json(b -> b.put("title", text).put("status", "identified")
                .put("impact", "partial_outage").put("message", text + "\n" + text))));
        String canceled = ok(h.post("/api/v1/incidents", "carl", json(b -> b.put("title", text).put("severity", "SEV-4")
                .put("service", "web")))).json().get("incident").get("id").asText();
        ok(h.post("/api/v1/incidents/" + canceled + "/cancel", "carl", json(b -> b.put("reason", text))));
        // The test kit's hostile incident (its texts, or plain words in their places), told through the API too.
        UnaryOperator<String> f = fixture -> text.equals(PLAIN) ? PLAIN : fixture;
        String fixture = ok(h.post("/api/v1/incidents", "carl", json(b -> b.put("title", text.equals(PLAIN) ? "other title" : Fixtures.HOSTILE_TITLE)
                .put("severity", "SEV-2").put("service", "checkout").put("description", f.apply(Fixtures.HOSTILE_DESCRIPTION)))))
                .json().get("incident").get("id").asText();
        String fixtureApi = "/api/v1/incidents/" + fixture;
        ok(h.post(fixtureApi + "/acknowledge", "carl", json(b -> b.put("note", f.apply(Fixtures.HOSTILE_ACK_NOTE)))));
        for (String note : Fixtures.HOSTILE_NOTES) {
            ok(h.post(fixtureApi + "/notes", "carl", json(b -> b.put("note", f.apply(note)))));
        }
        ok(h.post(fixtureApi + "/action-items", "carl", json(b -> b.put("text", f.apply(Fixtures.HOSTILE_ACTION_ITEM))
                .put("owner", f.apply(Fixtures.HOSTILE_ACTOR)))));
        ok(h.post(fixtureApi + "/assign", "carl", json(b -> b.put("role", "tech-lead").put("assignee", f.apply(Fixtures.HOSTILE_ACTOR)))));
        return new Story(id, canceled, fixture);
    }

    /** Every page that shows the text, or echoes it back from the URL. */
    private static Map<String, String> pages(WebHarness h, Story story, String text) {
        String q = URLEncoder.encode(text, StandardCharsets.UTF_8);
        var out = new LinkedHashMap<String, String>();
        out.put("dashboard", assertPage(h.get("/", "carl"), 200));
        out.put("list", assertPage(h.get("/incidents", "carl"), 200));
        out.put("list filtered by text", assertPage(h.get("/incidents?text=" + q, "carl"), 200));
        out.put("list of canceled", assertPage(h.get("/incidents?status=canceled", "carl"), 200));
        out.put("incident", assertPage(h.get("/incidents/" + story.incident(), "carl"), 200));
        out.put("incident, as the viewer", assertPage(h.get("/incidents/" + story.incident(), "vera"), 200));
        out.put("incident, previewing a status update", assertPage(h.get("/incidents/" + story.incident()
                + "?preview=status-update&impact=" + q + "&current_theory=" + q + "&next_action=" + q + "&next_update_minutes=20",
                "carl"), 200));
        out.put("incident, previewing a status update with a bad ETA", assertPage(h.get("/incidents/" + story.incident()
                + "?preview=status-update&impact=" + q + "&next_update_minutes=" + q, "carl"), 200));
        out.put("incident, previewing a public update", assertPage(h.get("/incidents/" + story.incident()
                + "?preview=public-update&title=" + q + "&status=monitoring&impact=degraded_performance&message=" + q, "carl"), 200));
        out.put("incident, previewing a public update with a bad status", assertPage(h.get("/incidents/" + story.incident()
                + "?preview=public-update&title=" + q + "&status=" + q + "&impact=" + q + "&message=" + q, "carl"), 200));
        out.put("the test kit's hostile incident", assertPage(h.get("/incidents/" + story.fixture(), "carl"), 200));
        out.put("canceled incident", assertPage(h.get("/incidents/" + story.canceled(), "carl"), 200));
        out.put("metrics", assertPage(h.get("/metrics", "carl"), 200));
        out.put("bad severity filter", assertPage(h.get("/incidents?severity=" + q, "carl"), 400));
        out.put("bad service filter", h.get("/incidents?service=" + q, "carl").body());
        // Without '/': Jetty refuses an encoded slash in a path before any page sees it (a 400 problem document).
        out.put("unknown incident", assertPage(h.get("/incidents/" + URLEncoder.encode(text.replace("/", ""),
                StandardCharsets.UTF_8).replace("+", "%20"), "carl"), 404));
        out.put("login", assertPage(h.get("/login?next=" + q, null), 200));
        return out;
    }

    @Test
    @DisplayName("the API refuses hostile text where only a name fits (service), so no page ever gets it")
    void serviceNamesAreRefused() {
        Reply declare = hostile.post("/api/v1/incidents", "carl", json(b -> b.put("title", "t").put("severity", "SEV-3")
                .put("service", HOSTILE)));
        Reply correlate = hostile.post("/api/v1/incidents/" + hostileStory.incident() + "/correlate", "carl",
                json(b -> b.put("service", HOSTILE)));

        assertThat(declare.status()).as(declare.body()).isEqualTo(422);
        assertThat(correlate.status()).as(correlate.body()).isEqualTo(422);
    }

    @Test
    @DisplayName("no page holds injected markup, an event handler, a second script or a javascript: link")
    void noMarkup() {
        hostilePages.forEach((name, html) -> {
            assertThat(html).as(name).doesNotContain(SCRIPT).doesNotContain(ATTRIBUTE).doesNotContain("<img")
                    .doesNotContain("<svg onload").doesNotContain("</script><");
            HtmlPages.assertNoInjectedScript(html);
        });
    }

    @Test
    @DisplayName("each page has the structure the plain story's page has, tag for tag and attribute for attribute")
    void sameStructure() {
        hostilePages.forEach((name, html) ->
                assertThat(HtmlPages.shape(html)).as(name).isEqualTo(HtmlPages.shape(plainPages.get(name))));
    }

    @Test
    @DisplayName("the text is shown, as written: template expressions are not evaluated, and a reader sees every character")
    void shownAsWritten() {
        for (String name : List.of("dashboard", "list", "list filtered by text", "incident", "canceled incident",
                "incident, previewing a status update", "incident, previewing a public update")) {
            String html = hostilePages.get(name);
            assertThat(HtmlPages.decode(html)).as(name).contains(HOSTILE);
            assertThat(html).as(name).contains(MUSTACHE).contains(EL);
        }
        // The core's message cuts a long value short.
        assertThat(HtmlPages.decode(hostilePages.get("bad severity filter"))).contains("got \"" + SCRIPT + " " + ATTRIBUTE.substring(0, 10));
        assertThat(HtmlPages.decode(hostilePages.get("unknown incident"))).contains(HOSTILE.replace("/", ""));
        String kit = HtmlPages.decode(hostilePages.get("the test kit's hostile incident"));
        assertThat(kit).contains(Fixtures.HOSTILE_TITLE, Fixtures.HOSTILE_ACK_NOTE, Fixtures.HOSTILE_ACTION_ITEM, Fixtures.HOSTILE_ACTOR);
        assertThat(kit).contains(Fixtures.HOSTILE_NOTES.toArray(String[]::new));
        String incident = hostilePages.get("incident");
        String shown = HtmlPages.decode(incident);
        // Title, description (twice), notes, the assignee, the item and its owner, seven postmortem sections.
        assertThat(count(shown, HOSTILE)).as("the incident page shows every field").isGreaterThanOrEqualTo(14);
        String h1 = HtmlPages.between(incident, "<h1>", "</h1>");
        assertThat(HtmlPages.decode(HtmlPages.between(h1, "<bdi>", "</bdi>"))).isEqualTo(HOSTILE);
    }

    @Test
    @DisplayName("the text filter is echoed back into its input's value, escaped, and survives a round trip")
    void filterEcho() {
        String html = hostilePages.get("list filtered by text");

        assertThat(HtmlPages.tags(html)).filteredOn(t -> t.attribute("id").equals(java.util.Optional.of("f-text")))
                .singleElement().satisfies(t -> assertThat(HtmlPages.decode(t.attribute("value").orElseThrow())).isEqualTo(HOSTILE));
        assertThat(html).contains("<tr data-incident=");
    }

    /**
     * A right-to-left override in user text reorders what follows it up to the end of its
     * paragraph: on the incident page, an action item's owner and due day. Isolated in a
     * {@code <bdi>} (or an element with {@code dir="auto"}), it reorders only itself.
     */
    @Test
    @DisplayName("a bidi override in user text is isolated and cannot reorder the page's own words")
    void bidiIsolated() {
        var leaks = new java.util.TreeSet<String>();
        hostilePages.forEach((name, html) -> {
            for (int i = html.indexOf(RLO); i >= 0; i = html.indexOf(RLO, i + 1)) {
                HtmlPages.Place place = HtmlPages.place(html, i);
                String tag = place.tag();
                boolean isolated = place.inTag() // an attribute value, such as an input's: a box of its own
                        || tag.startsWith("<bdi") || tag.contains(" dir=") || tag.startsWith("<title") || tag.startsWith("<textarea");
                if (!isolated) {
                    leaks.add(name + ": " + tag);
                }
            }
        });
        assertThat(leaks).as("text holding U+202E not isolated from the page's words").isEmpty();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
