package dev.incidentkit.core.internal;

import dev.incidentkit.core.Incident;
import dev.incidentkit.core.event.IncidentEvent;
import dev.incidentkit.core.event.RecordedEvent;
import dev.incidentkit.core.notify.Route;

/**
 * Decides whether a notifier takes an event, given the incident the event left: by its {@link
 * Route}, or, for a page, by its contact kinds ({@link Pages}), whatever the route.
 */
final class RouteFilter {

    private final Route route;
    private final String notifier;
    private final Pages pages;
    private final boolean everything;

    RouteFilter(Route route, String notifier, Pages pages) {
        this.route = route;
        this.notifier = notifier;
        this.pages = pages;
        this.everything = route.types().contains("*") && route.minimumSeverity().isEmpty() && route.services().isEmpty();
    }

    /** @return whether the route takes every event: then neither the event nor the incident need be looked at */
    boolean everything() {
        return everything;
    }

    boolean takes(RecordedEvent event, Incident incident) {
        if (pages.kindFor(notifier, event.event()) != null) {
            return true;
        }
        if (!route.matchesType(event.type()) || !route.matchesServices(incident.services())) {
            return false;
        }
        if (route.matchesSeverity(incident.severity())) {
            return true;
        }
        // A channel that follows severe incidents hears of a downgrade too.
        return event.event() instanceof IncidentEvent.SeverityChanged s && route.matchesSeverity(s.from());
    }
}
