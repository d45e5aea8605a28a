package dev.incidentkit.core;

import java.util.Locale;

/**
 * How bad an incident is, from {@link #SEV1} (the most severe) to {@link #SEV4}.
 *
 * <p>The natural order is by severity: {@code SEV1.compareTo(SEV2) < 0}, and {@link
 * #isMoreSevereThan(Severity)} says it in words. Printed as {@code SEV-1} ({@link #toString()}),
 * parsed leniently by {@link #parse(String)}.
 *
 * @since 0.1.0
 */
public enum Severity {
    /** Complete outage, data loss or a security breach. */
    SEV1("Critical"),
    /** A major feature is broken or badly degraded. */
    SEV2("Major"),
    /** Partial degradation; a workaround exists. */
    SEV3("Minor"),
    /** Minimal or cosmetic impact. */
    SEV4("Low");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /**
     * Parses {@code SEV-1}, {@code SEV1}, {@code sev1}, {@code 1}, {@code P1} and their like, in
     * any case and with surrounding blanks.
     *
     * @param text the text to parse
     * @return the severity it names
     * @throws ValidationException if the text names no severity
     */
    public static Severity parse(String text) {
        String s = text.strip().toUpperCase(Locale.ROOT);
        if (s.startsWith("SEV")) {
            s = s.substring(3);
            if (s.startsWith("-") || s.startsWith("_") || s.startsWith(" ")) {
                s = s.substring(1);
            }
        } else if (s.startsWith("P")) {
            s = s.substring(1);
        }
        if (s.length() == 1 && s.charAt(0) >= '1' && s.charAt(0) <= '4') {
            return values()[s.charAt(0) - '1'];
        }
        throw new ValidationException("severity", "must be one of SEV-1, SEV-2, SEV-3, SEV-4 (or 1-4, P1-P4)", text);
    }

    /** @return the level, 1 for {@link #SEV1} to 4 for {@link #SEV4} */
    public int level() {
        return ordinal() + 1;
    }

    /** @return a word for the impact: Critical, Major, Minor or Low */
    public String label() {
        return label;
    }

    /**
     * @param other another severity
     * @return whether this one is strictly more severe than {@code other}
     */
    public boolean isMoreSevereThan(Severity other) {
        return compareTo(other) < 0;
    }

    /** @return the printed form, {@code SEV-1} to {@code SEV-4} */
    @Override
    public String toString() {
        return PRINTED[ordinal()];
    }

    // Made once: every notification prints its incident's severity.
    private static final String[] PRINTED = {"SEV-1", "SEV-2", "SEV-3", "SEV-4"};

}
