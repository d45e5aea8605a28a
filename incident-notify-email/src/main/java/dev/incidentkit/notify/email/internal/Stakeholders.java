package dev.incidentkit.notify.email.internal;

import dev.incidentkit.core.Severity;
import dev.incidentkit.core.notify.Route;
import dev.incidentkit.notify.spi.Notification;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The stakeholder lists of an email notifier: each a route and its addresses. A notification goes
 * to the union of the addresses of every list whose route matches it, each address once. Routes
 * match as the dispatcher's do: the event's type; the incident's severity (for {@code
 * incident.severity_changed}, the severity before or after the change); the incident's service
 * (for {@code incident.service_correlated}, the correlated service too). Immutable.
 */
public final class Stakeholders {

    /** One list: a route and its addresses. */
    public record Stakeholder(Route route, List<InternetAddress> addresses) {
        /** Copies the list. */
        public Stakeholder {
            addresses = List.copyOf(addresses);
        }
    }

    private final List<Stakeholder> lists;

    /** @param lists the lists, in the order the host gave them */
    public Stakeholders(List<Stakeholder> lists) {
        this.lists = List.copyOf(lists);
    }

    /** @return the lists */
    public List<Stakeholder> lists() {
        return lists;
    }

    /**
     * @param n a notification without a recipient
     * @return the addresses it goes to, in the order of the lists, each once (compared without
     *     case); empty if no list matches it
     */
    public List<InternetAddress> addressesFor(Notification n) {
        List<Severity> severities = new ArrayList<>(2);
        severity(n.severity()).ifPresent(severities::add);
        List<String> services = new ArrayList<>(2);
        services.add(n.service());
        if ("incident.severity_changed".equals(n.type())) {
            EventDetails.field(n, "from").flatMap(Stakeholders::severity).ifPresent(severities::add);
            EventDetails.field(n, "to").flatMap(Stakeholders::severity).ifPresent(severities::add);
        } else if ("incident.service_correlated".equals(n.type())) {
            EventDetails.field(n, "service").ifPresent(services::add);
        }
        Map<String, InternetAddress> out = new LinkedHashMap<>();
        for (Stakeholder list : lists) {
            if (matches(list.route(), n.type(), severities, services)) {
                for (InternetAddress a : list.addresses()) {
                    out.putIfAbsent(a.getAddress().toLowerCase(Locale.ROOT), a);
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static boolean matches(Route route, String type, List<Severity> severities, List<String> services) {
        if (!route.matchesType(type) || !route.matchesServices(services)) {
            return false;
        }
        if (route.minimumSeverity().isEmpty()) {
            return true;
        }
        // A severity that names no level (not one of core's) matches only the lists for every severity.
        for (Severity s : severities) {
            if (route.matchesSeverity(s)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Severity> severity(String text) {
        try {
            return Optional.of(Severity.parse(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
