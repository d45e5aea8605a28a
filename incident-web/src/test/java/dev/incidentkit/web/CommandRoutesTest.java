package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.web.WebHarness.Reply;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the write routes, over HTTP on loopback")
class CommandRoutesTest {

    private final WebHarness h = new WebHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    private Reply command(String id, String verb, String user, String json) {
        h.clock.advance(Duration.ofMinutes(1));
        return h.post("/api/v1/incidents/" + id + "/" + verb, user, json);
    }

    private JsonNode ok(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("ETag")).hasValue("\"" + r.json().get("incident").get("version").asLong() + "\"");
        return r.json();
    }

    @Test
    @DisplayName("declare: 201 with Location, ETag, the incident and its event")
    void declare() {
        Reply r = h.post("/api/v1/incidents", "carl", "{\"title\":\"Checkout latency\",\"severity\":\"2\",\"service\":\"checkout\","
                + "\"description\":\"p99 up\",\"war_room\":true,\"detected_at\":\"2025-08-23T13:58:00Z\"}");

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().get("incident").get("id").asText();
        assertThat(r.header("Location")).hasValue("/api/v1/incidents/" + id);
        assertThat(r.header("ETag")).hasValue("\"1\"");
        assertThat(r.json().get("incident").get("war_room").asBoolean()).isTrue();
        assertThat(r.json().get("incident").get("milestones").get("detected_at").asText()).isEqualTo("2025-08-23T13:58:00Z");
        assertThat(r.json().get("events")).hasSize(1);
        assertThat(r.json().get("events").get(0).get("actor").asText()).isEqualTo("carl");
    }

    @Test
    @DisplayName("every command route, the walkthrough and more: each answers the incident and what it recorded")
    void everyCommand() {
        String id = h.declare();
        String other = h.declare();

        ok(command(id, "acknowledge", "rita", "{\"note\":\"Looking\",\"role\":\"tech-lead\"}"));
        ok(command(id, "assign", "carl", "{\"role\":\"commander\",\"assignee\":\"carl\"}"));
        ok(command(id, "investigate", "rita", "{}"));
        ok(command(id, "notes", "rita", "{\"note\":\"DB metrics look odd\"}"));
        ok(command(id, "correlate", "rita", "{\"service\":\"payments\"}"));
        ok(command(id, "escalate", "carl", "{\"severity\":\"SEV-1\",\"note\":\"spreading\"}"));
        ok(command(id, "downgrade", "carl", "{\"severity\":\"P2\"}"));
        ok(command(id, "identify", "rita", "{\"note\":\"index missing\"}"));
        ok(command(id, "mitigate", "rita", "{\"note\":\"index added\"}"));
        ok(command(id, "resolve", "carl", "{\"note\":\"latency normal\"}"));
        ok(command(id, "reopen", "carl", "{\"note\":\"back again\"}"));
        ok(command(id, "resolve", "carl", "{}"));
        ok(command(id, "action-items", "carl", "{\"text\":\"Alert on missing indexes\",\"owner\":\"rita\",\"due\":\"2025-09-01\"}"));
        ok(command(id, "action-items/1/complete", "carl", "{\"note\":\"done\"}"));
        JsonNode pm = ok(command(id, "postmortem", "carl", "{\"summary\":\"An index was dropped\",\"root_cause\":\"migration\"}"));
        JsonNode closed = ok(command(id, "close", "carl", "{}"));
        ok(command(other, "mark-duplicate", "carl", "{\"duplicate_of\":\"" + id + "\"}"));
        String third = h.declare();
        JsonNode canceled = ok(command(third, "cancel", "carl", "{\"reason\":\"declared by mistake\"}"));

        assertThat(pm.get("incident").get("postmortem").get("root_cause").asText()).isEqualTo("migration");
        assertThat(closed.get("incident").get("status").asText()).isEqualTo("closed");
        assertThat(closed.get("events").get(0).get("type").asText()).contains("closed");
        assertThat(canceled.get("incident").get("status").asText()).isEqualTo("canceled");
        Incident incident = h.incidents.get(id);
        assertThat(incident.status()).isEqualTo(Status.CLOSED);
        assertThat(incident.correlatedServices()).containsExactly("payments");
        assertThat(incident.actionItems().get(0).isDone()).isTrue();
        assertThat(incident.reopenCount()).isEqualTo(1);
        assertThat(h.incidents.get(other).status()).isEqualTo(Status.DUPLICATE);
    }

    @Test
    @DisplayName("a no-op answers 200 with no events")
    void noOp() {
        String id = h.declare();
        ok(command(id, "assign", "carl", "{\"role\":\"commander\",\"assignee\":\"carl\"}"));

        JsonNode again = ok(command(id, "assign", "carl", "{\"role\":\"commander\",\"assignee\":\"carl\"}"));

        assertThat(again.get("events")).isEmpty();
    }

    @Test
    @DisplayName("the actor of every event is the principal, and a body naming another actor is refused")
    void actorIsThePrincipal() {
        String id = h.declare();
        long before = h.eventCount();

        for (String field : new String[] {"actor", "as", "user"}) {
            JsonNode p = command(id, "notes", "rita", "{\"note\":\"hi\",\"" + field + "\":\"carl\"}").problem(422);
            assertThat(p.get("field").asText()).isEqualTo(field);
        }
        assertThat(h.eventCount()).isEqualTo(before);
        ok(command(id, "notes", "rita", "{\"note\":\"hi\"}"));

        assertThat(h.incidents.history(id)).extracting(e -> e.actor().name()).containsExactly("carl", "rita");
    }

    @Test
    @DisplayName("Idempotency-Key: a retry answers the same body and writes nothing; a declare retry is the same incident")
    void idempotentRetries() {
        String id = h.declare();
        HttpRequest note = h.request("/api/v1/incidents/" + id + "/notes", "rita").header("Content-Type", "application/json")
                .header("Idempotency-Key", "note-42").POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"once\"}")).build();

        Reply first = h.send(note);
        long after = h.eventCount();
        h.clock.advance(Duration.ofMinutes(3));
        Reply second = h.send(note);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(first.json().get("events")).hasSize(1);
        assertThat(h.eventCount()).isEqualTo(after);
        assertThat(h.incidents.history(id)).extracting(RecordedEvent::commandId).filteredOn(c -> c.isPresent()).hasSize(1);

        HttpRequest declare = h.request("/api/v1/incidents", "carl").header("Content-Type", "application/json")
                .header("Idempotency-Key", "declare-7")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Once\",\"severity\":\"SEV-3\",\"service\":\"web\"}")).build();
        Reply d1 = h.send(declare);
        Reply d2 = h.send(declare);
        assertThat(d1.status()).isEqualTo(201);
        assertThat(d2.status()).isEqualTo(201);
        assertThat(d2.body()).isEqualTo(d1.body());
        assertThat(h.incidents.list()).hasSize(2);
    }

    @Test
    @DisplayName("Idempotency-Key reused on another incident, or a declare's key on a command: 422 naming the header")
    void keyReused() {
        String a = h.declare();
        String b = h.declare();
        h.send(h.request("/api/v1/incidents/" + a + "/notes", "rita").header("Content-Type", "application/json")
                .header("Idempotency-Key", "k1").POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"one\"}")).build());
        long before = h.eventCount();

        Reply other = h.send(h.request("/api/v1/incidents/" + b + "/notes", "rita").header("Content-Type", "application/json")
                .header("Idempotency-Key", "k1").POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"one\"}")).build());
        Reply declare = h.send(h.request("/api/v1/incidents", "carl").header("Content-Type", "application/json")
                .header("Idempotency-Key", "k1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"T\",\"severity\":\"SEV-3\",\"service\":\"web\"}")).build());

        assertThat(other.problem(422).get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(declare.problem(422).get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(h.eventCount()).isEqualTo(before);
        for (String bad : new String[] {"", "has space", "x".repeat(201)}) {
            h.send(h.request("/api/v1/incidents/" + a + "/notes", "rita").header("Content-Type", "application/json")
                    .header("Idempotency-Key", bad).POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"x\"}")).build())
                    .problem(400);
        }
        assertThat(h.eventCount()).isEqualTo(before);
    }

    @Test
    @DisplayName("If-Match: the current version applies; a stale one is 412 and writes nothing")
    void ifMatch() {
        String id = h.declare();
        Reply fresh = h.send(h.request("/api/v1/incidents/" + id + "/acknowledge", "rita").header("Content-Type", "application/json")
                .header("If-Match", "\"1\"").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
        long before = h.eventCount();

        Reply stale = h.send(h.request("/api/v1/incidents/" + id + "/notes", "rita").header("Content-Type", "application/json")
                .header("If-Match", "\"1\"").POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"late\"}")).build());

        JsonNode p = stale.problem(412);
        assertThat(p.get("type").asText()).endsWith("/stale-version");
        assertThat(stale.header("ETag")).as("the version it moved on to").hasValue("\"2\"");
        assertThat(h.eventCount()).isEqualTo(before);
        for (String bad : new String[] {"W/\"2\"", "2", "*", "\"2\", \"3\"", "\"0\"", "\"x\""}) {
            h.send(h.request("/api/v1/incidents/" + id + "/notes", "rita").header("Content-Type", "application/json")
                    .header("If-Match", bad).POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"x\"}")).build()).problem(400);
        }
        assertThat(h.eventCount()).isEqualTo(before);
    }

    @Test
    @DisplayName("an illegal transition is 409; invalid input 422 naming the field; malformed JSON 400 naming where")
    void refusals() {
        String id = h.declare();
        long before = h.eventCount();

        assertThat(command(id, "reopen", "carl", "{\"note\":\"not resolved\"}").problem(409).get("type").asText())
                .endsWith("/illegal-transition");
        assertThat(command(id, "notes", "rita", "{}").problem(422).get("field").asText()).isEqualTo("note");
        assertThat(command(id, "notes", "rita", "{\"note\":7}").problem(422).get("field").asText()).isEqualTo("note");
        assertThat(command(id, "escalate", "carl", "{\"severity\":\"SEV-9\"}").problem(422).get("field").asText())
                .isEqualTo("severity");
        assertThat(command(id, "action-items/x/complete", "rita", "{}").problem(422).get("field").asText()).isEqualTo("item");
        assertThat(command(id, "notes", "rita", "{\"note\":\"a\",\"occurred_at\":\"yesterday\"}").problem(422)
                .get("field").asText()).isEqualTo("occurred_at");
        assertThat(command(id, "notes", "rita", "{\"note\":\"a\"").problem(400).get("detail").asText()).contains("line 1");
        command(id, "notes", "rita", "[]").problem(400);
        command(id, "notes", "rita", "").problem(400);
        command(id, "notes", "rita", "{\"note\":\"a\",\"note\":\"b\"}").problem(400);
        command("INC-2025-999", "notes", "rita", "{\"note\":\"a\"}").problem(404);
        assertThat(h.send(h.request("/api/v1/incidents", "carl").header("Content-Type", "application/json").header("If-Match", "\"1\"")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"T\",\"severity\":\"SEV-3\",\"service\":\"web\"}")).build())
                .problem(400).get("field").asText()).isEqualTo("If-Match");
        assertThat(h.eventCount()).isEqualTo(before);
    }

    @Test
    @DisplayName("a write without Content-Type: application/json (charset utf-8 if any) is 415; nothing written")
    void mediaTypeAndSize() {
        String id = h.declare();
        long before = h.eventCount();
        String path = "/api/v1/incidents/" + id + "/notes";

        h.send(h.request(path, "rita").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"a\"}")).build()).problem(415);
        h.send(h.request(path, "rita").header("Content-Type", "application/json; charset=latin1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"a\"}")).build()).problem(415);
        h.send(h.request(path, "rita").POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"a\"}")).build()).problem(415);

        assertThat(h.eventCount()).isEqualTo(before);
        assertThat(h.send(h.request(path, "rita").header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"a\"}")).build()).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a body over the limit is 413, with or without Content-Length, and writes nothing")
    void bodyTooLarge() {
        // Up to 2 MiB past the limit is read and dropped, so that the client reads the 413.
        try (WebHarness small = new WebHarness(m -> m, b -> b.maxBodyBytes(1024))) {
            String id = small.declare();
            long before = small.eventCount();
            String path = "/api/v1/incidents/" + id + "/notes";
            String huge = "{\"note\":\"" + "x".repeat(4000) + "\"}";

            small.post(path, "rita", huge).problem(413);
            small.send(small.request(path, "rita").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                    .build()).problem(413);

            assertThat(small.eventCount()).isEqualTo(before);
            assertThat(small.post(path, "rita", "{\"note\":\"" + "x".repeat(900) + "\"}").status()).isEqualTo(200);
        }
        String id = h.declare();
        long before = h.eventCount();
        String oneAndAHalfMiB = "{\"note\":\"" + "x".repeat(3 << 19) + "\"}";
        h.post("/api/v1/incidents/" + id + "/notes", "rita", oneAndAHalfMiB).problem(413);
        assertThat(h.eventCount()).as("the default limit, 1 MiB").isEqualTo(before);
    }

    @Test
    @DisplayName("a conflict without If-Match (other writers kept changing the incident) is 409, not 412")
    void conflictWithoutIfMatch() {
        try (WebHarness busy = new WebHarness(m -> SecurityTest.failing(m, "submit",
                new dev.incidentkit.core.ConcurrencyConflictException("INC-2025-001", 3, 4)), b -> b)) {
            String id = busy.declare();

            JsonNode p = busy.post("/api/v1/incidents/" + id + "/notes", "rita", "{\"note\":\"x\"}").problem(409);

            assertThat(p.get("type").asText()).endsWith("/conflict");
        }
    }
}
