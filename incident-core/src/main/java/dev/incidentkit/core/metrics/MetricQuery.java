package dev.incidentkit.core.metrics;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.ValidationException;
import dev.incidentkit.core.internal.Validation;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which incidents a {@link MetricsReport} covers, and the few settings its figures depend on.
 * Immutable; start with {@link #all()} and narrow it: {@code
 * MetricQuery.all().since(monthAgo).until(now).severity(Severity.SEV1).service("checkout")}.
 *
 * <p>An incident is covered when all of these hold:
 *
 * <ul>
 *   <li><b>window</b>: it was <em>declared</em> at or after {@link #since()} and before {@link
 *       #until()} (a half-open window). The declaration is the instant every incident has, that
 *       cannot be back-dated before impact or detection, and that gives the incident its id's
 *       year; frequency buckets ({@link MetricsReport#weekly()}) use it too.
 *   <li><b>severity</b>: its severity on the {@link #severityBasis()} is one of {@link
 *       #severities()}, or that set is empty. The basis is its <em>peak</em> severity unless set to
 *       {@link SeverityBasis#CURRENT}: an incident escalated to SEV-1 and downgraded to SEV-3 is a
 *       SEV-1 by default. The per-severity outputs (frequency, SLA compliance) use the same basis.
 *   <li><b>service</b>: its primary service or one of its correlated services is one of {@link
 *       #services()}, or that set is empty. With a service filter, the outputs kept per service
 *       (MTBF, frequency by service) list only the filtered services.
 *   <li><b>responder</b>: {@link #responder()} is absent, or that actor took part in the response:
 *       gave the first acknowledgement, or holds one of the roles ({@link Role}) now.
 * </ul>
 *
 * <p>Canceled and duplicate incidents that pass these filters are counted apart and left out of
 * every figure ({@link MetricsReport#canceled()}, {@link MetricsReport#duplicates()}).
 *
 * @param since the start of the window (inclusive), if any
 * @param until the end of the window (exclusive), if any
 * @param severities the severities to keep; empty for all
 * @param services the services to keep; empty for all
 * @param responder the responder whose incidents to keep, if any
 * @param zone the time zone of the weekly and monthly buckets; UTC unless set
 * @param asOf "now" for action items: an open item counts as overdue once more than 90 days have
 *     passed at this instant. Without it open items stay pending, whatever their age ({@link
 *     dev.incidentkit.core.IncidentManager#metrics} fills it from its clock).
 * @param severityBasis which severity of an incident the severity filter and the per-severity
 *     outputs use; {@link SeverityBasis#PEAK} unless set
 * @since 0.1.0
 */
public record MetricQuery(
        Optional<Instant> since,
        Optional<Instant> until,
        Set<Severity> severities,
        Set<String> services,
        Optional<Actor> responder,
        ZoneId zone,
        Optional<Instant> asOf,
        SeverityBasis severityBasis) {

    private static final MetricQuery ALL = new MetricQuery(Optional.empty(), Optional.empty(), Set.of(), Set.of(),
            Optional.empty(), ZoneOffset.UTC, Optional.empty(), SeverityBasis.PEAK);

    /**
     * Checks the components and copies the sets.
     *
     * @throws ValidationException if {@code since} is not before {@code until}, or a service name
     *     is not valid
     */
    public MetricQuery {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(responder, "responder");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(severityBasis, "severityBasis");
        severities = severities.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(severities));
        SortedSet<String> sortedServices = new TreeSet<>();
        for (String service : services) {
            sortedServices.add(Validation.service("service", service));
        }
        services = Collections.unmodifiableSortedSet(sortedServices);
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            throw new ValidationException("since", "must be before until (" + until.get() + ")", since.get());
        }
    }

    /**
     * The constructor of 0.1.0: a query on the {@link SeverityBasis#PEAK peak} severity.
     *
     * @throws ValidationException as the canonical constructor does
     */
    public MetricQuery(Optional<Instant> since, Optional<Instant> until, Set<Severity> severities, Set<String> services,
            Optional<Actor> responder, ZoneId zone, Optional<Instant> asOf) {
        this(since, until, severities, services, responder, zone, asOf, SeverityBasis.PEAK);
    }

    /** @return a query that covers every incident, with weekly and monthly buckets in UTC */
    public static MetricQuery all() {
        return ALL;
    }

    /**
     * @param instant the start of the window, inclusive
     * @return this query with the window starting there
     * @throws ValidationException if it is not before {@link #until()}
     */
    public MetricQuery since(Instant instant) {
        return new MetricQuery(Optional.of(instant), until, severities, services, responder, zone, asOf, severityBasis);
    }

    /**
     * @param instant the end of the window, exclusive
     * @return this query with the window ending there
     * @throws ValidationException if it is not after {@link #since()}
     */
    public MetricQuery until(Instant instant) {
        return new MetricQuery(since, Optional.of(instant), severities, services, responder, zone, asOf, severityBasis);
    }

    /**
     * @param first a severity to keep
     * @param more more severities to keep
     * @return this query keeping only incidents of those severities on its {@link #severityBasis()}
     *     (peak unless set), replacing an earlier severity filter
     */
    public MetricQuery severity(Severity first, Severity... more) {
        return new MetricQuery(since, until, EnumSet.of(first, more), services, responder, zone, asOf, severityBasis);
    }

    /**
     * @param first a service to keep
     * @param more more services to keep
     * @return this query keeping only incidents of those services (replacing an earlier service
     *     filter)
     * @throws ValidationException if a name is not a valid service name
     */
    public MetricQuery service(String first, String... more) {
        Set<String> set = new TreeSet<>();
        set.add(first);
        Collections.addAll(set, more);
        return new MetricQuery(since, until, severities, set, responder, zone, asOf, severityBasis);
    }

    /**
     * @param actor the responder whose incidents to keep
     * @return this query keeping only incidents that actor acknowledged first or holds a role in
     */
    public MetricQuery responder(Actor actor) {
        return new MetricQuery(since, until, severities, services, Optional.of(actor), zone, asOf, severityBasis);
    }

    /**
     * @param zoneId the time zone of the weekly and monthly buckets
     * @return this query with it
     */
    public MetricQuery zone(ZoneId zoneId) {
        return new MetricQuery(since, until, severities, services, responder, zoneId, asOf, severityBasis);
    }

    /**
     * @param instant "now" for overdue action items
     * @return this query with it
     */
    public MetricQuery asOf(Instant instant) {
        return new MetricQuery(since, until, severities, services, responder, zone, Optional.of(instant), severityBasis);
    }

    /**
     * @param basis which severity of an incident to filter and group by
     * @return this query with it
     */
    public MetricQuery severityBasis(SeverityBasis basis) {
        return new MetricQuery(since, until, severities, services, responder, zone, asOf, basis);
    }

    /**
     * Whether the filters keep an incident. Canceled and duplicate incidents can match: the report
     * counts them apart.
     *
     * @param incident an incident
     * @return whether it is in the window and matches the severity, service and responder filters
     */
    public boolean matches(Incident incident) {
        return matches(IncidentFacts.of(incident));
    }

    /**
     * Whether the filters keep an incident, from what the metrics read of it: the same answer as
     * {@link #matches(Incident)} for the incident the facts were taken from.
     *
     * @param incident what the metrics read of an incident
     * @return whether it is in the window and matches the severity, service and responder filters
     * @since 0.2.0
     */
    public boolean matches(IncidentFacts incident) {
        Instant declared = incident.milestones().declaredAt();
        if (since.isPresent() && declared.isBefore(since.get())) {
            return false;
        }
        if (until.isPresent() && !declared.isBefore(until.get())) {
            return false;
        }
        if (!severities.isEmpty() && !severities.contains(severityBasis.of(incident))) {
            return false;
        }
        if (!services.isEmpty() && !anyService(incident)) {
            return false;
        }
        return responder.isEmpty() || tookPart(incident, responder.get());
    }

    /**
     * @param service a service name
     * @return whether outputs kept per service list it: always without a service filter
     */
    public boolean keepsService(String service) {
        return services.isEmpty() || services.contains(service);
    }

    private boolean anyService(IncidentFacts incident) {
        if (services.contains(incident.service())) {
            return true;
        }
        for (String s : incident.correlatedServices()) {
            if (services.contains(s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean tookPart(IncidentFacts incident, Actor actor) {
        return incident.acknowledgedBy().filter(actor::equals).isPresent() || incident.roleHolders().contains(actor);
    }
}
