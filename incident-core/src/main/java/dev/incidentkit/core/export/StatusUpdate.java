package dev.incidentkit.core.export;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import dev.incidentkit.core.sla.SlaPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The internal status update of the incident-response guides, produced from an incident and
 * edited before it is posted:
 *
 * <pre>
 * 🔴 SEV-1 Incident: Checkout failures
 *
 * Status: Investigating
 * Impact: ~30% of checkout attempts failing with 500 errors
 * Duration: 23 minutes so far
 * Team: @alice (IC), @bob (Tech Lead), @carol (Comms)
 *
 * Current theory: Database connection pool exhaustion
 * Next action: Restarting order-service pods
 * ETA to next update: 15 minutes
 * </pre>
 *
 * {@link #draft} fills what the incident knows (severity, title, status, duration, the people in
 * its roles, the postmortem's impact and root cause if written, the update cadence of its
 * severity); the responder fills or changes the rest with the {@code with} methods, then posts
 * {@link #text()} as a note ({@link #command()}), which is an update for the update-cadence SLA.
 * A field left empty prints as {@code not known yet}.
 *
 * @param incidentId the incident
 * @param severity its severity
 * @param title its (internal) title
 * @param status its status
 * @param impact what users suffer, possibly empty
 * @param duration how long it has lasted: from the impact's start to now, or to its resolution
 * @param ongoing whether it is still worked on ({@code so far}) or over
 * @param team who holds the commander, tech lead and comms lead roles, in that order
 * @param currentTheory what responders think the cause is, possibly empty
 * @param nextAction what they do next, possibly empty
 * @param nextUpdateIn when the next update comes
 * @since 0.5.0
 */
public record StatusUpdate(String incidentId, Severity severity, String title, Status status, String impact,
        Duration duration, boolean ongoing, List<TeamMember> team, String currentTheory, String nextAction,
        Duration nextUpdateIn) {

    /** When the severity has no update cadence: the guides' "every 15-30 minutes" at its longest. */
    public static final Duration DEFAULT_NEXT_UPDATE = Duration.ofMinutes(30);

    /**
     * One person of the response team.
     *
     * @param role the role they hold
     * @param person who
     * @since 0.5.0
     */
    public record TeamMember(Role role, Actor person) {
        /** Checks that no component is null. */
        public TeamMember {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(person, "person");
        }

        /** @return {@code @alice (IC)} */
        @Override
        public String toString() {
            return "@" + person.name() + " (" + shortName(role) + ")";
        }
    }

    /** Checks that no component is null, and copies the team. */
    public StatusUpdate {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(impact, "impact");
        Objects.requireNonNull(duration, "duration");
        team = List.copyOf(team);
        Objects.requireNonNull(currentTheory, "currentTheory");
        Objects.requireNonNull(nextAction, "nextAction");
        Objects.requireNonNull(nextUpdateIn, "nextUpdateIn");
    }

    /**
     * @param incident the incident
     * @param policy the SLA policy whose update cadence sets the next update, as the SLA monitor
     *     checks it ({@link #DEFAULT_NEXT_UPDATE} if the severity has none)
     * @param now the instant of the update
     * @return the update as the incident knows it
     */
    public static StatusUpdate draft(Incident incident, SlaPolicy policy, Instant now) {
        Instant start = incident.milestones().impactStartedAt();
        boolean ongoing = incident.status().isActive();
        Instant end = ongoing ? now : incident.milestones().resolvedAt().orElse(now);
        List<TeamMember> team = new ArrayList<>();
        for (Role role : Role.values()) {
            incident.role(role).ifPresent(p -> team.add(new TeamMember(role, p)));
        }
        Duration next = policy.targets(incident.severity()).update().orElse(DEFAULT_NEXT_UPDATE);
        return new StatusUpdate(incident.id(), incident.severity(), incident.title(), incident.status(),
                incident.postmortem().impact().strip(), Duration.between(start, end).isNegative() ? Duration.ZERO
                        : Duration.between(start, end), ongoing, team, incident.postmortem().rootCause().strip(), "", next);
    }

    /**
     * @param text what users suffer
     * @return a copy with that impact
     */
    public StatusUpdate withImpact(String text) {
        return new StatusUpdate(incidentId, severity, title, status, text.strip(), duration, ongoing, team, currentTheory,
                nextAction, nextUpdateIn);
    }

    /**
     * @param text what responders think the cause is
     * @return a copy with that theory
     */
    public StatusUpdate withCurrentTheory(String text) {
        return new StatusUpdate(incidentId, severity, title, status, impact, duration, ongoing, team, text.strip(),
                nextAction, nextUpdateIn);
    }

    /**
     * @param text what responders do next
     * @return a copy with that action
     */
    public StatusUpdate withNextAction(String text) {
        return new StatusUpdate(incidentId, severity, title, status, impact, duration, ongoing, team, currentTheory,
                text.strip(), nextUpdateIn);
    }

    /**
     * @param in when the next update comes, positive
     * @return a copy with that promise
     * @throws IllegalArgumentException if {@code in} is not positive
     */
    public StatusUpdate withNextUpdateIn(Duration in) {
        if (in.isNegative() || in.isZero()) {
            throw new IllegalArgumentException("the next update must come after this one: " + in);
        }
        return new StatusUpdate(incidentId, severity, title, status, impact, duration, ongoing, team, currentTheory,
                nextAction, in);
    }

    /** @return the update in the guides' shape, lines separated by {@code \n} */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(marker(severity)).append(' ').append(severity).append(" Incident: ").append(oneLine(title)).append("\n\n");
        b.append("Status: ").append(statusWord(status)).append('\n');
        b.append("Impact: ").append(orUnknown(impact)).append('\n');
        b.append("Duration: ").append(ExportSupport.minutes(duration)).append(ongoing ? " so far" : "").append('\n');
        b.append("Team: ").append(team.isEmpty() ? "no roles assigned yet"
                : String.join(", ", team.stream().map(TeamMember::toString).toList())).append("\n\n");
        b.append("Current theory: ").append(orUnknown(currentTheory)).append('\n');
        b.append("Next action: ").append(orUnknown(nextAction)).append('\n');
        b.append("ETA to next update: ").append(ExportSupport.minutes(nextUpdateIn));
        return b.toString();
    }

    /** @return the command that posts {@link #text()} as a progress update */
    public Command.AddNote command() {
        return new Command.AddNote(text());
    }

    /** @return the severity's marker: a red, orange, yellow or blue circle */
    static String marker(Severity severity) {
        return switch (severity) {
            case SEV1 -> "\uD83D\uDD34";
            case SEV2 -> "\uD83D\uDFE0";
            case SEV3 -> "\uD83D\uDFE1";
            case SEV4 -> "\uD83D\uDD35";
        };
    }

    private static String statusWord(Status status) {
        String name = status.wireName();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String shortName(Role role) {
        return switch (role) {
            case COMMANDER -> "IC";
            case TECH_LEAD -> "Tech Lead";
            case COMMS_LEAD -> "Comms";
        };
    }

    private static String orUnknown(String text) {
        String line = oneLine(text);
        return line.isEmpty() ? "not known yet" : line;
    }

    /** A field is one line of the update: line breaks within it become spaces. */
    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
