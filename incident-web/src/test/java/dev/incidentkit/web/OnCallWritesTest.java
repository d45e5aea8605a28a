package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentkit.core.oncall.ContactMethod;
import dev.incidentkit.core.oncall.OnCallConfig;
import dev.incidentkit.core.oncall.Person;
import dev.incidentkit.web.WebHarness.Reply;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("on-call writes through the API, into an OnCallFile: an admin's; bodies in the file's format; people's addresses an admin's read")
class OnCallWritesTest {

    @TempDir
    Path dir;

    private Path file;
    private OnCallFile source;
    private WebHarness h;

    static final String PERSON = """
            {"id": "ada", "name": "Ada Lovelace", "contacts": [
              {"kind": "email", "address": "ada@example.com"}, {"kind": "slack", "address": "U024BE7LH"}]}""";

    static final String SCHEDULE = """
            {"id": "web", "name": "Web", "zone": "Europe/Berlin",
             "layers": [{"name": "Weekly", "rotation": {"kind": "WEEKLY", "start": "2025-08-18T09:00", "participants": ["ada", "eve"]}}]}""";

    static final String POLICY = """
            {"id": "checkout", "name": "Checkout", "services": ["checkout-api", "cart"],
             "calendar": {"zone": "UTC", "hours": [{"days": ["MONDAY"], "from": "09:00", "to": "17:00"}]},
             "levels": [{"escalateAfter": "PT5M", "targets": [{"schedule": "primary"}]}]}""";

    @BeforeEach
    void start() throws Exception {
        file = dir.resolve("oncall.json");
        Files.writeString(file, OnCallFixture.JSON, StandardCharsets.UTF_8);
        source = OnCallFile.open(file);
        h = new WebHarness(m -> m, b -> b.onCall(source));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private Reply send(String method, String path, String user, String json) {
        return h.send(h.request(path, user).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private OnCallConfig onDisk() throws Exception {
        return OnCallConfig.read(new StringReader(Files.readString(file)), "oncall.json");
    }

    @Test
    @DisplayName("PUT a person: 201 then 200, stored in the file; GET /people shows addresses to admins only")
    void people() throws Exception {
        Reply created = send("PUT", "/api/v1/people/ada", "ada", PERSON);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).hasValue("/api/v1/people/ada");
        DocumentedShape.assertMatches("PUT", "/api/v1/people/{id}", 201, created.json());
        assertThat(onDisk().person("ada")).contains(new Person("ada", "Ada Lovelace", List.of(
                new ContactMethod("email", "ada@example.com"), new ContactMethod("slack", "U024BE7LH"))));
        Reply replaced = send("PUT", "/api/v1/people/ada", "ada", "{\"id\": \"ada\", \"name\": \"Ada L.\"}");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        DocumentedShape.assertMatches("PUT", "/api/v1/people/{id}", 200, replaced.json());
        send("PUT", "/api/v1/people/ada", "ada", PERSON);

        JsonNode asAdmin = h.get("/api/v1/people", "ada").json();
        DocumentedShape.assertMatches("/api/v1/people", asAdmin);
        assertThat(asAdmin.get("people").get(0).get("contacts")).extracting(c -> c.get("address").asText())
                .containsExactly("ada@example.com", "U024BE7LH");
        Reply asViewer = h.get("/api/v1/people", "vera");
        assertThat(asViewer.status()).isEqualTo(200);
        DocumentedShape.assertMatches("/api/v1/people", asViewer.json());
        JsonNode seen = asViewer.json().get("people").get(0);
        assertThat(seen.get("id").asText()).isEqualTo("ada");
        assertThat(seen.get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(seen.get("contacts").isNull()).isTrue();
        assertThat(asViewer.body()).doesNotContain("example.com").doesNotContain("U024BE7LH");
        h.get("/api/v1/people", "nora").problem(403);
    }

    @Test
    @DisplayName("a bad body is a 400 naming the path in the body, line and column; nothing is written")
    void badBodies() throws Exception {
        String before = Files.readString(file);
        JsonNode kind = send("PUT", "/api/v1/people/ada", "ada", PERSON.replace("\"slack\"", "\"Slack!\"")).problem(400);
        assertThat(kind.get("field").asText()).isEqualTo("contacts[1].kind");
        assertThat(kind.get("detail").asText()).startsWith("body:2:61: contacts[1].kind: must be 1 to 63");
        JsonNode twice = send("PUT", "/api/v1/people/ada", "ada", PERSON.replace("\"slack\"", "\"email\"")).problem(400);
        assertThat(twice.get("field").asText()).isEqualTo("contacts[1].kind");
        assertThat(twice.get("detail").asText()).contains("is the kind of an earlier contact method");
        JsonNode rotation = send("PUT", "/api/v1/schedules/web", "ada", SCHEDULE.replace("WEEKLY", "FORTNIGHTLY")).problem(400);
        assertThat(rotation.get("field").asText()).isEqualTo("layers[0].rotation.kind");
        JsonNode notJson = send("PUT", "/api/v1/schedules/web", "ada", "{\"id\": ").problem(400);
        assertThat(notJson.get("field").asText()).isEqualTo("body");
        assertThat(send("PUT", "/api/v1/schedules/web", "ada", "[]").problem(400).get("detail").asText())
                .contains("must be an object (a schedule)");
        JsonNode target = send("PUT", "/api/v1/escalation-policies/checkout", "ada",
                POLICY.replace("\"primary\"", "\"tertiary\"")).problem(400);
        assertThat(target.get("field").asText()).isEqualTo("levels[0].targets[0].schedule");
        JsonNode other = send("PUT", "/api/v1/people/bob", "ada", PERSON).problem(422);
        assertThat(other.get("field").asText()).isEqualTo("id");
        JsonNode override = send("POST", "/api/v1/schedules/primary/overrides", "ada",
                "{\"kind\": \"REPLACE\", \"person\": \"ada\", \"start\": \"2025-08-23T12:00:00Z\", \"end\": \"2025-08-23T18:00:00Z\"}")
                .problem(400);
        assertThat(override.get("detail").asText()).contains("lacks the field \"replacement\"");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    @DisplayName("PUT a schedule, POST an override, DELETE a schedule no policy pages (409 if one does); the file follows")
    void schedules() throws Exception {
        Reply created = send("PUT", "/api/v1/schedules/web", "ada", SCHEDULE);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        DocumentedShape.assertMatches("PUT", "/api/v1/schedules/{id}", 201, created.json());
        assertThat(onDisk().schedule("web").orElseThrow().layers()).hasSize(1);
        Reply replaced = send("PUT", "/api/v1/schedules/web", "ada", SCHEDULE.replace("\"Web\"", "\"Web shop\""));
        assertThat(replaced.status()).isEqualTo(200);
        DocumentedShape.assertMatches("PUT", "/api/v1/schedules/{id}", 200, replaced.json());
        assertThat(h.get("/api/v1/schedules", "vera").json().get("schedules")).extracting(s -> s.get("name").asText())
                .containsExactly("Primary", "Database <b>&</b> co", "Web shop");

        Reply override = send("POST", "/api/v1/schedules/web/overrides", "ada",
                "{\"kind\": \"REPLACE\", \"person\": \"ada\", \"replacement\": \"eve\", \"start\": \"2025-08-23T12:00:00Z\","
                        + " \"end\": \"2025-08-24T12:00:00Z\"}");
        assertThat(override.status()).as(override.body()).isEqualTo(201);
        DocumentedShape.assertMatches("POST", "/api/v1/schedules/{id}/overrides", 201, override.json());
        assertThat(override.json().get("overrides")).hasSize(1);
        assertThat(onDisk().schedule("web").orElseThrow().overrides()).hasSize(1);
        assertThat(send("POST", "/api/v1/schedules/none/overrides", "ada", "{}").problem(404).get("detail").asText())
                .contains("none");

        Reply paged = h.send(h.request("/api/v1/schedules/primary", "ada").DELETE().build());
        assertThat(paged.problem(409).get("detail").asText()).contains("checkout");
        Reply deleted = h.send(h.request("/api/v1/schedules/web", "ada").DELETE().build());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(onDisk().schedules()).containsOnlyKeys("primary", "db");
        h.send(h.request("/api/v1/schedules/web", "ada").DELETE().build()).problem(404);
    }

    @Test
    @DisplayName("PUT a policy with its services: routed in the file, shown by GET; a service of another policy is 409")
    void policies() throws Exception {
        Reply replaced = send("PUT", "/api/v1/escalation-policies/checkout", "ada", POLICY);
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        DocumentedShape.assertMatches("PUT", "/api/v1/escalation-policies/{id}", 200, replaced.json());
        assertThat(replaced.json().get("services")).extracting(JsonNode::asText).containsExactly("checkout-api", "cart");
        assertThat(onDisk().policyFor("cart").map(p -> p.id())).contains("checkout");
        JsonNode listed = h.get("/api/v1/escalation-policies", "vera").json();
        DocumentedShape.assertMatches("/api/v1/escalation-policies", listed);
        assertThat(listed.get("escalation_policies").get(0).get("services")).hasSize(2);

        Reply created = send("PUT", "/api/v1/escalation-policies/db", "ada", POLICY.replace("\"checkout\"", "\"db\"")
                .replace("[\"checkout-api\", \"cart\"]", "[\"postgres\"]"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        DocumentedShape.assertMatches("PUT", "/api/v1/escalation-policies/{id}", 201, created.json());
        JsonNode taken = send("PUT", "/api/v1/escalation-policies/db", "ada", POLICY.replace("\"checkout\"", "\"db\"")
                .replace("[\"checkout-api\", \"cart\"]", "[\"cart\"]")).problem(409);
        assertThat(taken.get("field").asText()).isEqualTo("services");
        assertThat(taken.get("detail").asText()).contains("routed to policy checkout");
        assertThat(onDisk().servicesOf("db")).containsExactly("postgres");
    }

    @Test
    @DisplayName("every write is an admin's: a commander, a responder and a viewer get 403 and nothing is written")
    void adminsOnly() throws Exception {
        String before = Files.readString(file);
        for (String user : List.of("carl", "rita", "vera")) {
            send("PUT", "/api/v1/people/ada", user, PERSON).problem(403);
            send("PUT", "/api/v1/schedules/web", user, SCHEDULE).problem(403);
            send("POST", "/api/v1/schedules/primary/overrides", user, "{}").problem(403);
            send("PUT", "/api/v1/escalation-policies/checkout", user, POLICY).problem(403);
            h.send(h.request("/api/v1/schedules/db", user).DELETE().build()).problem(403);
        }
        send("PUT", "/api/v1/people/ada", null, PERSON).problem(401);
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    @DisplayName("a server given a supplier is read-only: writes are 409 saying so; without on-call they are 404 after the role check")
    void readOnlyAndNotConfigured() {
        try (WebHarness readOnly = new WebHarness(m -> m, b -> b.onCall(() -> OnCallFixture.CONFIG))) {
            Reply r = readOnly.send(readOnly.request("/api/v1/people/ada", "ada").header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(PERSON)).build());
            assertThat(r.problem(409).get("detail").asText()).startsWith("On-call is read-only here");
            readOnly.send(readOnly.request("/api/v1/schedules/db", "ada").DELETE().build()).problem(409);
        }
        try (WebHarness plain = new WebHarness()) {
            Reply r = plain.send(plain.request("/api/v1/people/ada", "ada").header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(PERSON)).build());
            assertThat(r.problem(404).get("detail").asText()).contains("On-call is not configured");
            plain.send(plain.request("/api/v1/people/ada", "vera").header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(PERSON)).build()).problem(403);
            assertThat(plain.get("/api/v1/people", "vera").problem(404).get("detail").asText()).contains("On-call is not configured");
        }
    }

    @Test
    @DisplayName("an edit of the file by hand is served at the next look, and a write builds on it")
    void handEditsAndWrites() throws Exception {
        Files.writeString(file, OnCallFixture.JSON.replace("\"Primary\"", "\"Primary (edited)\""), StandardCharsets.UTF_8);
        Reply r = send("PUT", "/api/v1/people/ada", "ada", PERSON);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(onDisk().schedule("primary").orElseThrow().name()).isEqualTo("Primary (edited)");
        assertThat(source.current().schedule("primary").orElseThrow().name()).isEqualTo("Primary (edited)");
    }
}
