package dev.incidentkit.core.internal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()}, written without a formatter: every event's two instants are printed
 * for its hash on the command path, and the JDK's ISO_INSTANT printer is the slowest part of that.
 * The output is the same string (a property test holds it to that) for the years IncidentKit
 * accepts, 1970 to 9999.
 */
public final class Instants {

    private Instants() {}

    /** @return exactly what {@code instant.toString()} returns, for years 1970 to 9999 */
    public static String iso(Instant instant) {
        long seconds = instant.getEpochSecond();
        int nanos = instant.getNano();
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(days);
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
            return instant.toString();
        }
        StringBuilder out = new StringBuilder(27);
        out.append(year).append('-');
        two(out, date.getMonthValue()).append('-');
        two(out, date.getDayOfMonth()).append('T');
        two(out, secondOfDay / 3600).append(':');
        two(out, secondOfDay / 60 % 60).append(':');
        two(out, secondOfDay % 60);
        if (nanos > 0) {
            out.append('.');
            // ISO_INSTANT prints the fraction in groups of three digits: millis, micros or nanos.
            if (nanos % 1_000_000 == 0) {
                digits(out, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                digits(out, nanos / 1_000, 6);
            } else {
                digits(out, nanos, 9);
            }
        }
        return out.append('Z').toString();
    }

    private static StringBuilder two(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static void digits(StringBuilder out, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            out.append('0');
        }
        out.append(s);
    }
}
