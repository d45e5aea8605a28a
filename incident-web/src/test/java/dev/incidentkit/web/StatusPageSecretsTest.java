package dev.incidentkit.web;

import static dev.incidentkit.core.CommandContext.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.ComponentStatus;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.PublicStatus;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.alert.AlertDetails;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * What the status page must never show: anything of an incident but its public updates. An
 * incident whose every internal text is hostile and secret-looking, with one hostile public
 * update of its own; the three representations hold the public text (escaped, and read back
 * exactly) and none of the secrets, raw or escaped.
 */
@DisplayName("the status page shows public updates only: no secret leaks, hostile text is escaped")
class StatusPageSecretsTest {

    static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String PASSWORD = "password=hunter2";
    static final String EMAIL = "jane.doe@example.com";
    /** Hostile and secret-looking, with a marker naming the field it was written to. */
    static String secret(String field) {
        return "<script>alert(1)</script> " + AWS_KEY + " " + PASSWORD + " " + EMAIL + " ]]> &entity; internal-" + field;
    }
    static final List<String> FIELDS = List.of("title", "description", "ack", "note", "mitigate", "action", "summary", "cause",
            "alert", "resolve");

    static final String PUBLIC_TITLE = "Checkout <em>slow</em> & \"failing\" ]]> &amp;";
    static final String PUBLIC_MESSAGE = "We see <script>alert('public')</script> errors & retries ]]> &public;\n"
            + "Second line: <img src=x onerror=alert(2)>";

    final WebHarness h = new WebHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    /** @return the hostile incident's id: every internal field secret, one public update */
    String hostileIncident() {
        String id = h.incidents.declare(Declare.of(secret("title"), Severity.SEV1, "checkout")
                .description(secret("description")), as("carl")).id();
        h.incidents.acknowledge(id, secret("ack"), Role.COMMANDER, as("carl"));
        h.incidents.assignRole(id, Role.COMMANDER, Actor.of(EMAIL), as("carl"));
        h.incidents.assignRole(id, Role.TECH_LEAD, Actor.of(AWS_KEY), as("carl"));
        h.incidents.addNote(id, secret("note"), as("carl"));
        h.incidents.execute(id, Command.AttachAlerts.of("alert-" + AWS_KEY, AlertDetails.of("alertmanager", "fp-1",
                secret("alert"), h.clock.instant())), as("carl"));
        h.incidents.addActionItem(id, secret("action"), Optional.of(Actor.of(EMAIL)), Optional.of(LocalDate.of(2025, 9, 1)),
                as("carl"));
        h.incidents.updatePostmortem(id, PostmortemUpdate.none().summary(secret("summary")).rootCause(secret("cause")),
                as("carl"));
        h.incidents.postPublicUpdate(id, PUBLIC_TITLE, PublicStatus.IDENTIFIED, ComponentStatus.MAJOR_OUTAGE, PUBLIC_MESSAGE,
                as("carl"));
        h.incidents.mitigate(id, secret("mitigate"), as("carl"));
        return id;
    }

    /** @return the three representations, as sent */
    List<String> representations() {
        return StatusPageTest.PUBLIC.stream().map(p -> h.get(p, null)).peek(r -> assertThat(r.status()).isEqualTo(200))
                .map(WebHarness.Reply::body).toList();
    }

    @Test
    @DisplayName("the public title and message, escaped, in all three; no internal text, person, key, password or marker")
    void onlyPublicText() {
        String id = hostileIncident();
        List<String> all = representations();
        String html = all.get(0);
        JsonNode json = h.get("/status.json", null).json();
        Document feed = StatusFeeds.parse(all.get(2));

        for (String body : all) {
            for (String decoded : List.of(body, HtmlPages.decode(body), json.toString())) {
                assertThat(decoded).doesNotContain(AWS_KEY).doesNotContain(PASSWORD).doesNotContain("hunter2")
                        .doesNotContain(EMAIL).doesNotContain("jane.doe").doesNotContain("&entity;")
                        .doesNotContain("internal-").doesNotContain("alert(1)").doesNotContain("carl");
            }
            assertThat(body).contains(id);
        }
        // HTML: the public text as text, nothing of it as markup.
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<em>");
        assertThat(HtmlPages.decode(HtmlPages.between(html, "<h3 id=\"" + id + "-title\" dir=\"auto\">", "</h3>")))
                .isEqualTo(PUBLIC_TITLE);
        assertThat(HtmlPages.decode(HtmlPages.between(html, "<p class=\"message\" dir=\"auto\">", "</p>")))
                .isEqualTo(PUBLIC_MESSAGE);
        // JSON: read back exactly.
        JsonNode incident = json.get("active_incidents").get(0);
        assertThat(incident.get("title").asText()).isEqualTo(PUBLIC_TITLE);
        assertThat(incident.get("updates").get(0).get("message").asText()).isEqualTo(PUBLIC_MESSAGE);
        // Atom: well-formed, read back exactly, no markup of the text.
        List<StatusFeeds.Entry> entries = StatusFeeds.entries(feed);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).title()).isEqualTo("Identified: " + PUBLIC_TITLE);
        assertThat(entries.get(0).content()).isEqualTo(PUBLIC_MESSAGE);
        assertThat(all.get(2)).doesNotContain("<script").doesNotContain("<em>").doesNotContain("]]>");
        // The internal status (mitigated) is not the public one (identified).
        assertThat(json.toString()).doesNotContain("mitigated");
    }

    @Test
    @DisplayName("an incident without a public update is not on the page at all")
    void noPublicUpdate() {
        String hidden = h.incidents.declare(Declare.of("Database failover " + AWS_KEY, Severity.SEV1, "billing")
                .description(secret("description")), as("carl")).id();
        h.incidents.addNote(hidden, secret("note"), as("carl"));
        String shown = StatusPageTest.incidentWithUpdate(h);

        for (String body : representations()) {
            assertThat(body).doesNotContain(hidden).doesNotContain("billing").doesNotContain("Database failover")
                    .doesNotContain(AWS_KEY).contains(shown);
        }
    }

    @Test
    @DisplayName("an incident resolved internally, its last public update saying identified, shows as resolved")
    void resolvedInternally() {
        String id = StatusPageTest.incidentWithUpdate(h);
        h.clock.advance(Duration.ofMinutes(30));
        h.incidents.resolve(id, secret("resolve"), as("carl"));

        JsonNode json = h.get("/status.json", null).json();
        DocumentedShape.assertMatches("/status.json", json);
        assertThat(json.get("active_incidents")).isEmpty();
        JsonNode incident = json.get("resolved_incidents").get(0);
        assertThat(incident.get("id").asText()).isEqualTo(id);
        assertThat(incident.get("status").asText()).isEqualTo("resolved");
        assertThat(incident.get("impact").asText()).isEqualTo("operational");
        assertThat(incident.get("resolved_at").asText()).isEqualTo(h.clock.instant().toString());
        assertThat(json.get("headline").asText()).isEqualTo("All systems operational");
        String html = h.get("/status", null).body();
        assertThat(html).contains("<h2 id=\"history-heading\">Past incidents")
                .contains("<article class=\"incident resolved\" id=\"" + id + "\"")
                .contains("Resolved</span>").contains("after 30 min").doesNotContain("internal-resolve");
    }

    @Test
    @DisplayName("a resolved incident leaves the page 90 days after its last update, by the injected clock")
    void history() {
        String id = StatusPageTest.incidentWithUpdate(h);
        h.incidents.postPublicUpdate(id, "Checkout issues", PublicStatus.RESOLVED, ComponentStatus.OPERATIONAL,
                "All payments work again.", as("carl"));

        h.clock.advance(Duration.ofDays(90).minusSeconds(1));
        assertThat(h.get("/status.json", null).json().get("resolved_incidents")).hasSize(1);
        assertThat(h.get("/status", null).body()).contains(id).contains("All payments work again.");

        h.clock.advance(Duration.ofSeconds(2).plus(StatusPageTest.REFRESH));
        List<String> after = representations();
        for (String body : after) {
            assertThat(body).doesNotContain(id).doesNotContain("All payments work again.");
        }
        assertThat(after.get(0)).contains("No incidents resolved in the past 90 days.");
        assertThat(StatusFeeds.entries(StatusFeeds.parse(after.get(2)))).isEmpty();
    }
}
