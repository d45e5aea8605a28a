package dev.incidentkit.core.access;

import dev.incidentkit.core.Command;
import dev.incidentkit.core.Incident;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What an actor asks to do, as an {@link Authorizer} sees it: each record carries what a rule
 * may want to look at (the incident as it is before a command, the declaration's service).
 *
 * @since 0.2.0
 */
public sealed interface Action {

    /** @return the action in a few words for a message, such as {@code resolve INC-2025-001} */
    String describe();

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

        @Override
        public String describe() {
            return "declare an incident";
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

        @Override
        public String describe() {
            return command.type().verb() + " " + incident.id();
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

        @Override
        public String describe() {
            return incidentId.map(id -> "read " + id).orElse("read incidents");
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

        @Override
        public String describe() {
            return "administer " + task.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** The tasks of {@link Administer}. */
    enum Task {
        /** Rebuild or check the read model. */
        READ_MODEL,
        /** Read the notifiers' status, replay dead letters. */
        NOTIFICATIONS,
        /** Manage users, tokens and their roles. */
        ACCESS,
        /**
         * Silence alerts and plan maintenance windows: a commander's task, as it is an incident
         * commander who silences a flapping alert in the middle of one.
         *
         * @since 0.3.0
         */
        SILENCES,
        /**
         * Change the on-call configuration (schedules, overrides, escalation policies, people) and
         * read people's contact addresses: an admin's task, as it decides who is woken at night.
         *
         * @since 0.4.0
         */
        ON_CALL
    }
}
