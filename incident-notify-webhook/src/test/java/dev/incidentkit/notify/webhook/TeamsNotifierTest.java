package dev.incidentkit.notify.webhook;

import static dev.incidentkit.notify.webhook.PayloadAssertions.valuesOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TeamsNotifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WJ = "\u2060";

    private final LoopbackServer server = new LoopbackServer();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private JsonNode send(Notification n, Redactor redactor) throws Exception {
        try (TeamsNotifier teams = TeamsNotifier.builder(server.uri("/workflows/abc/triggers/manual")).redactor(redactor).build()) {
            assertThat(teams.name()).isEqualTo("teams");
            assertThat(teams.deliver(n)).isEqualTo(DeliveryResult.delivered());
        }
        LoopbackServer.Request request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/workflows/abc/triggers/manual");
        assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        return JSON.readTree(request.body());
    }

    /** Each RichTextBlock's runs joined: one line of the card as Teams shows it. */
    static List<String> lines(JsonNode card) {
        List<String> lines = new ArrayList<>();
        for (JsonNode block : card.get("body")) {
            StringBuilder line = new StringBuilder();
            block.get("inlines").forEach(run -> line.append(run.get("text").asText()));
            lines.add(line.toString());
        }
        return lines;
    }

    @Test
    void sendsAnAdaptiveCardWithEveryFact() throws Exception {
        JsonNode message = send(TestNotifications.notification().build(), Redactor.none());

        assertThat(message.get("type").asText()).isEqualTo("message");
        JsonNode attachment = message.get("attachments").get(0);
        assertThat(message.get("attachments")).hasSize(1);
        assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.get("content");
        assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.get("version").asText()).isEqualTo("1.4");
        assertThat(lines(card)).containsExactly(
                "SEV-2 · INC-2025-001 mitigated",
                "Checkout latency",
                "Severity: SEV-2",
                "Status: mitigated",
                "Service: checkout",
                "By: bob",
                "Index added on orders",
                "incident.mitigated · event " + TestNotifications.EVENT_ID);
        JsonNode action = card.get("actions").get(0);
        assertThat(card.get("actions")).hasSize(1);
        assertThat(action.get("type").asText()).isEqualTo("Action.OpenUrl");
        assertThat(action.get("title").asText()).isEqualTo("Open incident");
        assertThat(action.get("url").asText()).isEqualTo(TestNotifications.INCIDENT_PAGE.toString());
    }

    @Test
    void hostileTextComesOutInert() throws Exception {
        Notification n = TestNotifications.notification().title(TestNotifications.HOSTILE).note(TestNotifications.HOSTILE)
                .actor(TestNotifications.HOSTILE)
                .links(List.of(URI.create("javascript:alert(1)"), TestNotifications.INCIDENT_PAGE)).build();

        JsonNode message = send(n, Redactor.none());

        JsonNode card = message.get("attachments").get(0).get("content");
        String shown = TestNotifications.HOSTILE.replace("@channel", "@" + WJ + "channel").replace("https://", "https:" + WJ + "//");
        assertThat(lines(card)).contains(shown, "By: " + shown);
        // Only TextRuns carry text, and Teams never reads a TextRun as Markdown or HTML.
        assertThat(valuesOf(card, "type")).doesNotContain("TextBlock", "FactSet", "Image", "Action.Submit");
        for (JsonNode block : card.get("body")) {
            assertThat(block.get("type").asText()).isEqualTo("RichTextBlock");
            block.get("inlines").forEach(run -> {
                assertThat(run.get("type").asText()).isEqualTo("TextRun");
                assertThat(run.has("selectAction")).isFalse();
            });
        }
        assertThat(valuesOf(card, "text")).allSatisfy(text -> assertThat(text).doesNotContain("://")
                .doesNotContainPattern("(?i)@(here|channel|everyone)").doesNotContain("<at>"));
        assertThat(valuesOf(message, "url")).containsExactly(TestNotifications.INCIDENT_PAGE.toString());
        assertThat(card.has("msteams") && card.get("msteams").has("entities")).isFalse();
    }

    @Test
    void dropsControlAndBidiOverrideCharacters() throws Exception {
        Notification n = TestNotifications.notification().title("evil\u202Etxt.exe\u0007\r\nnext").noNote().build();

        JsonNode message = send(n, Redactor.none());

        assertThat(lines(message.get("attachments").get(0).get("content"))).contains("eviltxt.exe next");
    }

    @Test
    void runsUserTextThroughTheRedactor() throws Exception {
        Notification n = TestNotifications.notification().actor("alice@example.com").note("key AKIAIOSFODNN7EXAMPLE leaked").build();

        JsonNode message = send(n, Redactor.emailsAndTokens());

        assertThat(lines(message.get("attachments").get(0).get("content")))
                .contains("By: [redacted-email]", "key [redacted-token] leaked");
    }
}
