package dev.incidentkit.core.query;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Milestones;
import dev.incidentkit.core.Postmortem;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Summaries built field by field, for the tests of queries: only what a query reads varies. */
final class Summaries {

    static final Instant T0 = Instant.parse("2025-08-23T14:30:00Z");

    private Summaries() {}

    /** A builder of one summary, with plain defaults. */
    static Builder summary(String id) {
        return new Builder(id);
    }

    static final class Builder {
        private final String id;
        private String title = "Checkout failing";
        private Severity severity = Severity.SEV2;
        private Status status = Status.OPEN;
        private String service = "checkout";
        private List<String> correlated = List.of();
        private Map<Role, Actor> roles = Map.of();
        private Instant declaredAt = T0;
        private Instant lastChangedAt = T0;

        private Builder(String id) {
            this.id = id;
        }

        Builder title(String t) {
            title = t;
            return this;
        }

        Builder severity(Severity s) {
            severity = s;
            return this;
        }

        Builder status(Status s) {
            status = s;
            return this;
        }

        Builder service(String s, String... correlatedServices) {
            service = s;
            correlated = List.of(correlatedServices);
            return this;
        }

        Builder role(Role role, String name) {
            var m = new java.util.EnumMap<Role, Actor>(Role.class);
            m.putAll(roles);
            m.put(role, Actor.of(name));
            roles = m;
            return this;
        }

        Builder declaredAt(Instant at) {
            declaredAt = at;
            return this;
        }

        Builder lastChangedAt(Instant at) {
            lastChangedAt = at;
            return this;
        }

        IncidentSummary build() {
            Incident incident = new Incident(id, title, "", severity, severity, status, service, correlated, roles, false,
                    Actor.of("alice"), new Milestones(declaredAt, declaredAt, declaredAt, Optional.empty(),
                            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                    Optional.empty(), declaredAt, 0, List.of(), Postmortem.EMPTY, List.of(), 0, Optional.empty(),
                    Optional.empty(), 1);
            return new IncidentSummary(incident, lastChangedAt);
        }
    }
}
