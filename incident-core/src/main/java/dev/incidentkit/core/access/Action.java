package dev.incidentkit.core.access;

import dev.incidentkit.core.Command;
import dev.incidentkit.core.Incident;
import java.util.Objects;
import java.util.Optional;

/**
 * What an actor asks to do, as an {@link Authorizer} sees it: each record carries what a rule
 * may want to look at (the incident as it is before a command, the declaration's service).
 *
 * @since 0.2.0
 */
public sealed interface Action {

    /**
     * Declare a new incident.
     *
     * @param declare what would be declared
     */
    record Declare(dev.incidentkit.core.Declare declare) implements Action {
        /** Checks that no component is null. */
        public Declare {
            Objects.requireNonNull(declare, "declare");
        }
    }

    /**
     * Run a command on an incident.
     *
     * @param incident the incident as it is before the command
     * @param command the command
     */
    record Run(Incident incident, Command command) implements Action {
        /** Checks that no component is null. */
        public Run {
            Objects.requireNonNull(incident, "incident");
            Objects.requireNonNull(command, "command");
        }
    }

    /**
     * Read incidents: one, or many (a query, metrics, the live events) when the id is empty.
     * {@code IncidentManager} does not ask this for its reads, which take no actor; a host that
     * serves reads to people (as {@code incident-web} does) asks it.
     *
     * @param incidentId the incident read, if only one
     */
    record Read(Optional<String> incidentId) implements Action {
        /** Checks that no component is null. */
        public Read {
            Objects.requireNonNull(incidentId, "incidentId");
        }
    }

    /**
     * Look after the installation rather than an incident.
     *
     * @param task what is to be done
     */
    record Administer(Task task) implements Action {
        /** Checks that no component is null. */
        public Administer {
            Objects.requireNonNull(task, "task");
        }
    }

    /** The tasks of {@link Administer}. */
    enum Task {
        /** Rebuild or check the read model. */
        READ_MODEL,
        /** Read the notifiers' status, replay dead letters. */
        NOTIFICATIONS,
        /** Manage users, tokens and their roles. */
        ACCESS
    }

    /** @return the action in a few words for a message, such as {@code resolve INC-2025-001} */
    default String describe() {
        if (this instanceof Declare) {
            return "declare an incident";
        } else if (this instanceof Run) {
            Run run = (Run) this;
            return run.command().type().verb() + " " + run.incident().id();
        } else if (this instanceof Read) {
            return ((Read) this).incidentId().map(id -> "read " + id).orElse("read incidents");
        }
        return "administer " + ((Administer) this).task().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
