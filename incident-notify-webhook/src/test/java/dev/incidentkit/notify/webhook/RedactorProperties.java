package dev.incidentkit.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RedactorProperties {

    private final Redactor redactor = Redactor.emailsAndTokens();

    @Provide
    Arbitrary<String> emails() {
        Arbitrary<String> local = Arbitraries.strings().withChars("abcxyz019._+-").ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> label = Arbitraries.strings().withChars("abcdefxyz0189").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> labels = label.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l));
        Arbitrary<String> tld = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(6);
        return Combinators.combine(local, labels, tld).as((l, d, t) -> l + "@" + d + "." + t);
    }

    @Provide
    Arbitrary<String> prose() {
        return Arbitraries.strings().withChars("abcdef XYZ,.;:!?()-_0123456789\n\t\"'<>").ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .ofMinLength(24).ofMaxLength(64)
                .map(s -> "Aa0" + s);
    }

    @Property
    void noEmailSurvives(@ForAll("prose") String before, @ForAll("emails") String email, @ForAll("prose") String after) {
        String redacted = redactor.redact(before + " " + email + " " + after);

        assertThat(redacted).doesNotContain(email).contains("[redacted-email]");
    }

    @Property
    void noMixedCaseTokenSurvives(@ForAll("prose") String before, @ForAll("tokens") String token, @ForAll("prose") String after) {
        String redacted = redactor.redact(before + " " + token + " " + after);

        assertThat(redacted).doesNotContain(token);
    }

    @Property
    void redactingTwiceChangesNothingMore(@ForAll("prose") String a, @ForAll("emails") String email,
            @ForAll("tokens") String token, @ForAll String any) {
        String text = a + " " + email + " password=" + token + " " + any + " " + token;
        String once = redactor.redact(text);

        assertThat(redactor.redact(once)).isEqualTo(once);
        assertThat(redactor.redact(any)).isEqualTo(redactor.redact(redactor.redact(any)));
    }
}
