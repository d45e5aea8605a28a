package dev.incidentkit.examples.readme;

import dev.incidentkit.core.IncidentKit;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.notify.Route;
import dev.incidentkit.core.spi.EventStore;
import java.net.URI;

/** The README's registration of {@link OpsChatNotifier}, with a route. */
public final class OpsChatSetup {

    private OpsChatSetup() {}

    /**
     * @param store where incidents are kept
     * @param chatUrl the chat's incoming-message URL
     * @return a manager that posts declarations and resolutions of SEV-2 or worse to the chat
     */
    public static IncidentManager incidents(EventStore store, URI chatUrl) {
        // tag::register[]
        IncidentManager incidents = IncidentKit.builder()
                .store(store)
                .notifier(new OpsChatNotifier(chatUrl), Route.all()
                        .withTypes("incident.declared", "incident.resolved")
                        .withMinimumSeverity(Severity.SEV2))
                .build();
        // end::register[]
        return incidents;
    }
}
