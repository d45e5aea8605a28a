package dev.incidentkit.web.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.metrics.DurationStats;
import dev.incidentkit.core.oncall.Escalation;
import dev.incidentkit.core.oncall.EscalationLevel;
import dev.incidentkit.core.oncall.EscalationPolicy;
import dev.incidentkit.core.oncall.EscalatorStatus;
import dev.incidentkit.core.oncall.Layer;
import dev.incidentkit.core.oncall.OnCall;
import dev.incidentkit.core.oncall.PagingReport;
import dev.incidentkit.core.oncall.Person;
import dev.incidentkit.core.oncall.Restriction;
import dev.incidentkit.core.oncall.Rotation;
import dev.incidentkit.core.oncall.Schedule;
import dev.incidentkit.core.oncall.ScheduleOverride;
import dev.incidentkit.core.oncall.Shift;
import dev.incidentkit.core.oncall.TemporarySchedule;
import dev.incidentkit.core.sla.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON of schedules, shifts, escalation policies, people and escalations, as the OpenAPI
 * document's {@code OnCallNow}, {@code Schedules}, {@code Shifts}, {@code EscalationPolicies},
 * {@code People}, {@code Escalation}, {@code Escalations} and {@code EscalatorStatus}. Not the on-call
 * file's format ({@code OnCallConfig}, camelCase, defaults left out, no writer per object) but
 * the API's: snake_case, every field present, {@code null} for an absent value, kinds in lower
 * case, severities as {@code SEV-1}.
 */
public final class OnCallWire {

    /**
     * How far ahead a current shift's end is looked for: a shift that lasts longer is on call
     * "until further notice" ({@code until: null}), as {@code im oncall} shows it.
     */
    public static final Duration LOOK_AHEAD = Duration.ofDays(62);

    private OnCallWire() {}

    /**
     * @param s a schedule
     * @param at an instant
     * @return the shifts under way at {@code at}, each to its end within {@link #LOOK_AHEAD}
     *     (an end at the look-ahead's is no end: on call until further notice)
     */
    public static List<Shift> current(Schedule s, Instant at) {
        return OnCall.shifts(s, at, at.plus(LOOK_AHEAD)).stream().filter(x -> x.start().equals(at)).toList();
    }

    /**
     * @param shift a shift from {@link #current}
     * @param at the instant it was asked at
     * @return its end, unless it lasts past the look-ahead
     */
    public static Optional<Instant> until(Shift shift, Instant at) {
        return shift.end().isBefore(at.plus(LOOK_AHEAD)) ? Optional.of(shift.end()) : Optional.empty();
    }

    /** @return why a shift is on call, for a person: {@code layer Weekly}, {@code override 1}, {@code temporary schedule 1} */
    public static String why(Schedule s, Shift.Origin origin) {
        return switch (origin.kind()) {
            case LAYER -> "layer " + s.layers().get(origin.index()).name();
            case OVERRIDE -> "override " + (origin.index() + 1);
            case TEMPORARY -> "temporary schedule " + (origin.index() + 1);
        };
    }

    static ObjectNode onCallNow(Collection<Schedule> schedules, Instant at) {
        ObjectNode root = WireFormat.JSON.createObjectNode().put("at", at.toString());
        ArrayNode list = root.putArray("schedules");
        for (Schedule s : schedules) {
            ObjectNode so = list.addObject().put("id", s.id()).put("name", s.name()).put("zone", s.zone().getId());
            ArrayNode on = so.putArray("on_call");
            for (Shift shift : current(s, at)) {
                ObjectNode o = on.addObject().put("person", shift.person());
                o.put("until", until(shift, at).map(Instant::toString).orElse(null));
                o.set("origin", origin(s, shift.origin()));
            }
        }
        return root;
    }

    static ObjectNode shifts(Schedule s, Instant from, Instant to, List<Shift> shifts) {
        ObjectNode root = WireFormat.JSON.createObjectNode().put("schedule", s.id()).put("from", from.toString())
                .put("to", to.toString());
        ArrayNode list = root.putArray("shifts");
        for (Shift shift : shifts) {
            list.addObject().put("person", shift.person()).put("start", shift.start().toString())
                    .put("end", shift.end().toString()).set("origin", origin(s, shift.origin()));
        }
        return root;
    }

    /**
     * @return {@code {from, to, policy, pages, people: [...], schedule, shifts: [...]}}: {@code
     *     im paging --output json}'s fields; {@code schedule} and {@code shifts} null without a
     *     schedule, a time to acknowledge null when none was acknowledged
     */
    static ObjectNode paging(PagingReport report, String policyId, Optional<Schedule> schedule, List<PagingReport.ShiftPaging> shifts) {
        ObjectNode root = WireFormat.JSON.createObjectNode().put("from", report.from().toString())
                .put("to", report.until().toString()).put("policy", policyId).put("pages", report.pages().size());
        ArrayNode people = root.putArray("people");
        for (PagingReport.PersonPaging p : report.people()) {
            DurationStats t = p.timeToAcknowledge();
            ObjectNode o = people.addObject().put("person", p.person()).put("pages", p.pages()).put("after_hours", p.afterHours())
                    .put("never_acknowledged", p.neverAcknowledged()).put("paged_after_acknowledgment", p.pagedAfterAcknowledgment());
            o.put("time_to_acknowledge_median_seconds", t.count() > 0 ? t.median().getSeconds() : null);
            o.put("time_to_acknowledge_p90_seconds", t.count() > 0 ? t.p90().getSeconds() : null);
        }
        root.put("schedule", schedule.map(Schedule::id).orElse(null));
        if (schedule.isEmpty()) {
            root.putNull("shifts");
        } else {
            ArrayNode list = root.putArray("shifts");
            for (PagingReport.ShiftPaging sp : shifts) {
                list.addObject().put("person", sp.shift().person()).put("start", sp.shift().start().toString())
                        .put("end", sp.shift().end().toString()).put("pages", sp.pages()).put("after_hours", sp.afterHours());
            }
        }
        return root;
    }

    /** @return {@code {kind, number, layer, why}}: the list (layer, override, temporary), the 1-based place in it */
    static ObjectNode origin(Schedule s, Shift.Origin origin) {
        ObjectNode o = WireFormat.JSON.createObjectNode();
        o.put("kind", origin.kind().name().toLowerCase(Locale.ROOT)).put("number", origin.index() + 1);
        o.put("layer", origin.kind() == Shift.Origin.Kind.LAYER ? s.layers().get(origin.index()).name() : null);
        o.put("why", why(s, origin));
        return o;
    }

    static ObjectNode schedules(Collection<Schedule> schedules) {
        ObjectNode root = WireFormat.JSON.createObjectNode();
        ArrayNode list = root.putArray("schedules");
        schedules.forEach(s -> list.add(schedule(s)));
        return root;
    }

    static ObjectNode schedule(Schedule s) {
        ObjectNode o = WireFormat.JSON.createObjectNode().put("id", s.id()).put("name", s.name()).put("zone", s.zone().getId());
        ArrayNode layers = o.putArray("layers");
        for (Layer l : s.layers()) {
            ObjectNode lo = layers.addObject().put("name", l.name());
            Rotation r = l.rotation();
            ObjectNode ro = lo.putObject("rotation").put("name", r.name()).put("kind", r.kind().name().toLowerCase(Locale.ROOT))
                    .put("shift_length", r.shiftLength()).put("start", r.start().toString()).put("zone", r.zone().getId());
            ArrayNode people = ro.putArray("participants");
            r.participants().forEach(people::add);
            ArrayNode rs = lo.putArray("restrictions");
            for (Restriction x : l.restrictions()) {
                ObjectNode xo = rs.addObject();
                ArrayNode days = xo.putArray("days");
                x.days().stream().sorted().forEach(d -> days.add(day(d)));
                xo.put("start", x.start().toString()).put("length", x.length().toString());
            }
        }
        ArrayNode overrides = o.putArray("overrides");
        for (ScheduleOverride v : s.overrides()) {
            overrides.addObject().put("kind", v.kind().name().toLowerCase(Locale.ROOT)).put("person", v.person())
                    .put("replacement", v.replacement().orElse(null)).put("start", v.start().toString())
                    .put("end", v.end().toString());
        }
        ArrayNode temporary = o.putArray("temporary_schedules");
        for (TemporarySchedule t : s.temporarySchedules()) {
            ObjectNode to = temporary.addObject().put("start", t.start().toString()).put("end", t.end().toString());
            ArrayNode slots = to.putArray("slots");
            t.slots().forEach(x -> slots.addObject().put("person", x.person()).put("start", x.start().toString())
                    .put("end", x.end().toString()));
        }
        return o;
    }

    static ObjectNode policies(Collection<EscalationPolicy> policies, Function<String, List<String>> servicesOf) {
        ObjectNode root = WireFormat.JSON.createObjectNode();
        ArrayNode list = root.putArray("escalation_policies");
        policies.forEach(p -> list.add(policy(p, servicesOf.apply(p.id()))));
        return root;
    }

    /** @return a policy with the services routed to it */
    static ObjectNode policy(EscalationPolicy p, List<String> services) {
        ObjectNode o = WireFormat.JSON.createObjectNode().put("id", p.id()).put("name", p.name());
        ArrayNode routed = o.putArray("services");
        services.forEach(routed::add);
        ArrayNode levels = o.putArray("levels");
        int number = 1;
        for (EscalationLevel l : p.levels()) {
            ObjectNode lo = levels.addObject().put("level", number++).put("escalate_after", l.escalateAfter().toString());
            ArrayNode targets = lo.putArray("targets");
            l.targets().forEach(t -> targets.add(t.<ObjectNode>fold(
                    person -> WireFormat.JSON.createObjectNode().put("kind", "person").put("id", person.id()),
                    on -> WireFormat.JSON.createObjectNode().put("kind", "schedule").put("id", on.scheduleId()))));
            ArrayNode severities = lo.putArray("severities");
            l.severities().stream().sorted().forEach(s -> severities.add(s.toString()));
            lo.put("if_nobody_on_call", l.ifNobodyOnCall().name().toLowerCase(Locale.ROOT));
        }
        ObjectNode repeat = o.putObject("repeat");
        if (p.repeat() instanceof EscalationPolicy.Repeat.Times t) {
            repeat.put("until_acknowledged", false).put("more_rounds", t.more());
        } else {
            repeat.put("until_acknowledged", true).putNull("more_rounds");
        }
        ObjectNode coverage = o.putObject("coverage");
        p.coverage().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> coverage.put(e.getKey().toString(), e.getValue().name().toLowerCase(Locale.ROOT)));
        o.set("calendar", calendar(p.calendar()));
        return o;
    }

    /**
     * @param people the people
     * @param addresses whether the caller may read contact methods; else {@code contacts} is {@code null}
     * @return {@code {people: [person...]}}
     */
    static ObjectNode people(Collection<Person> people, boolean addresses) {
        ObjectNode root = WireFormat.JSON.createObjectNode();
        ArrayNode list = root.putArray("people");
        people.forEach(p -> list.add(person(p, addresses)));
        return root;
    }

    /** @return {@code {id, name, contacts: [{kind, address}...] or null}} */
    static ObjectNode person(Person p, boolean addresses) {
        ObjectNode o = WireFormat.JSON.createObjectNode().put("id", p.id()).put("name", p.name());
        if (addresses) {
            ArrayNode contacts = o.putArray("contacts");
            p.contacts().forEach(c -> contacts.addObject().put("kind", c.kind()).put("address", c.address()));
        } else {
            o.putNull("contacts");
        }
        return o;
    }

    /**
     * @param e an escalation
     * @return {@code {policy_id, incident_id, status, severity, triggered_at, round, level, next_at,
     *     last_level, last_paged}}: {@code next_at} is when level {@code level} is due, {@code null}
     *     once the escalation has stopped
     */
    static ObjectNode escalation(Escalation e) {
        ObjectNode o = WireFormat.JSON.createObjectNode().put("policy_id", e.policyId()).put("incident_id", e.incidentId())
                .put("status", e.status().name().toLowerCase(Locale.ROOT)).put("severity", e.severity().toString())
                .put("triggered_at", e.triggeredAt().toString()).put("round", e.round()).put("level", e.level());
        o.put("next_at", e.dueAt().map(Instant::toString).orElse(null));
        o.put("last_level", e.lastLevel());
        ArrayNode paged = o.putArray("last_paged");
        e.lastPaged().forEach(paged::add);
        return o;
    }

    /** @return {@code {escalations: [escalation...]}}, in the order given */
    static ObjectNode escalations(List<Escalation> escalations) {
        ObjectNode root = WireFormat.JSON.createObjectNode();
        ArrayNode list = root.putArray("escalations");
        escalations.forEach(e -> list.add(escalation(e)));
        return root;
    }

    /** @return {@code {steps, failures, undeliverable_pages, last_failure: null | {at, error}}} */
    static ObjectNode escalatorStatus(EscalatorStatus s) {
        ObjectNode o = WireFormat.JSON.createObjectNode().put("steps", s.steps()).put("failures", s.failures())
                .put("undeliverable_pages", s.undeliverablePages());
        if (s.lastFailure().isPresent() && s.lastFailureAt().isPresent()) {
            o.putObject("last_failure").put("at", s.lastFailureAt().get().toString()).put("error", s.lastFailure().get());
        } else {
            o.putNull("last_failure");
        }
        return o;
    }

    private static ObjectNode calendar(BusinessCalendar c) {
        ObjectNode o = WireFormat.JSON.createObjectNode().put("zone", c.zone().getId());
        ArrayNode hours = o.putArray("hours");
        for (DayOfWeek d : DayOfWeek.values()) {
            for (BusinessCalendar.WorkingHours h : c.hours(d)) {
                hours.addObject().put("day", day(d)).put("from", h.from().toString())
                        .put("to", h.untilMidnight() ? "24:00" : h.to().toString());
            }
        }
        ArrayNode holidays = o.putArray("holidays");
        c.holidays().forEach(d -> holidays.add(d.toString()));
        return o;
    }

    private static String day(DayOfWeek d) {
        return d.name().toLowerCase(Locale.ROOT);
    }
}
