package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.core.SlaKind;
import dev.incidentkit.core.event.EventTypes;
import dev.incidentkit.core.sla.SlaMonitor;
import dev.incidentkit.web.WebHarness.Reply;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("stakeholder communication over HTTP: public updates, the internal status update, their events on the wire")
class CommsRoutesTest {

    static final String CHECKOUT = "{\"title\":\"Checkout issues\",\"status\":\"investigating\",\"impact\":\"partial_outage\","
            + "\"message\":\"We are investigating reports of checkout failures.\"}";
    static final String GUIDE_UPDATE = """
            \uD83D\uDD34 SEV-1 Incident: Checkout failures

            Status: Investigating
            Impact: ~30% of checkout attempts failing with 500 errors
            Duration: 23 minutes so far
            Team: @carl (IC), @rita (Tech Lead), @carol (Comms)

            Current theory: Database connection pool exhaustion
            Next action: Restarting order-service pods
            ETA to next update: 15 minutes""";

    private final WebHarness h = new WebHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    private static JsonNode ok(Reply r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.json();
    }

    private String api(String id, String path) {
        return "/api/v1/incidents/" + id + path;
    }

    /** The guides' SEV-1, at 14:23: investigating, three roles, the postmortem's impact and root cause written. */
    private String guideIncident() {
        String id = h.declare("Checkout failures", "SEV-1", "checkout");
        ok(h.post(api(id, "/acknowledge"), "carl", "{\"role\":\"commander\"}"), 200);
        ok(h.post(api(id, "/assign"), "carl", "{\"role\":\"tech-lead\",\"assignee\":\"rita\"}"), 200);
        ok(h.post(api(id, "/assign"), "carl", "{\"role\":\"comms-lead\",\"assignee\":\"carol\"}"), 200);
        ok(h.post(api(id, "/investigate"), "rita", "{}"), 200);
        ok(h.post(api(id, "/postmortem"), "carl", "{\"impact\":\"~30% of checkout attempts failing with 500 errors\","
                + "\"root_cause\":\"Database connection pool exhaustion\"}"), 200);
        h.clock.advance(Duration.ofMinutes(23));
        return id;
    }

    @Nested
    @DisplayName("public updates")
    class PublicUpdates {

        @Test
        @DisplayName("a commander posts one: 201 with the incident, ETag and the event; the list has it, oldest first")
        void post() {
            String id = h.declare();

            Reply first = h.post(api(id, "/public-updates"), "carl", CHECKOUT);
            h.clock.advance(Duration.ofMinutes(20));
            Reply second = h.post(api(id, "/public-updates"), "carl", "{\"title\":\"Checkout issues\",\"status\":\"Monitoring\","
                    + "\"impact\":\"Degraded performance\",\"message\":\"A fix is in place; we are watching it.\"}");

            JsonNode created = ok(first, 201);
            assertThat(first.header("ETag")).hasValue("\"2\"");
            assertThat(created.get("incident").get("version").asLong()).isEqualTo(2);
            JsonNode event = created.get("events").get(0);
            assertThat(event.get("type").asText()).isEqualTo(EventTypes.PUBLIC_UPDATE);
            assertThat(event.get("actor").asText()).isEqualTo("carl");
            assertThat(event.get("data").get("status").asText()).isEqualTo("investigating");
            assertThat(event.get("data").get("impact").asText()).isEqualTo("partial_outage");
            ok(second, 201);

            Reply list = h.get(api(id, "/public-updates"), "vera");
            JsonNode updates = ok(list, 200).get("public_updates");
            DocumentedShape.assertMatches("/api/v1/incidents/{id}/public-updates", list.json());
            assertThat(list.header("ETag")).hasValue("\"3\"");
            assertThat(updates).hasSize(2);
            assertThat(updates.get(0).get("status").asText()).isEqualTo("investigating");
            assertThat(updates.get(0).get("posted_at").asText()).isEqualTo("2025-08-23T14:00:00Z");
            assertThat(updates.get(0).get("posted_by").asText()).isEqualTo("carl");
            assertThat(updates.get(0).get("message").asText()).isEqualTo("We are investigating reports of checkout failures.");
            assertThat(updates.get(0).get("id").asText()).isEqualTo(event.get("id").asText());
            assertThat(updates.get(1).get("status").asText()).isEqualTo("monitoring");
            assertThat(updates.get(1).get("impact").asText()).isEqualTo("degraded_performance");
            assertThat(updates.get(1).get("version").asLong()).isEqualTo(3);
        }

        @Test
        @DisplayName("the list holds public updates only, never a note, and is empty without one")
        void onlyPublicUpdates() {
            String id = h.declare();
            ok(h.post(api(id, "/notes"), "rita", "{\"note\":\"internal: db-7 is the culprit\"}"), 200);

            assertThat(ok(h.get(api(id, "/public-updates"), "vera"), 200).get("public_updates")).isEmpty();
            ok(h.post(api(id, "/public-updates"), "carl", CHECKOUT), 201);
            assertThat(h.get(api(id, "/public-updates"), "vera").body()).doesNotContain("db-7");
        }

        @Test
        @DisplayName("a back-dated update takes its place in the list by when it was posted")
        void backDated() {
            String id = h.declare();
            h.clock.advance(Duration.ofMinutes(30));
            ok(h.post(api(id, "/public-updates"), "carl", CHECKOUT), 201);
            ok(h.post(api(id, "/public-updates"), "carl", CHECKOUT.replace("investigating\"", "identified\"")
                    .replace("}", ",\"occurred_at\":\"2025-08-23T14:10:00Z\"}")), 201);

            JsonNode updates = h.get(api(id, "/public-updates"), "vera").json().get("public_updates");

            assertThat(updates).extracting(u -> u.get("status").asText()).containsExactly("identified", "investigating");
        }

        @Test
        @DisplayName("a responder or a viewer is refused (403), a user without a role may not read them; nothing written")
        void roles() {
            String id = h.declare();
            long before = h.eventCount();

            assertThat(h.post(api(id, "/public-updates"), "rita", CHECKOUT).problem(403).get("detail").asText()).contains("rita");
            h.post(api(id, "/public-updates"), "vera", CHECKOUT).problem(403);
            h.get(api(id, "/public-updates"), "nora").problem(403);

            assertThat(h.eventCount()).isEqualTo(before);
            ok(h.post(api(id, "/public-updates"), "ada", CHECKOUT), 201);
        }

        @Test
        @DisplayName("a bad status or impact, a blank or missing field: 422 naming the field, nothing written")
        void refusals() {
            String id = h.declare();
            long before = h.eventCount();
            String base = api(id, "/public-updates");

            assertThat(h.post(base, "carl", CHECKOUT.replace("\"investigating\"", "\"down\"")).problem(422).get("field").asText())
                    .isEqualTo("status");
            assertThat(h.post(base, "carl", CHECKOUT.replace("\"partial_outage\"", "\"broken\"")).problem(422).get("field").asText())
                    .isEqualTo("impact");
            assertThat(h.post(base, "carl", CHECKOUT.replace("\"We are investigating reports of checkout failures.\"", "\" \\n \""))
                    .problem(422).get("field").asText()).isEqualTo("message");
            assertThat(h.post(base, "carl", CHECKOUT.replace("\"Checkout issues\"", "\"\"")).problem(422).get("field").asText())
                    .isEqualTo("title");
            assertThat(h.post(base, "carl", CHECKOUT.replace("\"Checkout issues\"", "\"Checkout\\nissues\"")).problem(422)
                    .get("field").asText()).isEqualTo("title");
            assertThat(h.post(base, "carl", "{\"title\":\"t\",\"status\":\"identified\",\"impact\":\"operational\"}").problem(422)
                    .get("field").asText()).isEqualTo("message");
            assertThat(h.post(base, "carl", CHECKOUT.replace("}", ",\"note\":\"x\"}")).problem(422).get("field").asText())
                    .isEqualTo("note");
            assertThat(h.post(base, "carl", CHECKOUT.replace("\"investigating\"", "7")).problem(422).get("field").asText())
                    .isEqualTo("status");
            h.post(base, "carl", "{\"title\":").problem(400);

            assertThat(h.eventCount()).isEqualTo(before);
        }

        @Test
        @DisplayName("closed, canceled and duplicate incidents take none (409); a resolved one does")
        void terminal() {
            String id = h.declare();
            ok(h.post(api(id, "/resolve"), "carl", "{}"), 200);
            ok(h.post(api(id, "/public-updates"), "carl", CHECKOUT.replace("investigating", "resolved")), 201);
            ok(h.post(api(id, "/close"), "carl", "{}"), 200);
            long before = h.eventCount();

            assertThat(h.post(api(id, "/public-updates"), "carl", CHECKOUT).problem(409).get("type").asText())
                    .endsWith("/illegal-transition");
            assertThat(h.eventCount()).isEqualTo(before);
            h.post(api("INC-2025-999", "/public-updates"), "carl", CHECKOUT).problem(404);
            h.get(api("INC-2025-999", "/public-updates"), "vera").problem(404);
        }

        @Test
        @DisplayName("Idempotency-Key: a retry answers the same 201 and records once; a stale If-Match is 412")
        void retriesAndVersions() {
            String id = h.declare();
            HttpRequest post = h.request(api(id, "/public-updates"), "carl").header("Content-Type", "application/json")
                    .header("Idempotency-Key", "public-1").POST(HttpRequest.BodyPublishers.ofString(CHECKOUT)).build();

            Reply first = h.send(post);
            Reply again = h.send(post);
            Reply stale = h.send(h.request(api(id, "/public-updates"), "carl").header("Content-Type", "application/json")
                    .header("If-Match", "\"1\"").POST(HttpRequest.BodyPublishers.ofString(CHECKOUT)).build());

            assertThat(first.status()).isEqualTo(201);
            assertThat(again.status()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(first.body());
            stale.problem(412);
            assertThat(h.incidents.history(id)).hasSize(2);
        }
    }

    @Nested
    @DisplayName("the internal status update")
    class StatusUpdates {

        @Test
        @DisplayName("GET drafts it from the incident, in the guides' shape, and writes nothing")
        void draft() {
            String id = guideIncident();
            long before = h.eventCount();

            Reply r = h.get(api(id, "/status-update?next_action=" + enc("Restarting order-service pods")), "vera");

            JsonNode u = ok(r, 200);
            DocumentedShape.assertMatches("/api/v1/incidents/{id}/status-update", u);
            assertThat(r.header("ETag")).hasValue("\"" + h.incidents.get(id).version() + "\"");
            assertThat(u.get("text").asText()).isEqualTo(GUIDE_UPDATE);
            assertThat(u.get("severity").asText()).isEqualTo("SEV-1");
            assertThat(u.get("status").asText()).isEqualTo("investigating");
            assertThat(u.get("duration").asText()).isEqualTo("PT23M");
            assertThat(u.get("ongoing").asBoolean()).isTrue();
            assertThat(u.get("team")).extracting(m -> m.get("role").asText() + " " + m.get("person").asText())
                    .containsExactly("commander carl", "tech-lead rita", "comms-lead carol");
            assertThat(u.get("current_theory").asText()).isEqualTo("Database connection pool exhaustion");
            assertThat(u.get("next_update_in").asText()).isEqualTo("PT15M");
            assertThat(u.get("next_update_minutes").asInt()).isEqualTo(15);
            assertThat(h.eventCount()).isEqualTo(before);
        }

        @Test
        @DisplayName("query edits: an empty one empties the field, line breaks become spaces, minutes set the ETA")
        void edits() {
            String id = guideIncident();

            JsonNode u = h.get(api(id, "/status-update?impact=&current_theory=" + enc("Pool\nexhausted") + "&next_update_minutes=30"),
                    "vera").json();

            assertThat(u.get("text").asText()).contains("Impact: not known yet\n", "Current theory: Pool exhausted\n",
                    "Next action: not known yet\n", "ETA to next update: 30 minutes");
        }

        @Test
        @DisplayName("bad query values are 422 naming the parameter, unknown ones 400; a user without a role 403")
        void badQueries() {
            String id = guideIncident();
            String base = api(id, "/status-update");

            for (String bad : List.of("0", "1441", "15.5", "soon", "-5")) {
                assertThat(h.get(base + "?next_update_minutes=" + enc(bad), "vera").problem(422).get("field").asText())
                        .as(bad).isEqualTo("next_update_minutes");
            }
            assertThat(h.get(base + "?impact=" + enc("x".repeat(2001)), "vera").problem(422).get("field").asText())
                    .isEqualTo("impact");
            assertThat(h.get(base + "?next_action=" + enc("bell\u0007"), "vera").problem(422).get("field").asText())
                    .isEqualTo("next_action");
            assertThat(h.get(base + "?eta=5", "vera").problem(400).get("field").asText()).isEqualTo("eta");
            h.get(base, "nora").problem(403);
            h.get(api("INC-2025-999", "/status-update"), "vera").problem(404);
        }

        @Test
        @DisplayName("POST posts exactly the previewed text as a note, which stops the update clock")
        void post() {
            String id = guideIncident();
            String preview = h.get(api(id, "/status-update?next_action=" + enc("Restarting order-service pods")), "rita")
                    .json().get("text").asText();
            Instant dueBefore = h.incidents.slaStatus(id).clock(SlaKind.UPDATE).orElseThrow().deadline().orElseThrow();

            Reply r = h.post(api(id, "/status-update"), "rita", "{\"next_action\":\"Restarting order-service pods\"}");

            JsonNode result = ok(r, 200);
            JsonNode event = result.get("events").get(0);
            assertThat(event.get("type").asText()).isEqualTo(EventTypes.NOTE_ADDED);
            assertThat(event.get("actor").asText()).isEqualTo("rita");
            assertThat(event.get("data").get("note").asText()).isEqualTo(preview).isEqualTo(GUIDE_UPDATE);
            assertThat(r.header("ETag")).hasValue("\"" + result.get("incident").get("version").asLong() + "\"");
            Instant dueAfter = h.incidents.slaStatus(id).clock(SlaKind.UPDATE).orElseThrow().deadline().orElseThrow();
            assertThat(dueAfter).isAfter(dueBefore).isEqualTo(h.clock.instant().plus(Duration.ofMinutes(15)));
        }

        @Test
        @DisplayName("POST with an empty body posts the draft; a viewer is refused; bad fields are 422; nothing written")
        void refusals() {
            String id = guideIncident();
            long before = h.eventCount();
            String base = api(id, "/status-update");

            h.post(base, "vera", "{}").problem(403);
            for (String bad : List.of("0", "1441", "15.5", "\"15\"", "true")) {
                assertThat(h.post(base, "rita", "{\"next_update_minutes\":" + bad + "}").problem(422).get("field").asText())
                        .as(bad).isEqualTo("next_update_minutes");
            }
            assertThat(h.post(base, "rita", "{\"impact\":\"a\\u0000b\"}").problem(422).get("field").asText()).isEqualTo("impact");
            assertThat(h.post(base, "rita", "{\"current_theory\":7}").problem(422).get("field").asText()).isEqualTo("current_theory");
            assertThat(h.post(base, "rita", "{\"note\":\"x\"}").problem(422).get("field").asText()).isEqualTo("note");
            assertThat(h.eventCount()).isEqualTo(before);

            JsonNode posted = ok(h.post(base, "rita", "{}"), 200);
            assertThat(posted.get("events").get(0).get("data").get("note").asText())
                    .contains("Current theory: Database connection pool exhaustion", "Next action: not known yet");
        }

        @Test
        @DisplayName("If-Match: the current version posts, a stale one is 412; an Idempotency-Key retry records once")
        void versions() {
            String id = guideIncident();
            long version = h.incidents.get(id).version();
            HttpRequest post = h.request(api(id, "/status-update"), "rita").header("Content-Type", "application/json")
                    .header("If-Match", "\"" + version + "\"").header("Idempotency-Key", "update-1")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();

            Reply first = h.send(post);
            Reply again = h.send(post);
            Reply stale = h.send(h.request(api(id, "/status-update"), "rita").header("Content-Type", "application/json")
                    .header("If-Match", "\"" + version + "\"").POST(HttpRequest.BodyPublishers.ofString("{}")).build());

            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(first.body());
            stale.problem(412);
            assertThat(h.incidents.get(id).version()).isEqualTo(version + 1);
        }

        @Test
        @DisplayName("a back-dated post drafts the duration as of then")
        void backDated() {
            String id = guideIncident();

            JsonNode r = ok(h.post(api(id, "/status-update"), "rita", "{\"occurred_at\":\"2025-08-23T14:20:00Z\"}"), 200);

            assertThat(r.get("events").get(0).get("data").get("note").asText()).contains("Duration: 20 minutes so far");
            assertThat(r.get("events").get(0).get("time").asText()).isEqualTo("2025-08-23T14:20:00Z");
        }
    }

    @Nested
    @DisplayName("the new events in the existing outputs")
    class Wire {

        @Test
        @DisplayName("timeline and history JSON carry incident.public_update and incident.update_due, with their texts")
        void timelineAndHistory() {
            String id = h.declare("Checkout failures", "SEV-1", "checkout");
            ok(h.post(api(id, "/acknowledge"), "carl", "{\"role\":\"commander\"}"), 200);
            ok(h.post(api(id, "/public-updates"), "carl", CHECKOUT), 201);
            try (SlaMonitor monitor = SlaMonitor.builder(h.incidents).actor("ada").build()) {
                h.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
                assertThat(monitor.tick().reminded()).hasSize(1);
            }

            Reply timeline = h.get(api(id, "/timeline"), "vera");
            DocumentedShape.assertMatches("/api/v1/incidents/{id}/timeline", timeline.json());
            List<String> lines = new ArrayList<>();
            timeline.json().get("entries").forEach(e -> lines.add(e.get("type").asText() + " | " + e.get("headline").asText()
                    + " | " + e.get("text").asText()));
            assertThat(lines).contains(
                    "incident.public_update | Public update: Investigating \u00b7 Checkout issues | We are investigating reports of checkout failures.",
                    "incident.update_due | Update due by 14:15 UTC | Reminder to carl (commander): post an update by 14:15 UTC (one every 15m)");

            JsonNode events = h.get(api(id, "/events"), "vera").json().get("events");
            JsonNode due = events.get(events.size() - 1);
            assertThat(due.get("type").asText()).isEqualTo(EventTypes.UPDATE_DUE);
            assertThat(due.get("actor").asText()).isEqualTo("ada");
            assertThat(due.get("data").get("deadline").asText()).isEqualTo("2025-08-23T14:15:00Z");
            assertThat(due.get("data").get("target").asText()).isEqualTo("PT15M");
            assertThat(due.get("data").get("commander").asText()).isEqualTo("carl");
            JsonNode posted = events.get(events.size() - 2);
            assertThat(posted.get("type").asText()).isEqualTo(EventTypes.PUBLIC_UPDATE);
            assertThat(posted.get("data").get("title").asText()).isEqualTo("Checkout issues");
            assertThat(posted.get("data").get("message").asText()).isEqualTo("We are investigating reports of checkout failures.");

            String md = h.get(api(id, "/export?format=md"), "vera").body();
            assertThat(md).contains("## Public Updates", "Investigating: Checkout issues").doesNotContain("Update due by");
            assertThat(h.get(api(id, "/export?format=text"), "vera").body()).contains("Update due by 14:15 UTC");
            assertThat(h.get(api(id, "/verify"), "vera").json().get("intact").asBoolean()).isTrue();
        }
    }

    @Nested
    @DisplayName("with a login session")
    class Sessions {

        @TempDir
        Path dir;

        @Test
        @DisplayName("a commander's session posts with its CSRF token; without it, or from another origin, 403 and nothing written")
        void csrf() {
            try (HostServer s = new HostServer(dir)) {
                String id = s.declare(s.token("alice"));
                Reply login = s.login("alice", HostServer.PASSWORD);
                String cookie = login.header("Set-Cookie").orElseThrow().split(";")[0];
                String csrf = login.json().get("csrf_token").asText();
                long before = s.eventCount();
                for (String path : List.of("/public-updates", "/status-update")) {
                    String body = path.equals("/public-updates") ? CHECKOUT : "{}";
                    HttpRequest.Builder write = s.request(api(id, path)).header("Cookie", cookie)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));

                    s.send(write.copy().build()).problem(403);
                    s.send(write.copy().header("X-CSRF-Token", csrf.substring(1) + "A").build()).problem(403);
                    assertThat(s.send(write.copy().header("X-CSRF-Token", csrf).header("Origin", "http://evil.example").build())
                            .problem(403).get("field").asText()).isEqualTo("Origin");
                    assertThat(s.eventCount()).isEqualTo(before);

                    Reply ok = s.send(write.copy().header("X-CSRF-Token", csrf).build());
                    assertThat(ok.status()).as(ok.body()).isEqualTo(path.equals("/public-updates") ? 201 : 200);
                    before = s.eventCount();
                }
                Reply preview = s.send(s.request(api(id, "/status-update")).header("Cookie", cookie).GET().build());
                assertThat(preview.status()).as("a read needs no token").isEqualTo(200);
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
