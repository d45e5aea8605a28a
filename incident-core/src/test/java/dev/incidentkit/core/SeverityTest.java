package dev.incidentkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeverityTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "SEV-1|SEV1", "SEV1|SEV1", "sev1|SEV1", "Sev-1|SEV1", "1|SEV1", "P1|SEV1", "p1|SEV1",
        " sev-2 |SEV2", "SEV_2|SEV2", "sev 2|SEV2", "2|SEV2",
        "SEV-3|SEV3", "sev3|SEV3", "p3|SEV3", "3|SEV3",
        "SEV-4|SEV4", "p4|SEV4", "P4|SEV4", "4|SEV4", "  4  |SEV4"})
    void parsesLeniently(String text, String expected) {
        assertThat(Severity.parse(text)).isEqualTo(Severity.valueOf(expected));
    }

    @Test
    void ignoresSurroundingWhitespaceOfAnyKind() {
        assertThat(Severity.parse("\tP2\n")).isEqualTo(Severity.SEV2);
        assertThat(Severity.parse("\u2003sev-3\u3000")).isEqualTo(Severity.SEV3);
    }

    @Test
    void printsTheWalkthroughForm() {
        assertThat(Arrays.stream(Severity.values()).map(Severity::toString))
                .containsExactly("SEV-1", "SEV-2", "SEV-3", "SEV-4");
        assertThat(Arrays.stream(Severity.values()).map(Severity::level)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void sev1IsTheMostSevere() {
        assertThat(List.of(Severity.SEV3, Severity.SEV1, Severity.SEV4, Severity.SEV2).stream().sorted())
                .containsExactly(Severity.SEV1, Severity.SEV2, Severity.SEV3, Severity.SEV4);
        assertThat(Severity.SEV1.isMoreSevereThan(Severity.SEV2)).isTrue();
        assertThat(Severity.SEV2.isMoreSevereThan(Severity.SEV1)).isFalse();
        assertThat(Severity.SEV3.isMoreSevereThan(Severity.SEV3)).isFalse();
        assertThat(Severity.SEV4.isMoreSevereThan(Severity.SEV3)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SEV5", "SEV-5", "SEV0", "P0", "P5", "0", "5", "", "   ", "critical", "SEV", "P", "SEV-",
        "SEV--1", "SEV-11", "11", "PP1", "SEVP1", "S1", "1.0", "-1", "+1", "SEV\u00A01", "\uFF11", "SEV-\u0661",
        "sev-1x", "x1"})
    void rejectsWhatNamesNoSeverity(String text) {
        assertThatThrownBy(() -> Severity.parse(text))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("severity");
                    assertThat(e.getMessage()).startsWith("severity ").contains("SEV-1");
                });
    }

    @Property(tries = 50)
    void parsingThePrintedFormRoundTrips(@ForAll Severity severity, @ForAll("spellings") String spelling) {
        String printed = severity.toString();
        assertThat(Severity.parse(printed)).isSameAs(severity);
        assertThat(Severity.parse(spelling.replace("N", Integer.toString(severity.level())))).isSameAs(severity);
    }

    @Provide
    Arbitrary<String> spellings() {
        return Arbitraries.of("SEV-N", "SEVN", "sevN", "sev-N", "N", "PN", "pN", " SEV-N ", "\tpN\n", "Sev_N", "sev N");
    }

    @Property(tries = 1000)
    void anyStringParsesOrIsRejectedAsValidation(@ForAll("anything") String text) {
        Throwable thrown = catchThrowable(() -> Severity.parse(text));
        if (thrown == null) {
            Severity parsed = Severity.parse(text);
            // Whatever was accepted names the level as one of the documented spellings do.
            String compact = text.strip().toUpperCase(java.util.Locale.ROOT);
            assertThat(compact).endsWith(Integer.toString(parsed.level()));
        } else {
            assertThat(thrown).isInstanceOf(ValidationException.class);
            assertThat(((ValidationException) thrown).field()).isEqualTo("severity");
        }
    }

    @Provide
    Arbitrary<String> anything() {
        Arbitrary<String> nearMisses = Arbitraries.strings().withChars("SEVsevPp-_ 01234569\t").ofMaxLength(8);
        return Arbitraries.oneOf(nearMisses, Arbitraries.strings().all().ofMaxLength(12), EventArbitraries.title());
    }
}
