package dev.incidentkit.core.query;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.internal.Events;
import dev.incidentkit.core.internal.IncidentFold;
import dev.incidentkit.core.spi.EventRecord;
import dev.incidentkit.core.spi.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One incident in the read model: its snapshot after its last event, and when that event was
 * recorded. A store keeps one per incident, written in the transaction that appends the events it
 * follows, and answers {@link IncidentQuery queries} from them; the columns a store indexes (id,
 * title, severity, status, services, roles, milestones, version) are all read from {@link
 * #incident()}, through the methods below, so that every store filters and sorts alike.
 *
 * @param incident the incident after its last event
 * @param lastChangedAt when its last event was recorded
 * @since 0.2.0
 */
public record IncidentSummary(Incident incident, Instant lastChangedAt) {

    /** Checks that no component is null. */
    public IncidentSummary {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(lastChangedAt, "lastChangedAt");
    }

    /**
     * The summary of a whole stream, as a store or a rebuild computes it from the events alone.
     *
     * @param stream the incident's events, in version order, from version 1
     * @return its summary
     * @throws IllegalArgumentException if the stream is empty or not one incident's events from
     *     version 1 without gaps
     * @throws dev.incidentkit.core.ValidationException if an event's data cannot be read
     */
    public static IncidentSummary of(List<StoredEvent> stream) {
        if (stream.isEmpty()) {
            throw new IllegalArgumentException("a summary needs at least the declaration");
        }
        Incident incident = IncidentFold.replay(Events.decode(stream));
        return new IncidentSummary(incident, stream.get(stream.size() - 1).record().recordedAt());
    }

    /** @return the incident's id */
    public String id() {
        return incident.id();
    }

    /** @return the incident's version: the version of its last event */
    public long version() {
        return incident.version();
    }

    /**
     * @return the title with its case folded: each code point to the lower case of its upper case
     *     ({@link Character#toLowerCase(int)}, {@link Character#toUpperCase(int)}), so that {@code
     *     Σ}, {@code σ} and {@code ς} are one letter. What {@link IncidentQuery#titleContains}
     *     searches, and what a store indexes for it
     */
    public String titleKey() {
        return fold(incident.title());
    }

    /** @return the commander's name, if one is assigned */
    public Optional<String> commander() {
        return incident.role(Role.COMMANDER).map(Actor::name);
    }

    /** @return the names of everyone who holds a role, commander included, sorted */
    public Set<String> roleHolders() {
        Set<String> names = new TreeSet<>();
        incident.roles().values().forEach(a -> names.add(a.name()));
        return names;
    }

    /**
     * Code point by code point, not {@link String#toLowerCase}: that one lowers a capital sigma
     * at a word's end to a final sigma, so a title's key would not contain the key of a word in it.
     */
    static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
        return folded.toString();
    }

    /**
     * The check {@link dev.incidentkit.core.spi.EventStore#append} documents for its summary: the
     * summary of {@code incidentId} at the version of the batch's last event. A store calls it
     * before it writes anything.
     *
     * @param incidentId the stream appended to
     * @param events the batch, at least one event
     * @param summary the summary that comes with the batch
     * @return {@code summary}
     * @throws IllegalArgumentException if the summary is of another incident or version, or the
     *     batch is empty
     * @since 0.2.0
     */
    public static IncidentSummary requireFor(String incidentId, List<EventRecord> events, IncidentSummary summary) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an append needs at least one event");
        }
        long last = events.get(events.size() - 1).version();
        if (!summary.id().equals(incidentId) || summary.version() != last) {
            throw new IllegalArgumentException("the summary is of " + summary.id() + " at version " + summary.version()
                    + ", not of " + incidentId + " at version " + last + " as the batch");
        }
        return summary;
    }
}
