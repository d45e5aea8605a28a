package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.web.WebHarness.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GET /api/v1/incidents/{id}/escalation, /escalations (viewers) and /admin/escalator (admins): the escalator's state")
class EscalationReadsTest {

    private final EscalationFixture f = new EscalationFixture();
    private final WebHarness h = f.h;

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    @DisplayName("an incident's escalation while it runs, once acknowledged and once exhausted; the running ones soonest first")
    void escalationOverTime() {
        String checkout = h.declare();
        String payments = f.declarePayments();
        assertThat(f.escalator().tick().pages()).isEqualTo(3);

        JsonNode c = escalation(checkout);
        assertThat(c.get("policy_id").asText()).isEqualTo("checkout");
        assertThat(c.get("incident_id").asText()).isEqualTo(checkout);
        assertThat(c.get("status").asText()).isEqualTo("running");
        assertThat(c.get("severity").asText()).isEqualTo("SEV-2");
        assertThat(c.get("triggered_at").asText()).isEqualTo("2025-08-23T14:00:00Z");
        assertThat(c.get("round").asInt()).isEqualTo(1);
        assertThat(c.get("level").asInt()).isEqualTo(2);
        assertThat(c.get("next_at").asText()).isEqualTo("2025-08-23T14:05:00Z");
        assertThat(c.get("last_level").asInt()).isEqualTo(1);
        assertThat(c.get("last_paged")).extracting(JsonNode::asText).containsExactly("ada", "dan");
        JsonNode p = escalation(payments);
        assertThat(p.get("policy_id").asText()).isEqualTo(EscalationFixture.HOSTILE);
        assertThat(p.get("severity").asText()).isEqualTo("SEV-1");
        assertThat(p.get("next_at").asText()).isEqualTo("2025-08-23T14:10:00Z");
        assertThat(p.get("last_paged")).extracting(JsonNode::asText).containsExactly(EscalationFixture.HOSTILE);
        assertThat(running("")).containsExactly(checkout, payments);
        assertThat(running("?limit=1")).containsExactly(checkout);
        assertThat(running("?limit=500")).containsExactly(checkout, payments);

        h.clock.advance(Duration.ofMinutes(2));
        Reply ack = h.post("/api/v1/incidents/" + checkout + "/acknowledge", "rita", "{}");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        f.escalator().tick();
        c = escalation(checkout);
        assertThat(c.get("status").asText()).isEqualTo("acknowledged");
        assertThat(c.get("next_at").isNull()).isTrue();
        assertThat(c.get("last_paged")).extracting(JsonNode::asText).containsExactly("ada", "dan");
        assertThat(running("")).containsExactly(payments);

        for (long minutes : new long[] {10, 15, 30}) {
            h.clock.set(WebHarness.START.plus(Duration.ofMinutes(minutes)));
            f.escalator().tick();
        }
        p = escalation(payments);
        assertThat(p.get("status").asText()).isEqualTo("exhausted");
        assertThat(p.get("next_at").isNull()).isTrue();
        assertThat(p.get("level").asInt()).isEqualTo(2);
        assertThat(p.get("last_level").asInt()).isEqualTo(2);
        assertThat(p.get("last_paged")).extracting(JsonNode::asText).containsExactly("eve");
        assertThat(running("")).isEmpty();
    }

    @Test
    @DisplayName("an incident no policy covers is a 404 saying it is not escalated; an unknown one the incident routes' 404")
    void notEscalated() {
        String search = h.declare("Search empty", "SEV-3", "search");
        f.escalator().tick();

        JsonNode problem = h.get("/api/v1/incidents/" + search + "/escalation", "vera").problem(404);
        assertThat(problem.get("detail").asText()).startsWith(search + " is not escalated");
        assertThat(problem.get("type").asText()).endsWith("/not-found");
        JsonNode unknown = h.get("/api/v1/incidents/INC-2099-999/escalation", "vera").problem(404);
        assertThat(unknown.get("type").asText()).endsWith("/incident-not-found");
        assertThat(h.get("/api/v1/incidents/INC-2099-999", "vera").problem(404).get("type")).isEqualTo(unknown.get("type"));
    }

    @Test
    @DisplayName("limit outside 1..500, or not a number, is a 400 naming limit; an unknown parameter a 400")
    void badLimit() {
        for (String limit : List.of("0", "501", "-1", "abc", "", "1.5", "99999999999")) {
            assertThat(h.get("/api/v1/escalations?limit=" + limit, "vera").problem(400).get("field").asText()).as(limit)
                    .isEqualTo("limit");
        }
        h.get("/api/v1/escalations?policy=checkout", "vera").problem(400);
    }

    @Test
    @DisplayName("the reads take a viewer (403 without a role, 401 without credentials); the status an admin")
    void roles() {
        String checkout = h.declare();
        f.escalator().tick();
        for (String path : List.of("/api/v1/incidents/" + checkout + "/escalation", "/api/v1/escalations")) {
            assertThat(h.get(path, "vera").status()).as(path).isEqualTo(200);
            h.get(path, "nora").problem(403);
            h.get(path, null).problem(401);
        }
        assertThat(h.get("/api/v1/admin/escalator", "ada").status()).isEqualTo(200);
        for (String user : List.of("vera", "carl", "nora")) {
            h.get("/api/v1/admin/escalator", user).problem(403);
        }
        h.get("/api/v1/admin/escalator", null).problem(401);
    }

    @Test
    @DisplayName("the admin status: steps taken, failures with the last one, undeliverable pages")
    void status() {
        String checkout = h.declare();
        f.escalator().tick();
        JsonNode fine = h.get("/api/v1/admin/escalator", "ada").json();
        assertThat(fine.get("steps").asLong()).isEqualTo(1);
        assertThat(fine.get("failures").asLong()).isZero();
        assertThat(fine.get("undeliverable_pages").asLong()).isZero();
        assertThat(fine.get("last_failure").isNull()).isTrue();
        DocumentedShape.assertMatches("/api/v1/admin/escalator", fine);

        // The configuration breaks between two levels: the step fails, is counted, and is taken again later.
        f.config.set(() -> {
            throw new IllegalStateException("the on-call file is unreadable");
        });
        h.clock.advance(Duration.ofMinutes(5));
        f.escalator().tick();
        JsonNode failed = h.get("/api/v1/admin/escalator", "ada").json();
        assertThat(failed.get("failures").asLong()).isEqualTo(1);
        assertThat(failed.get("last_failure").get("at").asText()).isEqualTo("2025-08-23T14:05:00Z");
        assertThat(failed.get("last_failure").get("error").asText()).contains(checkout).contains("the on-call file is unreadable");
        DocumentedShape.assertMatches("/api/v1/admin/escalator", failed);
    }

    @Test
    @DisplayName("without an escalator the three routes are 404 saying so (after the role check)")
    void notConfigured() {
        try (WebHarness plain = new WebHarness(m -> m, b -> b.onCall(OnCallFixture.CONFIG))) {
            String id = plain.declare();
            for (String path : List.of("/api/v1/incidents/" + id + "/escalation", "/api/v1/escalations",
                    "/api/v1/escalations?limit=5")) {
                assertThat(plain.get(path, "vera").problem(404).get("detail").asText()).as(path)
                        .contains("scalation is not configured");
                plain.get(path, "nora").problem(403);
            }
            assertThat(plain.get("/api/v1/admin/escalator", "ada").problem(404).get("detail").asText())
                    .contains("scalation is not configured");
            plain.get("/api/v1/admin/escalator", "carl").problem(403);
        }
    }

    @Test
    @DisplayName("every answer has the shape the OpenAPI document gives it: running, acknowledged, exhausted, the list")
    void documentedShapes() {
        String checkout = h.declare();
        String payments = f.declarePayments();
        f.escalator().tick();
        DocumentedShape.assertMatches("/api/v1/incidents/{id}/escalation", escalation(checkout));
        DocumentedShape.assertMatches("/api/v1/escalations", h.get("/api/v1/escalations", "vera").json());
        h.post("/api/v1/incidents/" + checkout + "/acknowledge", "rita", "{}");
        for (long minutes : new long[] {10, 15, 30}) {
            h.clock.set(WebHarness.START.plus(Duration.ofMinutes(minutes)));
            f.escalator().tick();
        }
        DocumentedShape.assertMatches("/api/v1/incidents/{id}/escalation", escalation(checkout));
        DocumentedShape.assertMatches("/api/v1/incidents/{id}/escalation", escalation(payments));
        assertThat(escalation(payments).get("status").asText()).isEqualTo("exhausted");
        DocumentedShape.assertMatches("/api/v1/escalations", h.get("/api/v1/escalations", "vera").json());
    }

    private JsonNode escalation(String id) {
        Reply r = h.get("/api/v1/incidents/" + id + "/escalation", "vera");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private List<String> running(String query) {
        Reply r = h.get("/api/v1/escalations" + query, "vera");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("escalations").findValuesAsText("incident_id");
    }
}
