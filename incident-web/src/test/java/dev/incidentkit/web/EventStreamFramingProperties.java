package dev.incidentkit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.spi.LogPosition;
import dev.incidentkit.web.EventStreamClient.Frame;
import dev.incidentkit.web.WebHarness.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever text a note holds, the live stream carries it in one {@code data} line: no line break,
 * {@code id:} or {@code data:} in user text can end a frame early or forge one. One server and one
 * stream serve every try; each try reads the frame its note produced.
 */
class EventStreamFramingProperties {

    private static Path dir;
    private static HostServer s;
    private static String token;
    private static String id;
    private static EventStreamClient stream;

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("incidentkit-sse-framing");
        s = new HostServer(dir);
        token = s.token("alice");
        id = s.declare(token);
        stream = EventStreamClient.open(s.http, s.request("/api/v1/events").timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + s.token("vera"))
                .header("Last-Event-ID", s.incidents.events(LogPosition.START, 1).get(0).position().toString())
                .GET().build());
        assertThat(stream.status()).isEqualTo(200);
    }

    @AfterContainer
    static void stop() throws IOException {
        stream.close();
        s.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 150)
    void aNoteReachesTheStreamIntactInOneFrame(@ForAll("notes") String note) {
        Reply r = s.send(s.request("/api/v1/incidents/" + id + "/notes").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HostServer.json(WebHarness.JSON.createObjectNode().put("note", note).toString())).build());
        net.jqwik.api.statistics.Statistics.collect(r.status());
        if (r.status() != 200) {
            // Refused by the core's validation (such as control characters): nothing is streamed.
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            return;
        }
        List<RecordedEvent> history = s.incidents.history(id);
        RecordedEvent stored = history.get(history.size() - 1);
        AtomicReference<Frame> frame = new AtomicReference<>();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> frame.set(stream.next()));

        // The core may normalize the text (line endings); the frame carries exactly what was stored.
        assertThat(frame.get().id()).isEqualTo(stored.position().toString());
        assertThat(frame.get().data()).isEqualTo(new String(s.incidents.cloudEvents().serialize(stored), StandardCharsets.UTF_8));
        assertThat(frame.get().json().get("type").asText()).isEqualTo("incident.note_added");
    }

    @Provide
    Arbitrary<String> notes() {
        Arbitrary<String> hostile = Arbitraries.of(List.of("\n\nid: 999/999\ndata: {}\n\n", "\r\ndata: forged\r\n\r\n",
                "\rretry: 1\r", ": keep-alive\n\n", "id: 1/1", "\u2028\u2029\u0085", "line one\nline two"));
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars('\n', '\r', '\t', 'é', '€', '\u2028')
                .ofMinLength(1).ofMaxLength(80);
        Arbitrary<String> mixed = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40)
                .filter(t -> t.codePoints().allMatch(Character::isValidCodePoint)
                        && t.chars().noneMatch(c -> Character.isSurrogate((char) c)));
        return Arbitraries.oneOf(hostile, text, mixed,
                net.jqwik.api.Combinators.combine(text, hostile, text).as((a, b, c) -> a + b + c));
    }
}
