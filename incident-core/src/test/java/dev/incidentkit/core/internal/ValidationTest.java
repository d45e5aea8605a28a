package dev.incidentkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.ValidationException;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The input limits of DESIGN §11, at and just past each limit. */
class ValidationTest {

    private static final String EMOJI = "\uD83D\uDD25"; // one code point, two chars
    private static final Instant DECLARED_AT = Instant.parse("2025-03-01T10:00:00Z");

    private static void rejects(ThrowingCallable call, String field, String ruleFragment) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).contains(ruleFragment);
            assertThat(e.getMessage()).startsWith(field + " ");
        });
    }

    // ---- title ----------------------------------------------------------------------------

    @Test
    void aTitleIsOneTo200CodePointsNotChars() {
        String twoHundredEmoji = EMOJI.repeat(200);
        assertThat(twoHundredEmoji.length()).isEqualTo(400);
        assertThat(Decider.declared("INC-1", Declare.of(twoHundredEmoji, Severity.SEV1, "api"), DECLARED_AT).title())
                .isEqualTo(twoHundredEmoji);
        assertThat(Decider.declared("INC-1", Declare.of("x", Severity.SEV1, "api"), DECLARED_AT).title()).isEqualTo("x");
        rejects(() -> Decider.declared("INC-1", Declare.of(EMOJI.repeat(201), Severity.SEV1, "api"), DECLARED_AT),
                "title", "1 to 200");
        rejects(() -> Decider.declared("INC-1", Declare.of("a".repeat(201), Severity.SEV1, "api"), DECLARED_AT),
                "title", "(was 201)");
        rejects(() -> Decider.declared("INC-1", Declare.of("", Severity.SEV1, "api"), DECLARED_AT), "title", "1 to 200");
        rejects(() -> Decider.declared("INC-1", Declare.of(" \t ", Severity.SEV1, "api"), DECLARED_AT), "title", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\tb", "a\rb", "\u0000", "a\u0007", "a\u001b[31m", "a\u007f", "a\u0085b", "a\u009b",
        "a\u2028b", "a\u2029b"})
    void aTitleHasNoControlCharacterAndNoLineBreak(String title) {
        rejects(() -> Validation.singleLine("title", title, 1, Validation.MAX_TITLE), "title", "control characters");
    }

    @Test
    void aTitleMayHoldAnyPrintableText() {
        String hostile = "</script><b>\"x\" \\ **y** | z | \u202Eevil\u202C \u05E9\u05DC\u05D5\u05DD "
                + "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67 [a](javascript:x) @here";
        assertThat(Validation.singleLine("title", hostile, 1, Validation.MAX_TITLE)).isEqualTo(hostile);
    }

    // ---- notes and other free text --------------------------------------------------------

    @Test
    void aNoteIsUpTo10000CodePoints() {
        assertThat(Validation.note("note", "")).isEmpty();
        String max = EMOJI.repeat(10_000);
        assertThat(Validation.note("note", max)).isEqualTo(max);
        rejects(() -> Validation.note("note", EMOJI.repeat(10_001)), "note", "at most 10000");
        rejects(() -> Validation.note("description", "a".repeat(10_001)), "description", "(was 10001)");
    }

    @Test
    void freeTextKeepsNewlinesAndTabsOnly() {
        String text = "line 1\n\tline 2\n\n- item";
        assertThat(Validation.note("note", text)).isEqualTo(text);
        for (String bad : new String[] {"a\rb", "a\r\nb", "\u0000", "a\u0008", "a\u000b", "a\u000c", "a\u001b",
            "a\u007f", "a\u0085", "a\u2028", "a\u2029"}) {
            rejects(() -> Validation.note("note", bad), "note", "control characters other than newline and tab");
        }
    }

    @Test
    void requiredTextIsNotBlank() {
        rejects(() -> Validation.text("note", "", 1, Validation.MAX_TEXT), "note", "1 to 10000");
        rejects(() -> Validation.text("note", " \n\t ", 1, Validation.MAX_TEXT), "note", "blank");
        assertThat(Validation.text("note", " x ", 1, Validation.MAX_TEXT)).isEqualTo(" x ");
    }

    @Test
    void anUnpairedSurrogateIsNoText() {
        for (String bad : new String[] {"\uD800", "a\uDC00b", "\uDBFF", EMOJI.substring(0, 1), EMOJI.substring(1)}) {
            rejects(() -> Validation.note("note", bad), "note", "unpaired surrogate");
            rejects(() -> Validation.singleLine("title", bad, 1, 200), "title", "unpaired surrogate");
            rejects(() -> Actor.of(bad), "actor", "unpaired surrogate");
        }
    }

    // ---- services -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "checkout", "payments-api", "db.primary", "x_y", "a-", "9lives",
        "a23456789012345678901234567890123456789012345678901234567890123"})
    void serviceNamesFollowThePattern(String name) {
        assertThat(name.length()).isLessThanOrEqualTo(63);
        assertThat(Validation.service("service", name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", ".a", "_a", "Checkout", "check out", "café", "a/b", "a:b", "a\n", "a\u0000",
        "a234567890123456789012345678901234567890123456789012345678901234", "\uFF41", "a\u0131"})
    void otherServiceNamesAreRejected(String name) {
        rejects(() -> Validation.service("service", name), "service", "[a-z0-9][a-z0-9._-]{0,62}");
        rejects(() -> Decider.declared("INC-1", Declare.of("t", Severity.SEV2, name), DECLARED_AT), "service", "must match");
    }

    // ---- actors ---------------------------------------------------------------------------

    @Test
    void anActorIsOneTo200CodePointsOnOneLine() {
        assertThat(Actor.of("a").name()).isEqualTo("a");
        assertThat(Actor.of(EMOJI.repeat(200)).name()).hasSize(400);
        assertThat(Actor.of("Zoë O'Brien <zoe@example.com>").name()).isEqualTo("Zoë O'Brien <zoe@example.com>");
        rejects(() -> Actor.of(""), "actor", "1 to 200");
        rejects(() -> Actor.of("   "), "actor", "blank");
        rejects(() -> Actor.of("a".repeat(201)), "actor", "1 to 200");
        rejects(() -> Actor.of("alice\nbob"), "actor", "control characters");
        rejects(() -> Actor.of("alice\t"), "actor", "control characters");
        rejects(() -> CommandContext.as("a\u0000"), "actor", "control characters");
    }

    @Test
    void aCommandIdIsOneTo200CodePointsOnOneLine() {
        assertThat(CommandContext.as("alice").commandId("x".repeat(200)).commandId()).contains("x".repeat(200));
        rejects(() -> CommandContext.as("alice").commandId("x".repeat(201)), "commandId", "1 to 200");
        rejects(() -> CommandContext.as("alice").commandId("a\nb"), "commandId", "control characters");
    }

    // ---- instants -------------------------------------------------------------------------

    @Test
    void instantsLieBetween1970And9999() {
        assertThat(Validation.instant("at", Instant.EPOCH)).isEqualTo(Instant.EPOCH);
        assertThat(Validation.instant("at", Instant.parse("9999-12-31T23:59:59Z"))).isNotNull();
        rejects(() -> Validation.instant("at", Instant.EPOCH.minusNanos(1)), "at", "between 1970 and 9999");
        rejects(() -> Validation.instant("at", Instant.parse("9999-12-31T23:59:59.000001Z")), "at", "between 1970 and 9999");
    }

    @Test
    void aDeclarationCannotBeDetectedAfterItIsDeclaredNorStartBeforeItIsDetected() {
        rejects(() -> Decider.declared("INC-1", Declare.of("t", Severity.SEV2, "api").detectedAt(DECLARED_AT.plusSeconds(1)),
                DECLARED_AT), "detectedAt", "must not be after the declaration");
        rejects(() -> Decider.declared("INC-1", Declare.of("t", Severity.SEV2, "api")
                .detectedAt(DECLARED_AT.minusSeconds(60)).impactStartedAt(DECLARED_AT.minusSeconds(30)), DECLARED_AT),
                "impactStartedAt", "must not be after detectedAt");
        var ok = Decider.declared("INC-1", Declare.of("t", Severity.SEV2, "api")
                .detectedAt(DECLARED_AT.minusSeconds(60)).impactStartedAt(DECLARED_AT.minusSeconds(600)), DECLARED_AT);
        assertThat(ok.detectedAt()).isEqualTo(DECLARED_AT.minusSeconds(60));
        assertThat(ok.impactStartedAt()).isEqualTo(DECLARED_AT.minusSeconds(600));
    }

    @Test
    void theMessageQuotesTheValueShortenedAndWithControlsVisible() {
        ValidationException e = new ValidationException("note", "must be short", "a\u0000b" + "x".repeat(100));
        assertThat(e.getMessage()).isEqualTo("note must be short, got \"a\\u0000b" + "x".repeat(57) + "...\"");
    }
}
