package dev.incidentkit.core.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * {@link Instant#toString()} and {@link Instant#parse}, without a formatter: every event's two
 * instants are printed for its hash on the command path, and a snapshot read from the read model
 * holds about ten; the JDK's ISO_INSTANT printer and parser were the slowest parts of both. The
 * text is the same (property tests hold both to the JDK's) for the years IncidentKit accepts, 1970
 * to 9999; any other text goes to the JDK.
 */
public final class Instants {

    /** The longest text {@link #write} produces for the years it prints itself. */
    static final int MAX_LENGTH = 30;
    /** 1000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: four-digit years, printed here. */
    private static final long FIRST_SECOND = -30_610_224_000L;
    private static final long LAST_SECOND = 253_402_300_799L;

    private Instants() {}

    /** @return exactly what {@code instant.toString()} returns, for years 1970 to 9999 */
    public static String iso(Instant instant) {
        byte[] out = new byte[MAX_LENGTH];
        int n = write(instant, out, 0);
        return n < 0 ? instant.toString() : new String(out, 0, n, StandardCharsets.US_ASCII);
    }

    /**
     * Writes {@link #iso}'s text as ASCII bytes into {@code out}, which has room for
     * {@link #MAX_LENGTH} bytes from {@code at}.
     *
     * @return the index after the last byte written, or -1 for a year outside 1000 to 9999, whose
     *     text the caller takes from {@code instant.toString()}
     */
    static int write(Instant instant, byte[] out, int at) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            return -1;
        }
        int nanos = instant.getNano();
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(days);
        int year = date.getYear();
        int i = digits(out, at, year, 4);
        out[i++] = '-';
        i = digits(out, i, date.getMonthValue(), 2);
        out[i++] = '-';
        i = digits(out, i, date.getDayOfMonth(), 2);
        out[i++] = 'T';
        i = digits(out, i, secondOfDay / 3600, 2);
        out[i++] = ':';
        i = digits(out, i, secondOfDay / 60 % 60, 2);
        out[i++] = ':';
        i = digits(out, i, secondOfDay % 60, 2);
        if (nanos > 0) {
            out[i++] = '.';
            // ISO_INSTANT prints the fraction in groups of three digits: millis, micros or nanos.
            if (nanos % 1_000_000 == 0) {
                i = digits(out, i, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                i = digits(out, i, nanos / 1_000, 6);
            } else {
                i = digits(out, i, nanos, 9);
            }
        }
        out[i++] = 'Z';
        return i;
    }

    /** Writes {@code value} as exactly {@code width} decimal digits, zero-padded. */
    private static int digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    /**
     * Reads an instant as {@link Instant#parse} does: the same result, or the same {@link
     * DateTimeParseException}. Text of the form {@code 2025-08-23T14:30:00Z}, with an optional
     * fraction of 1 to 9 digits, is read here; anything else (other years, lower case, a leap
     * second, offsets) by the JDK.
     *
     * @param text the text
     * @return the instant
     * @throws DateTimeParseException if the text is not an ISO-8601 instant
     */
    public static Instant parse(CharSequence text) {
        Instant fast = parseCanonical(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /** The instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with fields in range, else null. */
    private static Instant parseCanonical(CharSequence t) {
        int n = t.length();
        if (n < 20 || n > 30 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':' || t.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = number(t, 0, 4);
        int month = number(t, 5, 2);
        int day = number(t, 8, 2);
        int hour = number(t, 11, 2);
        int minute = number(t, 14, 2);
        int second = number(t, 17, 2);
        if (year < 1000 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59
                || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int digits = n - 21;
            if (t.charAt(19) != '.' || digits < 1 || digits > 9) {
                return null;
            }
            nanos = number(t, 20, digits);
            if (nanos < 0) {
                return null;
            }
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        } else if (n != 20) {
            return null;
        }
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number of {@code width} ASCII digits at {@code at}, or -1 if one is not a digit. */
    private static int number(CharSequence t, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
