package dev.incidentkit.web;

import static dev.incidentkit.web.HtmlPages.assertPage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.core.timeline.Timeline;
import dev.incidentkit.core.timeline.TimelineEntry;
import dev.incidentkit.web.WebHarness.Reply;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever text an incident's title and a note hold, the incident page shows it as text: the page
 * has the structure of a twin incident whose title and note are {@code x}, tag for tag; it has the
 * layout's one script and no event-handler attribute; and the heading and the timeline's quote
 * read, once character references are decoded, exactly what was stored. One server serves every
 * try.
 */
class PageEscapingProperties {

    /** Pieces that mean something to HTML, to the pages' templates or to a renderer. */
    static final List<String> FRAGMENTS = List.of(HtmlPages.SCRIPT, HtmlPages.ATTRIBUTE, HtmlPages.JS_URL, HtmlPages.MUSTACHE,
            HtmlPages.EL, HtmlPages.RLO, "<", ">", "\"", "'", "&", "&amp;", "&#60;", "&lt;", "<!--", "-->", "]]>", "</textarea>",
            "</title>", "</q>", "</h1>", "<bdi>", "`", "=", " on", "onerror=", "\u2066", "\u00a0", "\ud83d\ude92", "\n", "\r\n",
            "\t", "\u0000", "\u001b", "\ud800", "@template", "@if", "!{", "$unsafe{x}");

    private static WebHarness h;

    @BeforeContainer
    static void start() {
        h = new WebHarness();
    }

    @AfterContainer
    static void stop() {
        h.close();
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(6),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(8),
                Arbitraries.of(FRAGMENTS));
        return piece.list().ofMinSize(1).ofMaxSize(8).map(pieces -> String.join("", pieces));
    }

    private static String body(String field, String value) {
        return WebHarness.JSON.createObjectNode().put(field, value).toString();
    }

    /** @return the new incident's id, or null when the API refused the title (as it must, with 422) */
    private static String declare(String title) {
        Reply r = h.post("/api/v1/incidents", "carl", WebHarness.JSON.createObjectNode().put("title", title)
                .put("severity", "SEV-3").put("service", "web").toString());
        if (r.status() != 201) {
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            return null;
        }
        return r.json().get("incident").get("id").asText();
    }

    private static boolean note(String id, String note) {
        Reply r = h.post("/api/v1/incidents/" + id + "/notes", "carl", body("note", note));
        if (r.status() != 200) {
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            return false;
        }
        return true;
    }

    @Property(tries = 200)
    void theIncidentPageShowsTitleAndNoteOnlyAsText(@ForAll("texts") String title, @ForAll("texts") String note) {
        String id = declare(title);
        Statistics.label("title").collect(id == null ? "refused" : "shown");
        if (id == null) {
            return;
        }
        boolean noted = note(id, note);
        Statistics.label("note").collect(noted ? "shown" : "refused");
        String twin = declare("x");
        if (noted) {
            assertThat(note(twin, "x")).isTrue();
        }

        String html = assertPage(h.get("/incidents/" + id, "carl"), 200);
        String plain = assertPage(h.get("/incidents/" + twin, "carl"), 200);

        HtmlPages.assertNoInjectedScript(html);
        assertThat(HtmlPages.shape(html)).isEqualTo(HtmlPages.shape(plain));
        String h1 = HtmlPages.between(html, "<h1><span class=\"id\">" + id + "</span> <bdi>", "</bdi></h1>");
        assertThat(h1).doesNotContain("<");
        assertThat(HtmlPages.decode(h1)).isEqualTo(h.incidents.find(id).orElseThrow().title());
        if (noted) {
            List<TimelineEntry> timeline = Timeline.of(h.incidents.history(id));
            String stored = timeline.get(timeline.size() - 1).text();
            String timelineHtml = HtmlPages.between(html, "<ol id=\"timeline\" class=\"timeline\">", "</ol>");
            String open = "<q dir=\"auto\">";
            String quote = timelineHtml.substring(timelineHtml.lastIndexOf(open) + open.length(), timelineHtml.lastIndexOf("</q>"));
            assertThat(quote).doesNotContain("<");
            assertThat(HtmlPages.decode(quote)).isEqualTo(stored);
        }
    }
}
