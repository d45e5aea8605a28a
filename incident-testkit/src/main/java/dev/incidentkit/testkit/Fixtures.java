package dev.incidentkit.testkit;

import dev.incidentkit.core.Actor;
import dev.incidentkit.core.Command;
import dev.incidentkit.core.CommandContext;
import dev.incidentkit.core.Declare;
import dev.incidentkit.core.Incident;
import dev.incidentkit.core.IncidentManager;
import dev.incidentkit.core.PostmortemUpdate;
import dev.incidentkit.core.Role;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Canonical incidents shared by unit tests, golden-file tests and benchmarks: the walkthrough of
 * the user guide, an incident full of hostile text and a long incident. Each is a scripted run of
 * public commands against an {@link IncidentManager} whose clock is the given {@link ManualClock}.
 *
 * <p>Every helper is deterministic: the same store state and the same arguments give the same
 * commands, texts, actors and instants. Only what the manager draws itself differs between runs
 * (event ids, hashes); incident ids depend on what the store already holds. The helpers move the
 * clock: each command runs at the instant the script gives it ({@link ManualClock#set}), not
 * back-dated, so {@code occurredAt} and {@code recordedAt} agree. A helper leaves the clock at its
 * last command's instant.
 *
 * <p>The constants are public so that tests can assert on them and golden files can be checked
 * against them.
 *
 * @since 0.1.0
 */
public final class Fixtures {

    // ---------------------------------------------------------------------------------------
    // The walkthrough ("Your First Incident")
    // ---------------------------------------------------------------------------------------

    /** Who runs every step of the walkthrough. */
    public static final String WALKTHROUGH_ACTOR = "user@example.com";
    /** The walkthrough's title. */
    public static final String WALKTHROUGH_TITLE = "Checkout service experiencing high database latency";
    /** The walkthrough's severity. */
    public static final Severity WALKTHROUGH_SEVERITY = Severity.SEV2;
    /** The walkthrough's service. */
    public static final String WALKTHROUGH_SERVICE = "checkout";
    /** The walkthrough's description. */
    public static final String WALKTHROUGH_DESCRIPTION =
            "Database response times increased to 5+ seconds. Multiple customer reports of failed checkouts.";
    /** The note given with the acknowledgement. */
    public static final String WALKTHROUGH_ACK_NOTE = "Investigating database performance metrics";
    /** The three investigation updates, in order. */
    public static final List<String> WALKTHROUGH_NOTES = List.of(
            "Found slow query in orders table. Query execution time: 8.2s avg",
            "Applied database index to orders.created_at. Testing performance",
            "Database performance improved. Response time now <500ms. Monitoring");
    /** The note given with the mitigation. */
    public static final String WALKTHROUGH_MITIGATE_NOTE =
            "Applied database optimization. Performance restored, monitoring for stability";
    /** The note given with the resolution. */
    public static final String WALKTHROUGH_RESOLVE_NOTE =
            "Database performance stable for 30+ minutes. Customer reports ceased. Issue resolved.";
    /** The note given with the closing: none, as {@code im close --incident ID} gives none. */
    public static final String WALKTHROUGH_CLOSE_NOTE = "";

    /** 14:30, the declaration. */
    public static final Instant WALKTHROUGH_DECLARED_AT = Instant.parse("2025-08-23T14:30:00Z");
    /** 14:32, the acknowledgement. */
    public static final Instant WALKTHROUGH_ACKNOWLEDGED_AT = Instant.parse("2025-08-23T14:32:00Z");
    /** 14:35, 14:42 and 14:45: the three updates, in order. */
    public static final List<Instant> WALKTHROUGH_NOTE_TIMES = List.of(
            Instant.parse("2025-08-23T14:35:00Z"),
            Instant.parse("2025-08-23T14:42:00Z"),
            Instant.parse("2025-08-23T14:45:00Z"));
    /** 14:47, the mitigation: 17 minutes after the declaration. */
    public static final Instant WALKTHROUGH_MITIGATED_AT = Instant.parse("2025-08-23T14:47:00Z");
    /** 15:15, the resolution. */
    public static final Instant WALKTHROUGH_RESOLVED_AT = Instant.parse("2025-08-23T15:15:00Z");
    /**
     * 15:15, the closing. The walkthrough's postmortem says "15:15 - Incident resolved and closed",
     * so the incident is closed at the same instant as it is resolved; the timeline orders the two
     * by version.
     */
    public static final Instant WALKTHROUGH_CLOSED_AT = WALKTHROUGH_RESOLVED_AT;
    /** The statuses after each of the walkthrough's eight commands, in order. */
    public static final List<Status> WALKTHROUGH_STATUSES = List.of(
            Status.OPEN, Status.ACKNOWLEDGED, Status.ACKNOWLEDGED, Status.ACKNOWLEDGED, Status.ACKNOWLEDGED,
            Status.MITIGATED, Status.RESOLVED, Status.CLOSED);
    /** The id the walkthrough gets in an empty store. */
    public static final String WALKTHROUGH_ID = "INC-2025-001";

    // ---------------------------------------------------------------------------------------
    // Hostile text
    // ---------------------------------------------------------------------------------------

    /**
     * A payload that breaks every careless escaper: HTML that runs script, a Markdown link to
     * {@code javascript:}, table pipes.
     */
    public static final String HOSTILE_PAYLOAD = "</script><img src=x onerror=alert(1)> | [x](javascript:alert(1))";

    /**
     * A title on one line, within 200 code points: HTML and Markdown injection, pipes, Markdown
     * metacharacters, chat mentions, emoji (one with a zero-width joiner), right-to-left text and
     * quotes that JSON and CSV must escape.
     */
    public static final String HOSTILE_TITLE = HOSTILE_PAYLOAD
            + " *_`#~>+-=! @channel <!here> \"q\" 'a' \\ 🔥👩‍💻 مرحبا שלום";

    /** Who declares the hostile incident: a name that is itself a mention and markup. */
    public static final String HOSTILE_ACTOR = "<b>@channel</b> *admin* | <!everyone>";

    /** A description over several lines, with tabs and Markdown structure. */
    public static final String HOSTILE_DESCRIPTION = "# Not a heading\n"
            + "\t- not a list | col | col |\n"
            + "|---|---|\n"
            + "> not a quote\n"
            + "```\n" + HOSTILE_PAYLOAD + "\n```\n"
            + "<!channel> <@U123456> @here";

    /** The note given with the acknowledgement of the hostile incident. */
    public static final String HOSTILE_ACK_NOTE = "<script>alert('ack')</script>\t[click](javascript:alert(1))";

    /** Notes added to the hostile incident, in order: newlines, tabs, RTL overrides, formula injection. */
    public static final List<String> HOSTILE_NOTES = List.of(
            HOSTILE_PAYLOAD,
            "line one\nline two\n\tindented | a | b |\n\n* bullet\n1. numbered\n---",
            "\u202Eevil override\u202C mixed العربية with English and עברית",
            "=cmd|' /C calc'!A0 ;@SUM(1+1) +1 -1",
            "emoji 🚨🔥💥 🇺🇸 👨‍👩‍👧‍👦 and a lone combining mark e\u0301",
            "mentions: @channel @here @everyone <!here> <!channel> <@U0123> <#C0123|general>",
            "<![CDATA[ ]]> &amp; &lt; &#x3C; %3Cscript%3E ${jndi:ldap://x/y} {{7*7}}");

    /** The action item added to the hostile incident. */
    public static final String HOSTILE_ACTION_ITEM = "Fix | escaping of [links](javascript:void(0)) and <b>tags</b>";

    /** When the hostile incident is declared. */
    public static final Instant HOSTILE_DECLARED_AT = Instant.parse("2025-08-24T09:00:00Z");

    // ---------------------------------------------------------------------------------------
    // A long incident
    // ---------------------------------------------------------------------------------------

    /** Who runs the commands of the long incident. */
    public static final String LONG_ACTOR = "oncall@example.com";
    /** The long incident's title. */
    public static final String LONG_TITLE = "Intermittent payment gateway timeouts";
    /** When the long incident is declared. */
    public static final Instant LONG_DECLARED_AT = Instant.parse("2025-09-01T00:00:00Z");
    /** The time between two commands of the long incident. */
    public static final Duration LONG_STEP = Duration.ofSeconds(30);

    private Fixtures() {}

    /**
     * Runs the walkthrough and returns the incident as its last command left it.
     *
     * @param manager a manager that reads {@code clock}
     * @param clock the manager's clock; left at {@link #WALKTHROUGH_CLOSED_AT}
     * @return the incident, CLOSED; {@link #WALKTHROUGH_ID} in an empty store
     * @throws IllegalArgumentException if the manager does not read {@code clock}
     * @see #walkthroughSteps
     */
    public static Incident walkthrough(IncidentManager manager, ManualClock clock) {
        List<Incident> steps = walkthroughSteps(manager, clock);
        return steps.get(steps.size() - 1);
    }

    /**
     * Runs the walkthrough of the user guide's "Your First Incident", one command at each of its
     * instants, all by {@link #WALKTHROUGH_ACTOR}: declare (14:30, SEV-2, checkout), acknowledge
     * (14:32), three updates (14:35, 14:42, 14:45), mitigate (14:47), resolve (15:15), close
     * (15:15).
     *
     * @param manager a manager that reads {@code clock}
     * @param clock the manager's clock; left at {@link #WALKTHROUGH_CLOSED_AT}
     * @return the incident after each of the eight commands, in order; their statuses are
     *     {@link #WALKTHROUGH_STATUSES}
     * @throws IllegalArgumentException if the manager does not read {@code clock}
     */
    public static List<Incident> walkthroughSteps(IncidentManager manager, ManualClock clock) {
        checkClock(manager, clock);
        CommandContext user = CommandContext.as(WALKTHROUGH_ACTOR);
        List<Incident> steps = new ArrayList<>(8);

        clock.set(WALKTHROUGH_DECLARED_AT);
        Incident incident = manager.declare(
                Declare.of(WALKTHROUGH_TITLE, WALKTHROUGH_SEVERITY, WALKTHROUGH_SERVICE).description(WALKTHROUGH_DESCRIPTION),
                user);
        steps.add(incident);
        String id = incident.id();

        clock.set(WALKTHROUGH_ACKNOWLEDGED_AT);
        steps.add(manager.acknowledge(id, WALKTHROUGH_ACK_NOTE, user));

        for (int i = 0; i < WALKTHROUGH_NOTES.size(); i++) {
            clock.set(WALKTHROUGH_NOTE_TIMES.get(i));
            steps.add(manager.addNote(id, WALKTHROUGH_NOTES.get(i), user));
        }

        clock.set(WALKTHROUGH_MITIGATED_AT);
        steps.add(manager.mitigate(id, WALKTHROUGH_MITIGATE_NOTE, user));

        clock.set(WALKTHROUGH_RESOLVED_AT);
        steps.add(manager.resolve(id, WALKTHROUGH_RESOLVE_NOTE, user));

        clock.set(WALKTHROUGH_CLOSED_AT);
        steps.add(manager.close(id, WALKTHROUGH_CLOSE_NOTE, user));
        return List.copyOf(steps);
    }

    /**
     * Runs an incident whose every text field is hostile ({@link #HOSTILE_TITLE}, {@link
     * #HOSTILE_DESCRIPTION}, {@link #HOSTILE_ACK_NOTE}, {@link #HOSTILE_NOTES}, {@link
     * #HOSTILE_ACTION_ITEM}, a postmortem of {@link #HOSTILE_PAYLOAD}), yet within every
     * validation rule, so that it is stored. Declared by {@link #HOSTILE_ACTOR} at {@link
     * #HOSTILE_DECLARED_AT}, one command a minute: declare, acknowledge, the notes, escalate to
     * SEV-1, an action item, a postmortem update, mitigate.
     *
     * @param manager a manager that reads {@code clock}
     * @param clock the manager's clock; left at the last command's instant
     * @return the incident after the last command, MITIGATED
     * @throws IllegalArgumentException if the manager does not read {@code clock}
     */
    public static Incident hostile(IncidentManager manager, ManualClock clock) {
        checkClock(manager, clock);
        CommandContext actor = CommandContext.as(HOSTILE_ACTOR);
        clock.set(HOSTILE_DECLARED_AT);
        Incident incident = manager.declare(
                Declare.of(HOSTILE_TITLE, Severity.SEV2, "edge.gateway-01").description(HOSTILE_DESCRIPTION), actor);
        String id = incident.id();
        tick(clock);
        manager.acknowledge(id, HOSTILE_ACK_NOTE, Role.COMMANDER, actor);
        for (String note : HOSTILE_NOTES) {
            tick(clock);
            manager.addNote(id, note, actor);
        }
        tick(clock);
        manager.escalate(id, Severity.SEV1, HOSTILE_NOTES.get(1), actor);
        tick(clock);
        manager.addActionItem(id, HOSTILE_ACTION_ITEM, Optional.of(Actor.of(HOSTILE_ACTOR)),
                Optional.of(LocalDate.of(2025, 9, 1)), actor);
        tick(clock);
        manager.updatePostmortem(id, PostmortemUpdate.none().summary(HOSTILE_PAYLOAD).rootCause(HOSTILE_NOTES.get(1)),
                actor);
        tick(clock);
        return manager.mitigate(id, HOSTILE_PAYLOAD, actor);
    }

    /**
     * Runs an incident of exactly {@code events} events: its declaration at {@link
     * #LONG_DECLARED_AT}, an acknowledgement, then notes, with a status change (investigating,
     * identified, mitigated, in turn) every tenth event and a severity change (SEV-1 and back to
     * SEV-2) every 25th. One command every {@link #LONG_STEP}, all by {@link #LONG_ACTOR}; the
     * incident stays active.
     *
     * @param manager a manager that reads {@code clock}
     * @param clock the manager's clock; left at the last command's instant
     * @param events how many events the incident gets, at least 1
     * @return the incident after the last command, at version {@code events}
     * @throws IllegalArgumentException if {@code events} is less than 1 or the manager does not
     *     read {@code clock}
     */
    public static Incident longIncident(IncidentManager manager, ManualClock clock, int events) {
        if (events < 1) {
            throw new IllegalArgumentException("a long incident has at least its declaration: events must be at least 1, not "
                    + events);
        }
        checkClock(manager, clock);
        CommandContext actor = CommandContext.as(LONG_ACTOR);
        clock.set(LONG_DECLARED_AT);
        Incident incident = manager.declare(Declare.of(LONG_TITLE, Severity.SEV2, "payments")
                .description("Timeouts come and go; every step of this incident is scripted."), actor);
        String id = incident.id();
        Status[] cycle = {Status.INVESTIGATING, Status.IDENTIFIED, Status.MITIGATED};
        int statusChanges = 0;
        int severityChanges = 0;
        for (int version = 2; version <= events; version++) {
            clock.set(LONG_DECLARED_AT.plus(LONG_STEP.multipliedBy(version - 1L)));
            if (version == 2) {
                incident = manager.acknowledge(id, "On it", actor);
            } else if (version % 10 == 0) {
                Status to = cycle[statusChanges++ % cycle.length];
                incident = manager.execute(id, new Command.ChangeStatus(to, "Step " + version), actor);
            } else if (version % 25 == 0) {
                incident = severityChanges++ % 2 == 0
                        ? manager.escalate(id, Severity.SEV1, "Step " + version, actor)
                        : manager.downgrade(id, Severity.SEV2, "Step " + version, actor);
            } else {
                incident = manager.addNote(id, "Update " + version + ": still watching the gateway", actor);
            }
        }
        return incident;
    }

    private static void tick(ManualClock clock) {
        clock.advance(Duration.ofMinutes(1));
    }

    private static void checkClock(IncidentManager manager, ManualClock clock) {
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(clock, "clock");
        if (manager.clock() != clock) {
            throw new IllegalArgumentException("the manager must read the ManualClock the fixture moves; it reads "
                    + manager.clock());
        }
    }
}
