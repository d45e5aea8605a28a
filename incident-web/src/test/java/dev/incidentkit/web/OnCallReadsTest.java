package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.web.WebHarness.Reply;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GET /api/v1/oncall, /schedules, /schedules/{id}/shifts and /escalation-policies: reads for viewers")
class OnCallReadsTest {

    private final AtomicReference<OnCallConfig> config = new AtomicReference<>(OnCallFixture.CONFIG);
    private final WebHarness h = new WebHarness(m -> m, b -> b.onCall(config::get));

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    @DisplayName("who is on call now (the clock's) or at an instant, by schedule, until when and why")
    void onCallNow() {
        Reply r = h.get("/api/v1/oncall", "vera");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode root = r.json();
        assertThat(root.get("at").asText()).isEqualTo("2025-08-23T14:00:00Z");
        JsonNode primary = root.get("schedules").get(0);
        assertThat(primary.get("id").asText()).isEqualTo("primary");
        assertThat(primary.get("name").asText()).isEqualTo("Primary");
        assertThat(primary.get("on_call")).extracting(o -> o.get("person").asText()).containsExactly("ada", "dan");
        JsonNode ada = primary.get("on_call").get(0);
        assertThat(ada.get("until").asText()).isEqualTo("2025-08-25T09:00:00Z");
        assertThat(ada.get("origin").get("kind").asText()).isEqualTo("layer");
        assertThat(ada.get("origin").get("layer").asText()).isEqualTo("Weekly");
        assertThat(ada.get("origin").get("why").asText()).isEqualTo("layer Weekly");
        JsonNode dan = primary.get("on_call").get(1);
        assertThat(dan.get("until").asText()).isEqualTo("2025-08-23T18:00:00Z");
        assertThat(dan.get("origin").get("kind").asText()).isEqualTo("override");
        assertThat(dan.get("origin").get("number").asInt()).isEqualTo(1);
        assertThat(dan.get("origin").get("layer").isNull()).isTrue();
        JsonNode db = root.get("schedules").get(1);
        assertThat(db.get("name").asText()).isEqualTo("Database <b>&</b> co");
        assertThat(db.get("on_call")).isEmpty();

        JsonNode monday = h.get("/api/v1/oncall?at=2025-08-25T10:00:00%2B02:00", "vera").json();
        assertThat(monday.get("at").asText()).isEqualTo("2025-08-25T08:00:00Z");
        assertThat(monday.get("schedules").get(0).get("on_call")).extracting(o -> o.get("person").asText())
                .containsExactly("ada");
        JsonNode db10 = h.get("/api/v1/oncall?at=2025-08-26T08:00:00Z", "vera").json().get("schedules").get(1);
        assertThat(db10.get("on_call")).extracting(o -> o.get("person").asText()).containsExactly(OnCallFixture.HOSTILE);
        assertThat(db10.get("on_call").get(0).get("until").asText()).isEqualTo("2025-08-26T15:00:00Z");
    }

    @Test
    @DisplayName("a configuration changed by the host's supplier is served at the next request")
    void supplierAskedEachTime() {
        config.set(OnCallConfig.of(List.of(OnCallFixture.CONFIG.schedule("db").orElseThrow()), List.of()));
        assertThat(h.get("/api/v1/oncall", "vera").json().get("schedules")).extracting(s -> s.get("id").asText())
                .containsExactly("db");
        assertThat(h.get("/api/v1/escalation-policies", "vera").json().get("escalation_policies")).isEmpty();
    }

    @Test
    @DisplayName("the schedules: zone, layers with rotation kind and participants, restrictions, overrides")
    void schedules() {
        Reply r = h.get("/api/v1/schedules", "vera");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode schedules = r.json().get("schedules");
        assertThat(schedules).extracting(s -> s.get("id").asText()).containsExactly("primary", "db");
        JsonNode primary = schedules.get(0);
        assertThat(primary.get("zone").asText()).isEqualTo("UTC");
        JsonNode rotation = primary.get("layers").get(0).get("rotation");
        assertThat(rotation.get("kind").asText()).isEqualTo("weekly");
        assertThat(rotation.get("shift_length").asInt()).isEqualTo(1);
        assertThat(rotation.get("start").asText()).isEqualTo("2025-08-18T09:00");
        assertThat(rotation.get("participants")).extracting(JsonNode::asText).containsExactly("ada", "bo", "cy");
        assertThat(primary.get("overrides").get(0).get("kind").asText()).isEqualTo("add");
        assertThat(primary.get("overrides").get(0).get("replacement").isNull()).isTrue();
        JsonNode db = schedules.get(1);
        assertThat(db.get("zone").asText()).isEqualTo("Europe/Berlin");
        JsonNode restriction = db.get("layers").get(0).get("restrictions").get(0);
        assertThat(restriction.get("days")).hasSize(5);
        assertThat(restriction.get("days").get(0).asText()).isEqualTo("monday");
        assertThat(restriction.get("length").asText()).isEqualTo("PT8H");
        assertThat(db.get("temporary_schedules")).isEmpty();
    }

    @Test
    @DisplayName("a schedule's shifts over a span, joined and sorted, with why")
    void shifts() {
        Reply r = h.get("/api/v1/schedules/primary/shifts?from=2025-08-18T09:00:00Z&to=2025-09-08T09:00:00Z", "vera");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode root = r.json();
        assertThat(root.get("schedule").asText()).isEqualTo("primary");
        assertThat(root.get("from").asText()).isEqualTo("2025-08-18T09:00:00Z");
        assertThat(root.get("shifts")).extracting(s -> s.get("person").asText() + " " + s.get("start").asText() + " "
                + s.get("end").asText() + " " + s.get("origin").get("why").asText())
                .containsExactly(
                        "ada 2025-08-18T09:00:00Z 2025-08-25T09:00:00Z layer Weekly",
                        "dan 2025-08-23T12:00:00Z 2025-08-23T18:00:00Z override 1",
                        "bo 2025-08-25T09:00:00Z 2025-09-01T09:00:00Z layer Weekly",
                        "cy 2025-09-01T09:00:00Z 2025-09-08T09:00:00Z layer Weekly");
        assertThat(h.get("/api/v1/schedules/primary/shifts?from=2025-08-18T09:00:00Z&to=2026-08-19T09:00:00Z", "vera")
                .status()).isEqualTo(200);
    }

    @Test
    @DisplayName("paging metrics: pages per person with the time to acknowledge, per shift of a schedule, as documented")
    void paging() {
        String id = h.declare();
        java.time.Instant t = h.clock.instant();
        dev.incidentkit.core.CommandContext escalation = dev.incidentkit.core.CommandContext.as("carl");
        h.incidents.submit(id, new dev.incidentkit.core.Command.RecordPage("ada", 1, 1, "payments", "level 1", List.of("slack")), escalation);
        h.clock.advance(java.time.Duration.ofMinutes(5));
        h.incidents.submit(id, new dev.incidentkit.core.Command.RecordPage("ben", 2, 1, "payments", "level 2", List.of()), escalation);
        h.clock.advance(java.time.Duration.ofMinutes(7));
        h.incidents.acknowledge(id, "on it", escalation);
        String span = "from=" + t.minusSeconds(60) + "&to=" + t.plusSeconds(3600);

        Reply r = h.get("/api/v1/oncall/paging?" + span + "&policy=" + policy() + "&schedule=primary", "vera");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode doc = r.json();
        assertThat(doc.get("pages").asInt()).isEqualTo(2);
        assertThat(doc.get("people").get(0).get("person").asText()).isEqualTo("ada");
        assertThat(doc.get("people").get(0).get("time_to_acknowledge_median_seconds").asLong()).isEqualTo(720);
        assertThat(doc.get("people").get(1).get("time_to_acknowledge_median_seconds").asLong()).isEqualTo(420);
        assertThat(doc.get("schedule").asText()).isEqualTo("primary");
        DocumentedShape.assertMatches("/api/v1/oncall/paging", doc);
        DocumentedShape.assertMatches("/api/v1/oncall/paging", h.get("/api/v1/oncall/paging?" + span + "&policy=" + policy(), "vera").json());
        assertField(h.get("/api/v1/oncall/paging?to=" + t, "vera"), "from");
        assertField(h.get("/api/v1/oncall/paging?from=" + t + "&to=" + t, "vera"), "to");
        assertField(h.get("/api/v1/oncall/paging?" + span + "&policy=nope", "vera"), "policy");
        h.get("/api/v1/oncall/paging?" + span + "&policy=" + policy() + "&schedule=nope", "vera").problem(404);
    }

    private String policy() {
        return config.get().policies().keySet().iterator().next();
    }

    @Test
    @DisplayName("bad or missing instants, to not after from and spans over 366 days are 400 naming the parameter")
    void badShiftParameters() {
        String path = "/api/v1/schedules/primary/shifts";
        assertField(h.get(path + "?to=2025-08-25T00:00:00Z", "vera"), "from");
        assertField(h.get(path + "?from=2025-08-18T00:00:00Z", "vera"), "to");
        assertField(h.get(path + "?from=yesterday&to=2025-08-25T00:00:00Z", "vera"), "from");
        assertField(h.get(path + "?from=2025-08-18T00:00:00Z&to=2025-08-25", "vera"), "to");
        assertField(h.get(path + "?from=2025-08-18T00:00:00Z&to=2025-08-18T00:00:00Z", "vera"), "to");
        assertField(h.get(path + "?from=2025-08-18T00:00:00Z&to=2025-08-17T00:00:00Z", "vera"), "to");
        assertField(h.get(path + "?from=2025-08-18T00:00:00Z&to=2026-08-20T00:00:00Z", "vera"), "to");
        assertField(h.get("/api/v1/oncall?at=now", "vera"), "at");
        h.get(path + "?from=2025-08-18T00:00:00Z&to=2025-08-25T00:00:00Z&person=ada", "vera").problem(400);
        assertThat(h.get("/api/v1/schedules/nope/shifts?from=2025-08-18T00:00:00Z&to=2025-08-25T00:00:00Z", "vera")
                .problem(404).get("detail").asText()).contains("nope");
    }

    @Test
    @DisplayName("the escalation policies: levels with ISO-8601 delays and targets, repeat, coverage, calendar")
    void policies() {
        Reply r = h.get("/api/v1/escalation-policies", "vera");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode p = r.json().get("escalation_policies").get(0);
        assertThat(p.get("id").asText()).isEqualTo("checkout");
        assertThat(p.get("levels")).extracting(l -> l.get("escalate_after").asText()).containsExactly("PT5M", "PT15M");
        JsonNode second = p.get("levels").get(1);
        assertThat(second.get("targets")).extracting(t -> t.get("kind").asText() + ":" + t.get("id").asText())
                .containsExactly("person:carl", "schedule:db");
        assertThat(second.get("if_nobody_on_call").asText()).isEqualTo("wait");
        assertThat(second.get("severities")).extracting(JsonNode::asText).containsExactly("SEV-1", "SEV-2", "SEV-3", "SEV-4");
        assertThat(p.get("repeat").get("more_rounds").asInt()).isEqualTo(2);
        assertThat(p.get("repeat").get("until_acknowledged").asBoolean()).isFalse();
        assertThat(p.get("coverage").get("SEV-1").asText()).isEqualTo("always");
        assertThat(p.get("coverage").get("SEV-4").asText()).isEqualTo("business_hours");
        assertThat(p.get("calendar").get("hours")).hasSize(5);
    }

    @Test
    @DisplayName("each read takes a viewer: 403 without a role, 401 without credentials")
    void roles() {
        for (String path : List.of("/api/v1/oncall", "/api/v1/schedules", "/api/v1/escalation-policies",
                "/api/v1/schedules/primary/shifts?from=2025-08-18T00:00:00Z&to=2025-08-25T00:00:00Z")) {
            h.get(path, "nora").problem(403);
            h.get(path, null).problem(401);
            assertThat(h.get(path, "rita").status()).as(path).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("without an on-call configuration the routes are 404 saying so (after the role check)")
    void notConfigured() {
        try (WebHarness plain = new WebHarness()) {
            for (String path : List.of("/api/v1/oncall", "/api/v1/schedules", "/api/v1/escalation-policies",
                    "/api/v1/schedules/primary/shifts?from=2025-08-18T00:00:00Z&to=2025-08-25T00:00:00Z")) {
                assertThat(plain.get(path, "vera").problem(404).get("detail").asText()).as(path)
                        .contains("On-call is not configured");
                plain.get(path, "nora").problem(403);
            }
        }
    }

    @Test
    @DisplayName("every answer has the shape the OpenAPI document gives it (required fields, no others, types, enums)")
    void documentedShapes() {
        DocumentedShape.assertMatches("/api/v1/oncall", h.get("/api/v1/oncall", "vera").json());
        DocumentedShape.assertMatches("/api/v1/oncall", h.get("/api/v1/oncall?at=2025-08-26T08:00:00Z", "vera").json());
        DocumentedShape.assertMatches("/api/v1/schedules", h.get("/api/v1/schedules", "vera").json());
        DocumentedShape.assertMatches("/api/v1/schedules/{id}/shifts", h.get(
                "/api/v1/schedules/primary/shifts?from=2025-08-18T09:00:00Z&to=2025-09-08T09:00:00Z", "vera").json());
        DocumentedShape.assertMatches("/api/v1/escalation-policies", h.get("/api/v1/escalation-policies", "vera").json());
        // The check can fail: the schedules are not an on-call answer.
        assertThatThrownBy(() -> DocumentedShape.assertMatches("/api/v1/oncall", h.get("/api/v1/schedules", "vera").json()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("lacks required at");
    }

    private static void assertField(Reply r, String field) {
        assertThat(r.problem(400).get("field").asText()).as(r.body()).isEqualTo(field);
    }
}
