package dev.incidentkit.core.format;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Where an event writes its data fields ({@link dev.incidentkit.core.event.IncidentEvent#writeData}):
 * one flat JSON object of string, integer and boolean fields, in the order written. The field
 * names are snake_case constants; the writer escapes the values.
 *
 * <p>Not thread-safe: one writer writes one object.
 *
 * @since 0.2.0
 */
public interface EventDataWriter {

    /**
     * Writes a string field.
     *
     * @param name the field's name
     * @param value its value, any text
     */
    void string(String name, String value);

    /**
     * Writes an integer field, in decimal.
     *
     * @param name the field's name
     * @param value its value
     */
    void integer(String name, long value);

    /**
     * Writes a boolean field, {@code true} or {@code false}.
     *
     * @param name the field's name
     * @param value its value
     */
    void bool(String name, boolean value);

    /**
     * Writes a string field if there is a value, and nothing otherwise: an absent field, never
     * {@code null}.
     *
     * @param name the field's name
     * @param value its value, if any
     */
    default void optionalString(String name, Optional<String> value) {
        if (value.isPresent()) {
            string(name, value.get());
        }
    }

    /**
     * Writes an instant as a string field, as {@link DateTimeFormatter#ISO_INSTANT} prints it
     * (UTC, {@code Z}, the fraction in groups of three digits and none when zero).
     *
     * @param name the field's name
     * @param value its value
     */
    default void instant(String name, Instant value) {
        string(name, DateTimeFormatter.ISO_INSTANT.format(value));
    }
}
