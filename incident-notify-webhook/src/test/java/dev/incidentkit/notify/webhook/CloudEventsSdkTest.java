package dev.incidentkit.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.notify.spi.DeliveryResult;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The requests the notifier sends, read by an independent implementation: the official CloudEvents
 * JavaScript SDK (npm {@code cloudevents} 10), through {@code HTTP.toEvent} as a receiver calls it,
 * then checked by its {@code validate()}. The build installs the SDK into {@code target/} with
 * {@code npm ci} before the tests (see this module's pom); the test needs {@code node} on the PATH.
 */
class CloudEventsSdkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CONTEXT_ATTRIBUTES =
            Set.of("specversion", "id", "source", "type", "subject", "time", "datacontenttype", "dataschema");

    private final LoopbackServer server = new LoopbackServer();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(CloudEventsWebhookNotifier.Mode.class)
    void theJavaScriptSdkReadsTheRequestAsTheEventSent(CloudEventsWebhookNotifier.Mode mode) throws Exception {
        TestNotifications.Builder fixture = TestNotifications.notification();
        CloudEvent sent = fixture.event();
        try (CloudEventsWebhookNotifier notifier =
                CloudEventsWebhookNotifier.builder(server.uri("/events")).mode(mode).build()) {
            assertThat(notifier.deliver(fixture.build(sent))).isEqualTo(DeliveryResult.delivered());
        }

        JsonNode read = readWithJavaScriptSdk(server.onlyRequest());

        assertThat(read.path("specversion").asText()).isEqualTo(sent.getSpecVersion().toString());
        assertThat(read.path("id").asText()).isEqualTo(sent.getId());
        assertThat(read.path("source").asText()).isEqualTo(sent.getSource().toString());
        assertThat(read.path("type").asText()).isEqualTo(sent.getType());
        assertThat(read.path("subject").asText()).isEqualTo(sent.getSubject());
        assertThat(read.path("datacontenttype").asText()).isEqualTo(sent.getDataContentType());
        assertThat(Instant.parse(read.path("time").asText())).isEqualTo(sent.getTime().toInstant());
        assertThat(read.path("data")).isEqualTo(JSON.readTree(fixture.data()));
        Set<String> extensions = new TreeSet<>();
        for (Iterator<String> names = read.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!CONTEXT_ATTRIBUTES.contains(name) && !name.equals("data")) {
                extensions.add(name);
            }
        }
        assertThat(extensions).containsExactlyInAnyOrderElementsOf(sent.getExtensionNames());
        for (String name : sent.getExtensionNames()) {
            assertThat(read.path(name).asText()).as(name).isEqualTo(String.valueOf(sent.getExtension(name)));
        }
    }

    /** Runs {@code to-event.js}: the request in, the SDK's event out as JSON, or a failure with its words. */
    private static JsonNode readWithJavaScriptSdk(LoopbackServer.Request request) throws Exception {
        Path dir = Path.of(System.getProperty("cloudevents-js.dir", "target/cloudevents-js"));
        if (!Files.isDirectory(dir.resolve("node_modules/cloudevents"))) {
            fail("the CloudEvents JavaScript SDK is not installed in " + dir.toAbsolutePath()
                    + ": run the tests through Maven, whose npm ci (phase process-test-classes) installs it");
        }
        ObjectNode input = JSON.createObjectNode();
        ObjectNode headers = input.putObject("headers");
        // Lower-case names, as Node's HTTP server hands them to a receiver.
        request.headers().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        input.put("body", request.bodyText());

        Process node;
        // Standard error goes to a file, so that neither pipe can fill while the other is read.
        Path errors = Files.createTempFile("to-event", ".err");
        try {
            node = new ProcessBuilder("node", "to-event.js").directory(dir.toFile())
                    .redirectError(errors.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("node (Node.js 18 or later) must be on the PATH to run the CloudEvents SDK", e);
        }
        try (OutputStream stdin = node.getOutputStream()) {
            stdin.write(JSON.writeValueAsBytes(input));
        }
        String out;
        try (InputStream stdout = node.getInputStream()) {
            out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!node.waitFor(60, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            fail("node did not finish within 60 s");
        }
        String err = Files.readString(errors, StandardCharsets.UTF_8);
        Files.delete(errors);
        if (node.exitValue() != 0) {
            fail(err.strip() + "\nrequest: " + input);
        }
        return JSON.readTree(out);
    }
}
