package dev.incidentkit.core.notify;

import dev.incidentkit.core.Severity;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which events a notifier receives: by event type, severity and service. An event is routed to
 * the notifier when all three match. Immutable; the withers return a changed copy.
 *
 * <pre>{@code
 * Route pager = Route.all()
 *         .withTypes("incident.declared", "incident.severity_changed", "incident.resolved")
 *         .withMinimumSeverity(Severity.SEV2)        // SEV-2 or worse
 *         .withServices("checkout", "payments");
 * }</pre>
 *
 * <p>The severity and services are the incident's after the event. A severity change is routed
 * when the severity before or after it matches, so that a channel that follows SEV-1 incidents
 * hears that one was downgraded. An incident matches the services when its primary service or
 * one of its correlated services is among them.
 *
 * @param types globs over the CloudEvents type, such as {@code incident.*} or {@code
 *     incident.resolved}; {@code *} stands for any run of characters, dots included. At least
 *     one; an event matches when one of them does
 * @param minimumSeverity the least severe level routed, if any: {@code SEV2} routes SEV-1 and
 *     SEV-2; empty for every severity
 * @param services the services routed; empty for every service
 * @since 0.1.0
 */
public record Route(List<String> types, Optional<Severity> minimumSeverity, Set<String> services) {

    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9._*-]{1,100}");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Route ALL = new Route(List.of("*"), Optional.empty(), Set.of());

    /**
     * Checks and copies the components.
     *
     * @throws IllegalArgumentException if there is no type glob, a glob has characters other
     *     than letters, digits, {@code . _ - *}, or a service is not a service name
     */
    public Route {
        types = List.copyOf(types);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one type glob; \"*\" routes every type");
        }
        for (String glob : types) {
            if (!GLOB.matcher(glob).matches()) {
                throw new IllegalArgumentException("type glob must be 1 to 100 letters, digits, '.', '_', '-' or '*': "
                        + glob);
            }
        }
        Objects.requireNonNull(minimumSeverity, "minimumSeverity");
        TreeSet<String> sorted = new TreeSet<>();
        for (String service : services) {
            if (!SERVICE.matcher(service).matches()) {
                throw new IllegalArgumentException("service must match [a-z0-9][a-z0-9._-]{0,62}: " + service);
            }
            sorted.add(service);
        }
        services = Collections.unmodifiableSet(sorted);
    }

    /** @return the route of every event: all types, severities and services */
    public static Route all() {
        return ALL;
    }

    /**
     * @param globs type globs, such as {@code incident.*} or {@code incident.resolved}
     * @return this route with these type globs instead of its own
     * @throws IllegalArgumentException if there is none, or one is malformed
     */
    public Route withTypes(String... globs) {
        return new Route(Arrays.asList(globs), minimumSeverity, services);
    }

    /**
     * @param severity the least severe level to route: {@code SEV2} means SEV-2 or worse
     * @return this route with that minimum severity
     */
    public Route withMinimumSeverity(Severity severity) {
        return new Route(types, Optional.of(severity), services);
    }

    /** @return this route for every severity */
    public Route withAnySeverity() {
        return new Route(types, Optional.empty(), services);
    }

    /**
     * @param names the services to route, matched against an incident's primary and correlated
     *     services
     * @return this route with these services instead of its own; none means every service
     * @throws IllegalArgumentException if a name is not a service name
     */
    public Route withServices(String... names) {
        return new Route(types, minimumSeverity, Set.copyOf(Arrays.asList(names)));
    }

    /** @return this route for every service */
    public Route withAnyService() {
        return new Route(types, minimumSeverity, Set.of());
    }

    /**
     * @param type a CloudEvents type
     * @return whether one of the type globs matches it
     */
    public boolean matchesType(String type) {
        for (String glob : types) {
            if (globMatches(glob, type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param severity an incident's severity
     * @return whether it is at least as severe as the minimum, or there is no minimum
     */
    public boolean matchesSeverity(Severity severity) {
        return minimumSeverity.isEmpty() || severity.compareTo(minimumSeverity.get()) <= 0;
    }

    /**
     * @param incidentServices an incident's primary and correlated services
     * @return whether one of them is routed, or every service is
     */
    public boolean matchesServices(Collection<String> incidentServices) {
        if (services.isEmpty()) {
            return true;
        }
        for (String s : incidentServices) {
            if (services.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param type the event's CloudEvents type
     * @param severity the incident's severity
     * @param incidentServices the incident's primary and correlated services
     * @return whether type, severity and services all match
     */
    public boolean matches(String type, Severity severity, Collection<String> incidentServices) {
        return matchesType(type) && matchesSeverity(severity) && matchesServices(incidentServices);
    }

    /** Glob match where {@code *} is any run of characters: greedy with backtracking to the last star. */
    static boolean globMatches(String glob, String text) {
        int g = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                mark = t;
            } else if (g < glob.length() && glob.charAt(g) == text.charAt(t)) {
                g++;
                t++;
            } else if (star >= 0) {
                g = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
