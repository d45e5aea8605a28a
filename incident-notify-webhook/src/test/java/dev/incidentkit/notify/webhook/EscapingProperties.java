package dev.incidentkit.notify.webhook;

import static dev.incidentkit.notify.webhook.PayloadAssertions.valuesOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentkit.notify.spi.Notification;
import dev.incidentkit.notify.webhook.internal.Json;
import dev.incidentkit.notify.webhook.internal.SlackText;
import dev.incidentkit.notify.webhook.internal.UserText;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** For all user text, hostile or not, every payload is valid JSON and the text in it is inert. */
class EscapingProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WJ = "\u2060";
    private static final Pattern BROADCAST = Pattern.compile("(?i)@(here|channel|everyone|all)");
    private static final Pattern AUTO_LINK = Pattern.compile("(?i)://|\\bwww\\.");
    private static final Pattern FIELD_LABEL = Pattern.compile("^\\*[A-Za-z]+\\*\n");
    private static final URI HOOK = URI.create("https://hooks.example.invalid/services/x");

    private final SlackNotifier slack = SlackNotifier.builder(HOOK).build();
    private final TeamsNotifier teams = TeamsNotifier.builder(HOOK).build();
    private final PagerDutyNotifier pagerDuty = PagerDutyNotifier.builder("key").endpoint(HOOK).build();

    @Provide
    Arbitrary<String> userText() {
        Arbitrary<String> fragments = Arbitraries.of("<!here>", "<!channel>", "<!everyone>", "<@U123|bob>", "<#C1>",
                "<!subteam^S1>", "<https://evil.example|click>", "<!date^1^{date}|x>", "@here", "@Channel", "@EVERYONE",
                "@all", "*bold*", "_it_", "~s~", "`code`", "```", "> quote", "\n>", "&amp;", "&", "&lt;", "<", ">",
                "[x](javascript:alert(1))", "https://evil.example", "www.evil.example", "WWW.", "\u202E", "\u2066",
                "\r\n", "\r", "\u0000", "\u0007", "\u0085", "\uD800", "\uDC00", "😀", "é", WJ, " ", "\t", "|", ":", "//",
                "@", "!", "*", "_", "~", "`", "a", "Z", "9");
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(12);
        return Arbitraries.oneOf(fragments, fragments, any).list().ofMaxSize(16).map(parts -> String.join("", parts));
    }

    private Notification notification(String title, String note, String actor) {
        return TestNotifications.notification().type("incident.declared").title(title).note(note).actor(actor)
                .links(List.of(TestNotifications.INCIDENT_PAGE, URI.create("javascript:alert(1)"))).build();
    }

    @Property
    void slackTextIsEscapedEverywhere(@ForAll("userText") String title, @ForAll("userText") String note,
            @ForAll("userText") String actor) throws Exception {
        JsonNode message = JSON.readTree(Json.bytes(slack.payload(notification(title, note, actor))));

        for (String text : valuesOf(message, "text")) {
            assertInert(text);
            assertThat(text).doesNotContain("<", ">");
            assertThat(text.replaceAll("&(amp|lt|gt);", "")).doesNotContain("&");
        }
        List<String> mrkdwn = new java.util.ArrayList<>();
        mrkdwn.add(message.get("text").asText());
        message.get("blocks").get(1).get("fields").forEach(f -> mrkdwn.add(FIELD_LABEL.matcher(f.get("text").asText()).replaceFirst("")));
        for (String text : mrkdwn) {
            assertThat(text).doesNotContain("`");
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '*' || c == '_' || c == '~') {
                    assertThat(i > 0 && i + 1 < text.length() && Character.isLetterOrDigit(text.charAt(i - 1))
                            && Character.isLetterOrDigit(text.charAt(i + 1)))
                            .as("'%s' at %d of %s is inside a word", c, i, text).isTrue();
                }
            }
        }
        assertThat(valuesOf(message, "url")).containsExactly(TestNotifications.INCIDENT_PAGE.toString());
    }

    @Property
    void slackPlainTextShowsExactlyTheCleanedText(@ForAll("userText") String text) {
        String shown = SlackText.plain(text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");

        assertThat(shown.replace(WJ, "")).isEqualTo(UserText.clean(text).replace(WJ, ""));
    }

    @Property
    void slackMrkdwnKeepsEveryCharacterInPlace(@ForAll("userText") String text) {
        String shown = SlackText.mrkdwn(text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace(WJ, "");
        String clean = UserText.clean(text).replace(WJ, "");

        assertThat(shown.codePointCount(0, shown.length())).isEqualTo(clean.codePointCount(0, clean.length()));
    }

    @Property
    void teamsTextIsOnlyEverInTextRuns(@ForAll("userText") String title, @ForAll("userText") String note,
            @ForAll("userText") String actor) throws Exception {
        JsonNode message = JSON.readTree(Json.bytes(teams.payload(notification(title, note, actor))));

        JsonNode card = message.get("attachments").get(0).get("content");
        for (JsonNode block : card.get("body")) {
            assertThat(block.get("type").asText()).isEqualTo("RichTextBlock");
            block.get("inlines").forEach(run -> assertThat(run.get("type").asText()).isEqualTo("TextRun"));
        }
        valuesOf(card, "text").forEach(EscapingProperties::assertInert);
        assertThat(valuesOf(message, "url")).containsExactly(TestNotifications.INCIDENT_PAGE.toString());
    }

    @Property
    void pagerDutyEventsAreValidJsonWithinLimits(@ForAll("userText") String title, @ForAll("userText") String note,
            @ForAll("userText") String actor) throws Exception {
        JsonNode event = JSON.readTree(Json.bytes(pagerDuty.payload(notification(title, note, actor), "trigger")));

        assertThat(event.get("payload").get("summary").asText()).hasSizeLessThanOrEqualTo(1024).doesNotContain("\n");
        assertThat(PayloadAssertions.allStrings(event)).allSatisfy(EscapingProperties::assertWellFormed);
    }

    @Property
    void truncationStaysWithinTheLimitAndKeepsPairsAndEntities(@ForAll("userText") String text,
            @ForAll @IntRange(min = 2, max = 40) int max) {
        String escaped = SlackText.plain(text);
        String cut = UserText.truncate(escaped, max);

        assertThat(cut).hasSizeLessThanOrEqualTo(max);
        if (escaped.length() <= max) {
            assertThat(cut).isEqualTo(escaped);
        } else {
            String kept = cut.substring(0, cut.length() - 1);
            assertThat(cut).endsWith("…");
            assertThat(escaped).startsWith(kept);
            assertWellFormed(kept);
            assertThat(kept.replaceAll("&(amp|lt|gt);", "")).doesNotContain("&");
        }
    }

    @Property
    void cleanTextIsWellFormed(@ForAll("userText") String text, @ForAll String any) {
        assertWellFormed(UserText.clean(text));
        assertWellFormed(UserText.clean(any));
        assertThat(UserText.cleanLine(text)).doesNotContain("\n", "\t");
    }

    static void assertInert(String text) {
        assertWellFormed(text);
        assertThat(text).doesNotContainPattern(BROADCAST).doesNotContainPattern(AUTO_LINK);
    }

    static void assertWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
                        .as("high surrogate at %d is paired", i).isTrue();
                i++;
            } else {
                assertThat(Character.isSurrogate(c)).as("lone surrogate at %d", i).isFalse();
                assertThat(Character.isISOControl(c) && c != '\n' && c != '\t').as("control U+%04X at %d", (int) c, i).isFalse();
                assertThat(UserText.isInvisibleControl(c)).as("bidi control at %d", i).isFalse();
            }
        }
    }

    @Property(tries = 50)
    void severityLevelsAreReadLeniently(@ForAll @IntRange(min = 1, max = 4) int level) {
        for (String form : List.of("SEV-" + level, "SEV" + level, "sev" + level, " " + level + " ", "P" + level, "p" + level)) {
            assertThat(UserText.severityLevel(form)).as(form).isEqualTo(level);
        }
        assertThat(UserText.severityLevel("SEV-" + (level + 4))).isZero();
    }
}
