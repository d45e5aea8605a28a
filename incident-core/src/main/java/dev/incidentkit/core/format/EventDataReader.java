package dev.incidentkit.core.format;

import dev.incidentkit.core.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * Typed access to the fields of one event's data, for the readers of the event records (such as
 * {@link dev.incidentkit.core.event.IncidentEvent.Declared#read}). Data is read as strictly as a
 * command's input: each method checks its field and throws a {@link ValidationException} naming
 * it ({@code data.title}) when the field is missing, of the wrong JSON type or breaks its rule.
 *
 * @since 0.2.0
 */
public interface EventDataReader {

    /**
     * @param name the field
     * @return its text, any text
     * @throws ValidationException if the field is not a string
     */
    String string(String name);

    /**
     * @param name the field
     * @return its text, or empty if the field is absent or {@code null}
     * @throws ValidationException if the field is present and neither a string nor {@code null}
     */
    Optional<String> optionalString(String name);

    /**
     * @param name the field
     * @return its value
     * @throws ValidationException if the field is not {@code true} or {@code false}
     */
    boolean bool(String name);

    /**
     * @param name the field
     * @return its value, at least 1
     * @throws ValidationException if the field is not an integer from 1 to {@link Integer#MAX_VALUE}
     */
    int positiveInt(String name);

    /**
     * @param name the field
     * @param parser turns the field's text into a value; its {@link ValidationException}, {@link
     *     IllegalArgumentException} or {@link java.time.DateTimeException} becomes a {@link
     *     ValidationException} naming the field
     * @param <T> the value's type
     * @return the parsed value
     * @throws ValidationException if the field is not a string or does not parse
     */
    <T> T parse(String name, Function<String, T> parser);

    /**
     * @param name the field
     * @return the instant its ISO-8601 text names
     * @throws ValidationException if it does not parse or lies outside 1970 to 9999
     */
    Instant instant(String name);

    /**
     * @param name the field
     * @return its text: one line, 1 to {@code maxLength} characters, not blank
     * @throws ValidationException if it breaks that rule
     */
    String singleLine(String name, int maxLength);

    /**
     * @param name the field
     * @return its text: 1 to 10,000 characters, newline and tab the only control characters, not blank
     * @throws ValidationException if it breaks that rule
     */
    String text(String name);

    /**
     * @param name the field
     * @return its text: at most 10,000 characters, newline and tab the only control characters
     * @throws ValidationException if it breaks that rule
     */
    String note(String name);

    /**
     * @param name the field
     * @return its text, as {@link #note}, or empty if the field is absent or {@code null}
     * @throws ValidationException if it is present and breaks the rule of {@link #note}
     */
    Optional<String> optionalNote(String name);

    /**
     * @param name the field
     * @return a service name, {@code [a-z0-9][a-z0-9._-]{0,62}}
     * @throws ValidationException if it is not one
     */
    String service(String name);

    /**
     * @param name the field's name
     * @return its entries: an object whose every value is a string, sorted by key; empty if the
     *     field is absent
     * @since 0.3.0
     */
    SortedMap<String, String> stringMap(String name);

    /**
     * @param name the field's name
     * @return its elements: an array whose every element is a string, in order; empty if the
     *     field is absent
     * @throws ValidationException if the field is present and not such an array (an element that
     *     is not a string is named {@code data.<name>[<index>]})
     * @since 0.4.0
     */
    List<String> stringList(String name);

    /**
     * @param name the field
     * @param rule the rule its value breaks, such as {@code must be open in incident.declared}
     * @param value the value
     * @return an exception naming the field, for the reader to throw
     */
    ValidationException invalid(String name, String rule, Object value);
}
