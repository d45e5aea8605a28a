package dev.incidentkit.core.format;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Where an event writes its data fields ({@link dev.incidentkit.core.event.IncidentEvent#writeData}):
 * one JSON object of string, integer, boolean, string-map and string-list fields, in the order written. The field
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
     * Writes a field whose value is an object of string fields, such as an alert's labels, its
     * keys in {@link String#compareTo} order (so that equal maps write equal text).
     *
     * @param name the field's name
     * @param value its entries, possibly none
     * @since 0.3.0
     */
    void stringMap(String name, SortedMap<String, String> value);

    /**
     * Writes a field whose value is an array of strings, such as the channels a page went
     * through, in the list's order.
     *
     * @param name the field's name
     * @param value its elements, possibly none
     * @since 0.4.0
     */
    void stringList(String name, List<String> value);

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
