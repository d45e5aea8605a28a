package dev.incidentkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class InstantsProperties {

    /** 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z, the range IncidentKit accepts. */
    private static final long LAST_SECOND = 253_402_300_799L;

    @Property(tries = 2000)
    void printsWhatInstantToStringPrints(
            @ForAll @LongRange(min = 0, max = LAST_SECOND) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Instant any = Instant.ofEpochSecond(seconds, nanos);

        assertThat(Instants.iso(any)).isEqualTo(any.toString());
        assertThat(Instants.iso(any.truncatedTo(ChronoUnit.MICROS))).isEqualTo(any.truncatedTo(ChronoUnit.MICROS).toString());
        assertThat(Instants.iso(any.truncatedTo(ChronoUnit.MILLIS))).isEqualTo(any.truncatedTo(ChronoUnit.MILLIS).toString());
        assertThat(Instants.iso(any.truncatedTo(ChronoUnit.SECONDS))).isEqualTo(any.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** Outside its own range it hands over to {@code Instant.toString()}: any instant prints right. */
    @Property(tries = 1000)
    void printsAnyInstantAsInstantToStringDoes(
            @ForAll @LongRange(min = -31_557_014_167_219_200L, max = 31_556_889_864_403_199L) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Instant any = Instant.ofEpochSecond(seconds, nanos);

        assertThat(Instants.iso(any)).isEqualTo(any.toString());
    }

    @Test
    void printsTheEdgesOfTheRange() {
        for (String text : new String[] {"1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "2024-02-29T12:00:00.100Z",
                "2025-08-23T14:30:00.000001Z", "1000-01-01T00:00:00Z", "0999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z",
                "-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z"}) {
            assertThat(Instants.iso(Instant.parse(text))).isEqualTo(text);
        }
    }

    @Property(tries = 2000)
    void readsWhatInstantParseReads(
            @ForAll @LongRange(min = -31_557_014_167_219_200L, max = 31_556_889_864_403_199L) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Instant any = Instant.ofEpochSecond(seconds, nanos);
        for (Instant i : new Instant[] {any, any.truncatedTo(ChronoUnit.MICROS), any.truncatedTo(ChronoUnit.SECONDS)}) {
            assertThat(Instants.parse(i.toString())).isEqualTo(i);
        }
    }

    /** Any text, a valid instant with one character changed or cut included: the JDK's answer or its exception. */
    @Property(tries = 3000)
    void answersAnyTextAsInstantParseDoes(
            @ForAll @LongRange(min = 0, max = LAST_SECOND) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll @IntRange(min = 0, max = 29) int at,
            @ForAll("mutations") char replacement,
            @ForAll boolean cut) {
        String valid = Instant.ofEpochSecond(seconds, nanos).toString();
        int where = Math.min(at, valid.length() - 1);
        String text = cut ? valid.substring(0, where) + valid.substring(where + 1)
                : valid.substring(0, where) + replacement + valid.substring(where + 1);
        assertThat(outcome(() -> Instants.parse(text))).isEqualTo(outcome(() -> Instant.parse(text)));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Character> mutations() {
        return net.jqwik.api.Arbitraries.of('0', '1', '2', '3', '5', '6', '9', '-', ':', '.', 'T', 't', 'Z', 'z', ' ', '+',
                'x');
    }

    @Test
    void readsTheEdgesAndRefusesWhatTheJdkRefuses() {
        for (String text : new String[] {"1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "2024-02-29T12:00:00.1Z",
                "2025-08-23T14:30:00.000001Z", "1000-01-01T00:00:00Z", "0999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z",
                "2025-08-23t14:30:00z", "2016-12-31T23:59:60Z", "2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z",
                "2025-08-23T24:00:00Z", "2025-08-23T14:30:00.Z", "2025-08-23T14:30:00.1234567890Z",
                "2025-08-23T14:30:00+01:00", "2025-08-23T14:30Z", ""}) {
            assertThat(outcome(() -> Instants.parse(text))).as(text).isEqualTo(outcome(() -> Instant.parse(text)));
        }
    }

    /** The instant, or the class of the exception. */
    private static Object outcome(java.util.function.Supplier<Instant> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }
}
