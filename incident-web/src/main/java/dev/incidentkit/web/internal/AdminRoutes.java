package dev.incidentkit.web.internal;

import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.access.Action;
import dev.incidentkit.core.notify.Notifications;
import dev.incidentkit.core.oncall.Escalator;
import dev.incidentkit.notify.spi.DeliveryResult;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The routes that look after the installation rather than an incident, each asking the
 * authorizer for {@link Action.Administer} (an admin's, with {@code RoleBasedAuthorizer}): check
 * and rebuild the read model; the notifiers' status, their dead letters, and replaying one; the
 * escalator's status (as the notifiers', the administer notifications task: both say how paging
 * goes), a 404 on a server without an escalator.
 */
final class AdminRoutes {

    private final IncidentManager incidents;
    private final Optional<Escalator> escalator;

    AdminRoutes(IncidentManager incidents, Optional<Escalator> escalator) {
        this.incidents = incidents;
        this.escalator = escalator;
    }

    ApiResponse checkReadModel(Exchange x) {
        administer(x, Action.Task.READ_MODEL);
        return ApiResponse.json(200, WireFormat.write(WireFormat.readModelCheck(incidents.verifyReadModel())));
    }

    ApiResponse rebuildReadModel(Exchange x) {
        administer(x, Action.Task.READ_MODEL);
        JsonBody.parse(x.body(), Set.of());
        return ApiResponse.json(200, WireFormat.write(WireFormat.readModelRebuild(incidents.rebuildReadModel())));
    }

    ApiResponse notifiers(Exchange x) {
        administer(x, Action.Task.NOTIFICATIONS);
        Notifications notifications = incidents.notifications();
        return ApiResponse.json(200, WireFormat.write(WireFormat.notifiers(notifications.notifiers().stream()
                .map(notifications::status).toList())));
    }

    ApiResponse deadLetters(Exchange x) {
        administer(x, Action.Task.NOTIFICATIONS);
        String notifier = notifier(x);
        return ApiResponse.json(200, WireFormat.write(WireFormat.deadLetters(notifier,
                incidents.notifications().deadLetters(notifier))));
    }

    ApiResponse replay(Exchange x) {
        administer(x, Action.Task.NOTIFICATIONS);
        JsonBody.parse(x.body(), Set.of());
        String notifier = notifier(x);
        UUID eventId;
        try {
            eventId = UUID.fromString(x.variable("event"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ProblemType.INVALID_INPUT, "The event id must be a UUID, got "
                    + JsonBody.printable(x.variable("event")) + ".", Optional.of("event"));
        }
        DeliveryResult result = incidents.notifications().replay(notifier, eventId);
        return ApiResponse.json(200, WireFormat.write(WireFormat.delivery(notifier, eventId, result)));
    }

    ApiResponse escalator(Exchange x) {
        administer(x, Action.Task.NOTIFICATIONS);
        Escalator e = escalator.orElseThrow(EscalationRoutes::disabled);
        return ApiResponse.json(200, WireFormat.write(OnCallWire.escalatorStatus(e.status())));
    }

    private String notifier(Exchange x) {
        String name = x.variable("notifier");
        if (!incidents.notifications().notifiers().contains(name)) {
            throw new ApiException(ProblemType.NOT_FOUND, "There is no notifier " + JsonBody.printable(name) + ".",
                    Optional.empty());
        }
        return name;
    }

    private void administer(Exchange x, Action.Task task) {
        incidents.authorizer().authorize(x.actor(), new Action.Administer(task));
    }
}
