package dev.incidentkit.core.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()}, written without a formatter: every event's two instants are printed
 * for its hash on the command path, and the JDK's ISO_INSTANT printer is the slowest part of that.
 * The output is the same text (a property test holds it to that) for the years IncidentKit
 * accepts, 1970 to 9999.
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
}
