package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.web.WebHarness.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever a responder types into the status update's fields, the preview ({@code GET
 * .../status-update} with the fields in the query) and the post ({@code POST .../status-update}
 * with them in the body) agree: both refuse it naming the same field and write nothing, or the
 * note posted is exactly the previewed text. One server serves every try; its clock stands still,
 * so the duration in the text is the same for both.
 */
class StatusUpdatePreviewProperties {

    private static WebHarness h;
    private static String id;

    @BeforeContainer
    static void start() {
        h = new WebHarness();
        id = h.declare("Checkout failures", "SEV-1", "checkout");
    }

    @AfterContainer
    static void stop() {
        h.close();
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                // Well-formed text only: a query string cannot carry an unpaired surrogate (URLEncoder writes '?').
                Arbitraries.strings().all().ofMaxLength(6).filter(s -> s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF)),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12),
                Arbitraries.of(PageEscapingProperties.FRAGMENTS).filter(f -> !f.equals("\ud800")),
                Arbitraries.of("x".repeat(2000), "\n\n", "  ", "\u2028"));
        return piece.list().ofMaxSize(5).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<Long> minutes() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.longs().between(1, 1440)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0L, -1L, 1441L, 99_999L)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Property(tries = 150)
    void previewAndPostAgree(@ForAll("texts") String impact, @ForAll("texts") String theory, @ForAll("texts") String next,
            @ForAll("minutes") long minutes) {
        String base = "/api/v1/incidents/" + id + "/status-update";
        Reply preview = h.get(base + "?impact=" + enc(impact) + "&current_theory=" + enc(theory) + "&next_action=" + enc(next)
                + "&next_update_minutes=" + minutes, "rita");
        ObjectNode body = WebHarness.JSON.createObjectNode().put("impact", impact).put("current_theory", theory)
                .put("next_action", next).put("next_update_minutes", minutes);
        long before = h.eventCount();

        Reply post = h.post(base, "rita", body.toString());

        Statistics.collect(preview.status() == 200 ? "posted" : "refused: " + preview.json().path("field").asText());
        if (preview.status() == 200) {
            assertThat(post.status()).as(post.body()).isEqualTo(200);
            assertThat(post.json().get("events").get(0).get("data").get("note").asText())
                    .isEqualTo(preview.json().get("text").asText());
            assertThat(preview.json().get("text").asText().lines()).as("each field one line of the update").hasSize(10);
        } else {
            String field = preview.problem(422).get("field").asText();
            assertThat(post.problem(422).get("field").asText()).isEqualTo(field);
            assertThat(h.eventCount()).isEqualTo(before);
        }
    }
}
