package dev.incidentkit.testkit;

import dev.incidentkit.core.Acknowledgement;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * AssertJ assertions for an {@link Incident} snapshot, whose failure messages name the incident
 * and the field:
 *
 * <pre>{@code
 * IncidentAssert.assertThat(incident)
 *         .hasStatus(Status.MITIGATED)
 *         .hasSeverity(Severity.SEV2)
 *         .wasAcknowledgedAt(Instant.parse("2025-08-23T14:32:00Z"))
 *         .wasMitigatedAt(Instant.parse("2025-08-23T14:47:00Z"))
 *         .wasNotResolved();
 * }</pre>
 *
 * <p>Every assertion returns this object, so that they chain; the generic ones of {@link
 * AbstractObjectAssert} ({@code isEqualTo}, {@code extracting}, ...) work as well.
 *
 * @since 0.1.0
 */
public final class IncidentAssert extends AbstractObjectAssert<IncidentAssert, Incident> {

    private IncidentAssert(Incident actual) {
        super(actual, IncidentAssert.class);
    }

    /**
     * @param actual the incident to check
     * @return assertions on it
     */
    public static IncidentAssert assertThat(Incident actual) {
        return new IncidentAssert(actual);
    }

    /**
     * @param id the expected id, such as {@code INC-2025-001}
     * @return this
     * @throws AssertionError if the incident has another id
     */
    public IncidentAssert hasId(String id) {
        return check("id", id, Incident::id);
    }

    /**
     * @param title the expected title
     * @return this
     * @throws AssertionError if the incident has another title
     */
    public IncidentAssert hasTitle(String title) {
        return check("title", title, Incident::title);
    }

    /**
     * @param status the expected status
     * @return this
     * @throws AssertionError if the incident has another status
     */
    public IncidentAssert hasStatus(Status status) {
        return check("status", status, Incident::status);
    }

    /**
     * @param severity the expected severity
     * @return this
     * @throws AssertionError if the incident has another severity
     */
    public IncidentAssert hasSeverity(Severity severity) {
        return check("severity", severity, Incident::severity);
    }

    /**
     * @param service the expected primary service
     * @return this
     * @throws AssertionError if the incident's primary service is another
     */
    public IncidentAssert hasService(String service) {
        return check("service", service, Incident::service);
    }

    /**
     * @param version the expected version, the number of its events
     * @return this
     * @throws AssertionError if the incident is at another version
     */
    public IncidentAssert hasVersion(long version) {
        return check("version", version, Incident::version);
    }

    /**
     * @param count the expected number of notes
     * @return this
     * @throws AssertionError if the incident has another number of notes
     */
    public IncidentAssert hasNotesCount(int count) {
        return check("notesCount", count, Incident::notesCount);
    }

    /**
     * @param at the expected declaration instant
     * @return this
     * @throws AssertionError if the incident was declared at another instant
     */
    public IncidentAssert wasDeclaredAt(Instant at) {
        return check("declaredAt", at, i -> i.milestones().declaredAt());
    }

    /**
     * @param at the expected instant of the first acknowledgement
     * @return this
     * @throws AssertionError if the incident was not acknowledged, or first at another instant
     */
    public IncidentAssert wasAcknowledgedAt(Instant at) {
        return milestone("acknowledgedAt", at, i -> i.milestones().acknowledgedAt());
    }

    /**
     * @param actor the expected name of who acknowledged first
     * @return this
     * @throws AssertionError if the incident was not acknowledged, or first by someone else
     */
    public IncidentAssert wasAcknowledgedBy(String actor) {
        isNotNull();
        Optional<Acknowledgement> ack = actual.acknowledgement();
        if (ack.isEmpty()) {
            failWithMessage("Expected incident %s to have been acknowledged by <%s> but it was never acknowledged",
                    actual.id(), actor);
        } else if (!ack.get().by().name().equals(actor)) {
            failWithMessage("Expected incident %s to have been acknowledged by <%s> but it was by <%s>",
                    actual.id(), actor, ack.get().by().name());
        }
        return this;
    }

    /**
     * @return this
     * @throws AssertionError if the incident was acknowledged
     */
    public IncidentAssert wasNotAcknowledged() {
        return noMilestone("acknowledgedAt", i -> i.milestones().acknowledgedAt());
    }

    /**
     * @param at the expected instant the cause was first identified
     * @return this
     * @throws AssertionError if the incident was not identified, or first at another instant
     */
    public IncidentAssert wasIdentifiedAt(Instant at) {
        return milestone("identifiedAt", at, i -> i.milestones().identifiedAt());
    }

    /**
     * @param at the expected instant of the first mitigation
     * @return this
     * @throws AssertionError if the incident was not mitigated, or first at another instant
     */
    public IncidentAssert wasMitigatedAt(Instant at) {
        return milestone("mitigatedAt", at, i -> i.milestones().mitigatedAt());
    }

    /**
     * @return this
     * @throws AssertionError if the incident was mitigated
     */
    public IncidentAssert wasNotMitigated() {
        return noMilestone("mitigatedAt", i -> i.milestones().mitigatedAt());
    }

    /**
     * @param at the expected instant of the last resolution
     * @return this
     * @throws AssertionError if the incident is not resolved, or was last resolved at another instant
     */
    public IncidentAssert wasResolvedAt(Instant at) {
        return milestone("resolvedAt", at, i -> i.milestones().resolvedAt());
    }

    /**
     * @return this
     * @throws AssertionError if the incident has a resolution instant (a reopen clears it)
     */
    public IncidentAssert wasNotResolved() {
        return noMilestone("resolvedAt", i -> i.milestones().resolvedAt());
    }

    /**
     * @param at the expected instant of the last closing
     * @return this
     * @throws AssertionError if the incident is not closed, or was last closed at another instant
     */
    public IncidentAssert wasClosedAt(Instant at) {
        return milestone("closedAt", at, i -> i.milestones().closedAt());
    }

    /**
     * @param survivorId the incident this one is expected to duplicate
     * @return this
     * @throws AssertionError if the incident is not a duplicate of {@code survivorId}
     */
    public IncidentAssert isDuplicateOf(String survivorId) {
        hasStatus(Status.DUPLICATE);
        return check("duplicateOf", Optional.of(survivorId), Incident::duplicateOf);
    }

    private IncidentAssert check(String field, Object expected, Function<Incident, ?> getter) {
        isNotNull();
        Object found = getter.apply(actual);
        if (!Objects.equals(expected, found)) {
            failWithMessage("Expected incident %s to have %s <%s> but it had <%s>", actual.id(), field, expected, found);
        }
        return this;
    }

    private IncidentAssert milestone(String field, Instant expected, Function<Incident, Optional<Instant>> getter) {
        isNotNull();
        Optional<Instant> found = getter.apply(actual);
        if (found.isEmpty()) {
            failWithMessage("Expected incident %s to have %s <%s> but it has none", actual.id(), field, expected);
        } else if (!found.get().equals(expected)) {
            failWithMessage("Expected incident %s to have %s <%s> but it had <%s>", actual.id(), field, expected,
                    found.get());
        }
        return this;
    }

    private IncidentAssert noMilestone(String field, Function<Incident, Optional<Instant>> getter) {
        isNotNull();
        Optional<Instant> found = getter.apply(actual);
        if (found.isPresent()) {
            failWithMessage("Expected incident %s to have no %s but it had <%s>", actual.id(), field, found.get());
        }
        return this;
    }
}
