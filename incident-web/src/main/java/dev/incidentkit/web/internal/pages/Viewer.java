package dev.incidentkit.web.internal.pages;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Lifecycle;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.access.Action;
import dev.incidentkit.core.access.Authorizer;
import java.util.Optional;

/**
 * Who looks at a page, and what the page may offer them: an action is offered when the
 * incident's status allows it and the authorizer would permit it. The API asks again on the
 * write, so a page that offers too much cannot do harm; one that offers too little would.
 *
 * @param actor who looks
 * @param authorizer the manager's authorizer
 * @param csrfToken the login session's CSRF token, for the page's writes
 */
record Viewer(Actor actor, Authorizer authorizer, Optional<String> csrfToken) {

    /** A declaration to ask about: an authorizer that looks at the service sees a neutral one. */
    private static final Declare ANY = Declare.of("A new incident", Severity.SEV4, "any");

    boolean mayDeclare() {
        return authorizer.permits(actor, new Action.Declare(ANY));
    }

    /**
     * @param incident the incident as it is now
     * @param command a command of the kind offered
     * @return whether to offer it
     */
    boolean may(Incident incident, Command command) {
        return Lifecycle.standard().allows(incident.status(), command.type())
                && authorizer.permits(actor, new Action.Run(incident, command));
    }
}
