package dev.incidentkit.notify.webhook;

import static dev.incidentkit.notify.webhook.PayloadAssertions.valuesOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.notify.spi.DeliveryResult;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.spi.Recipient;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackNotifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WJ = "\u2060";

    private final LoopbackServer server = new LoopbackServer();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private JsonNode send(Notification n) throws Exception {
        return send(n, Redactor.none());
    }

    private JsonNode send(Notification n, Redactor redactor) throws Exception {
        try (SlackNotifier slack = SlackNotifier.builder(server.uri("/services/T1/B2/secret")).name("slack-oncall")
                .redactor(redactor).build()) {
            assertThat(slack.name()).isEqualTo("slack-oncall");
            assertThat(slack.deliver(n)).isEqualTo(DeliveryResult.delivered());
        }
        LoopbackServer.Request request = server.requests().get(server.requests().size() - 1);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/services/T1/B2/secret");
        assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        return JSON.readTree(request.body());
    }

    @Test
    void sendsABlockKitMessageWithEveryFact() throws Exception {
        JsonNode message = send(TestNotifications.notification().build());

        assertThat(message.get("text").asText()).isEqualTo("SEV-2 · INC-2025-001 mitigated: Checkout latency");
        assertThat(message.get("unfurl_links").asBoolean(true)).isFalse();
        assertThat(message.get("unfurl_media").asBoolean(true)).isFalse();
        assertThat(message.get("parse").asText()).isEqualTo("none");
        assertThat(message.get("link_names").asBoolean(true)).isFalse();
        JsonNode blocks = message.get("blocks");
        assertThat(blocks).extracting(b -> b.get("type").asText())
                .containsExactly("header", "section", "section", "actions", "context");

        JsonNode header = blocks.get(0).get("text");
        assertThat(header.get("type").asText()).isEqualTo("plain_text");
        assertThat(header.get("text").asText()).isEqualTo("SEV-2 · INC-2025-001 mitigated: Checkout latency");
        assertThat(header.get("emoji").asBoolean(true)).isFalse();

        JsonNode fields = blocks.get(1).get("fields");
        assertThat(fields).extracting(f -> f.get("text").asText())
                .containsExactly("*Severity*\nSEV-2", "*Status*\nmitigated", "*Service*\ncheckout", "*By*\nbob");
        assertThat(fields).allSatisfy(f -> {
            assertThat(f.get("type").asText()).isEqualTo("mrkdwn");
            assertThat(f.get("verbatim").asBoolean()).isTrue();
        });

        JsonNode note = blocks.get(2).get("text");
        assertThat(note.get("type").asText()).isEqualTo("plain_text");
        assertThat(note.get("text").asText()).isEqualTo("Index added on orders");

        JsonNode button = blocks.get(3).get("elements").get(0);
        assertThat(button.get("type").asText()).isEqualTo("button");
        assertThat(button.get("text").get("text").asText()).isEqualTo("Open incident");
        assertThat(button.get("url").asText()).isEqualTo(TestNotifications.INCIDENT_PAGE.toString());

        assertThat(blocks.get(4).get("elements").get(0).get("text").asText())
                .isEqualTo("incident.mitigated · event " + TestNotifications.EVENT_ID);
    }

    @Test
    void leavesOutTheNoteAndTheButtonsWhenThereAreNone() throws Exception {
        JsonNode message = send(TestNotifications.notification().noNote().links(List.of()).build());

        assertThat(message.get("blocks")).extracting(b -> b.get("type").asText())
                .containsExactly("header", "section", "context");
    }

    @Test
    void makesButtonsOnlyOfWebLinks() throws Exception {
        JsonNode message = send(TestNotifications.notification().links(List.of(
                URI.create("javascript:alert(1)"), URI.create("data:text/html,%3Cb%3Ex%3C/b%3E"),
                TestNotifications.INCIDENT_PAGE, URI.create("https://runbooks.example.com/checkout"))).build());

        assertThat(valuesOf(message, "url")).containsExactly(
                TestNotifications.INCIDENT_PAGE.toString(), "https://runbooks.example.com/checkout");
        assertThat(message.get("blocks").get(3).get("elements")).extracting(e -> e.get("text").get("text").asText())
                .containsExactly("Open incident", "Link 2");
    }

    @Test
    void hostileTextComesOutInert() throws Exception {
        Notification n = TestNotifications.notification()
                .title(TestNotifications.HOSTILE).note(TestNotifications.HOSTILE).actor(TestNotifications.HOSTILE).build();

        JsonNode message = send(n);

        String escaped = "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; | [x](javascript:alert(1)) &lt;!here&gt; @"
                + WJ + "channel &lt;@U123|bob&gt; &lt;https:" + WJ + "//evil|click&gt;";
        JsonNode blocks = message.get("blocks");
        assertThat(blocks.get(2).get("text").get("text").asText()).isEqualTo(escaped);
        assertThat(blocks.get(1).get("fields").get(3).get("text").asText()).isEqualTo("*By*\n" + escaped);
        assertThat(message.get("text").asText()).isEqualTo("SEV-2 · INC-2025-001 mitigated: " + escaped);
        assertThat(blocks.get(0).get("text").get("text").asText())
                .hasSizeLessThanOrEqualTo(150).startsWith("SEV-2 · INC-2025-001 mitigated: &lt;/script&gt;").endsWith("…");
        assertThat(valuesOf(message, "text")).allSatisfy(text -> assertThat(text)
                .doesNotContain("<", ">", "://")
                .doesNotContainPattern("(?i)@(here|channel|everyone)"));
        assertThat(valuesOf(message, "url")).containsExactly(TestNotifications.INCIDENT_PAGE.toString());
    }

    @Test
    void formattingCharactersCannotFormatInMrkdwnAndStayAsTypedInPlainText() throws Exception {
        String title = "*bold* _it_ ~gone~ `rm -rf` snake_case 2*3";
        Notification n = TestNotifications.notification().title(title).actor("_admin_").note("> quoted\n*x*").build();

        JsonNode message = send(n);

        assertThat(message.get("text").asText()).isEqualTo(
                "SEV-2 · INC-2025-001 mitigated: ∗bold∗ ˍitˍ ∼gone∼ ˋrm -rfˋ snake_case 2*3");
        assertThat(message.get("blocks").get(1).get("fields").get(3).get("text").asText()).isEqualTo("*By*\nˍadminˍ");
        assertThat(message.get("blocks").get(0).get("text").get("text").asText())
                .isEqualTo("SEV-2 · INC-2025-001 mitigated: " + title);
        assertThat(message.get("blocks").get(2).get("text").get("text").asText()).isEqualTo("&gt; quoted\n*x*");
    }

    @Test
    void cutsTextToSlacksLimitsWithoutBreakingAnEntity() throws Exception {
        Notification n = TestNotifications.notification().title("t".repeat(200)).note("&".repeat(10_000)).build();

        JsonNode message = send(n);

        String header = message.get("blocks").get(0).get("text").get("text").asText();
        assertThat(header).hasSize(150).endsWith("t…");
        String note = message.get("blocks").get(2).get("text").get("text").asText();
        assertThat(note).hasSizeLessThanOrEqualTo(3000).endsWith("&amp;…");
        assertThat(note.replace("&amp;", "")).isEqualTo("…");
    }

    @Test
    void runsUserTextThroughTheRedactor() throws Exception {
        Notification n = TestNotifications.notification().actor("alice@example.com")
                .title("Leaked xoxb-1234567890-abcdefghij").note("password=hunter2").build();

        JsonNode message = send(n, Redactor.emailsAndTokens());

        assertThat(PayloadAssertions.allStrings(message)).noneSatisfy(s -> assertThat(s)
                .containsAnyOf("alice@example.com", "xoxb-1234567890", "hunter2"));
        assertThat(message.get("blocks").get(1).get("fields").get(3).get("text").asText()).isEqualTo("*By*\n[redacted-email]");
        assertThat(message.get("blocks").get(2).get("text").get("text").asText()).isEqualTo("password=[redacted]");
    }

    @Test
    void aPageMentionsItsPersonAndStillEscapesTheUsersText() throws Exception {
        Notification page = TestNotifications.notification().type("incident.paged").title(TestNotifications.HOSTILE)
                .recipient(new Recipient("alice", "slack", "U024BE7LH")).build();

        JsonNode message = send(page);

        assertThat(message.get("text").asText()).startsWith("<@U024BE7LH> SEV-2 · INC-2025-001 paged: &lt;/script&gt;");
        JsonNode blocks = message.get("blocks");
        assertThat(blocks).extracting(b -> b.get("type").asText())
                .containsExactly("header", "section", "section", "section", "actions", "context");
        assertThat(blocks.get(1).get("text").get("type").asText()).isEqualTo("mrkdwn");
        assertThat(blocks.get(1).get("text").get("text").asText()).isEqualTo("<@U024BE7LH> you are paged for this incident.");
        // The one mention is the person's: the hostile <@U123|bob> and <!here> stay inert.
        assertThat(PayloadAssertions.allStrings(message)).allSatisfy(text -> assertThat(
                text.replace("<@U024BE7LH>", "")).doesNotContain("<", ">"));
        assertThat(message.get("parse").asText()).isEqualTo("none");
    }

    @Test
    void aPageWithoutARecipientMentionsNobody() throws Exception {
        JsonNode message = send(TestNotifications.notification().type("incident.paged").build());

        assertThat(message.get("text").asText()).isEqualTo("SEV-2 · INC-2025-001 paged: Checkout latency");
        assertThat(PayloadAssertions.allStrings(message)).noneSatisfy(text -> assertThat(text).contains("<@"));
    }

    @Test
    void aPageToAnAddressThatIsNoMemberIdFailsForGoodAndSendsNothing() {
        try (SlackNotifier slack = SlackNotifier.builder(server.uri("/services/T1/B2/secret")).build()) {
            assertThat(slack.contactKinds()).containsExactly("slack");
            for (String address : List.of("alice", "U024BE7LH> <!here", "u024be7lh", "C024BE7LH", "U")) {
                DeliveryResult result = slack.deliver(TestNotifications.notification().type("incident.paged")
                        .recipient(new Recipient("alice", "slack", address)).build());
                assertThat(result).as(address).isEqualTo(DeliveryResult.failed(
                        "the slack address of alice is not a Slack member id ([UW][A-Z0-9]{2,}, such as U024BE7LH)"));
            }
            assertThat(slack.deliver(TestNotifications.notification().type("incident.paged")
                    .recipient(new Recipient("alice", "email", "alice@example.com")).build()))
                    .isEqualTo(DeliveryResult.failed(
                            "notifier slack reaches no one by email (it takes slack), so it cannot page alice"));
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void theKindsAreSetWhereTheNotifierIsBuiltAndTeamsPagesNoOne() {
        try (SlackNotifier slack = SlackNotifier.builder(server.uri("/services/T1/B2/secret"))
                .contactKinds("slack-acme", "slack").build();
                SlackNotifier none = SlackNotifier.builder(server.uri("/services/T1/B2/secret")).contactKinds().build();
                TeamsNotifier teams = TeamsNotifier.builder(server.uri("/workflows/abc")).build()) {
            assertThat(slack.contactKinds()).containsExactlyInAnyOrder("slack-acme", "slack");
            assertThat(none.contactKinds()).isEmpty();
            assertThat(teams.contactKinds()).isEmpty();
            assertThat(teams.deliver(TestNotifications.notification().type("incident.paged")
                    .recipient(new Recipient("alice", "teams", "alice@example.com")).build()))
                    .isInstanceOf(DeliveryResult.Failed.class);
        }
        assertThat(server.requests()).isEmpty();
    }
}
