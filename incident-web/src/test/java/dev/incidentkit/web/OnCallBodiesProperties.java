package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentkit.web.WebHarness.Reply;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any body sent to an on-call write is answered without a server error, and a refusal is a
 * problem document that leaves the on-call file as it was: the file format's reader meets
 * hostile input over HTTP.
 */
class OnCallBodiesProperties {

    private static Path dir;
    private static Path file;
    private static WebHarness h;

    /** The on-call writes with a body, as method and path. */
    private static final List<String[]> WRITES = List.of(new String[] {"PUT", "/api/v1/people/ada"},
            new String[] {"PUT", "/api/v1/schedules/web"}, new String[] {"POST", "/api/v1/schedules/primary/overrides"},
            new String[] {"PUT", "/api/v1/escalation-policies/checkout"});

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("oncall-bodies");
        file = dir.resolve("oncall.json");
        Files.writeString(file, OnCallFixture.JSON, StandardCharsets.UTF_8);
        OnCallFile source = OnCallFile.open(file);
        h = new WebHarness(m -> m, b -> b.onCall(source));
    }

    @AfterContainer
    static void stop() throws Exception {
        h.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 150)
    void anyBodyIsAnsweredWithoutServerErrorAndARefusalWritesNothing(@ForAll("bodies") String body) throws Exception {
        for (String[] write : WRITES) {
            String before = Files.readString(file);

            Reply r = h.send(h.request(write[1], "ada").header("Content-Type", "application/json")
                    .method(write[0], HttpRequest.BodyPublishers.ofString(body)).build());

            assertThat(r.status()).as(write[0] + " " + write[1] + " <- " + body + " -> " + r.body()).isLessThan(500);
            if (r.status() >= 400) {
                r.problem(r.status());
                assertThat(Files.readString(file)).as("a refusal writes nothing").isEqualTo(before);
            } else {
                assertThat(r.status()).isIn(200, 201);
            }
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                json(3),
                objects(),
                Arbitraries.integers().between(1, 5_000).map(n -> "[".repeat(n) + "]".repeat(n)),
                Arbitraries.integers().between(1, 3_000).map(n -> "{\"id\":" + "{\"a\":".repeat(n) + "1" + "}".repeat(n + 1)),
                Arbitraries.of("{\"id\":\"ada\",\"name\":\"A\",\"contacts\":[{\"kind\":\"email\",\"address\":\"\\u0000\"}]}",
                        "{\"id\":\"ada\",\"name\":\"A\",\"contacts\":[{\"kind\":\"e\",\"address\":\"x\"},{\"kind\":\"e\",\"address\":\"y\"}]}",
                        "{\"id\":\"ada\",\"name\":\"\\ud800\"}", "\u00ef\u00bb\u00bf{}", "{\"id\":1e999999}",
                        "{\"kind\":\"ADD\",\"person\":\"bo\",\"start\":\"2025-08-23T12:00:00Z\",\"end\":\"2025-08-23T11:00:00Z\"}"));
    }

    /** Objects whose names are the on-call format's own fields, or others, with values of any JSON kind. */
    private Arbitrary<String> objects() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("id", "name", "zone", "layers", "overrides", "contacts", "kind",
                "address", "person", "replacement", "start", "end", "services", "calendar", "levels", "repeat", "coverage"),
                Arbitraries.strings().ofMaxLength(10));
        Arbitrary<String> member = Combinators.combine(names, json(2)).as((n, v) -> quote(n) + ":" + v);
        return member.list().ofMaxSize(6).map(m -> "{" + String.join(",", m) + "}");
    }

    private Arbitrary<String> json(int depth) {
        return JsonBodies.json(depth, 40, "ada", "web", "checkout", "primary", "UTC", "Mars/Base", "WEEKLY", "ADD", "REPLACE", "email",
                        "2025-08-23T14:30:00Z", "2025-08-18T09:00", "PT5M", "UNTIL_ACKNOWLEDGED");
    }

    private static String quote(String s) {
        return JsonBodies.quote(s);
    }
}
