package dev.incidentkit.core.oncall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentkit.core.Severity;
import dev.incidentkit.core.sla.BusinessCalendar;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link OnCallConfig}'s format: the reference encoder, field by field in the order the
 * format lists them, leaving out optional fields that hold their default. Objects are indented by
 * two spaces; a list of plain values (or of one-field objects, such as targets) stays on one line,
 * so that a rotation's participants read as a list, and so does an object of one or two plain
 * values (a contact method).
 */
final class ConfigWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConfigWriter() {}

    static String write(OnCallConfig config) {
        ObjectNode root = NODES.objectNode();
        root.put("version", OnCallConfig.VERSION);
        ArrayNode schedules = root.putArray("schedules");
        config.schedules().values().forEach(s -> schedules.add(schedule(s)));
        ArrayNode policies = root.putArray("policies");
        config.policies().values().forEach(p -> policies.add(policy(p, config.servicesOf(p.id()))));
        if (!config.people().isEmpty()) {
            ArrayNode people = root.putArray("people");
            config.people().values().forEach(p -> people.add(person(p)));
        }
        StringBuilder out = new StringBuilder();
        print(root, "", out);
        return out.append('\n').toString();
    }

    private static ObjectNode schedule(Schedule s) {
        ObjectNode o = NODES.objectNode().put("id", s.id()).put("name", s.name()).put("zone", s.zone().getId());
        ArrayNode layers = o.putArray("layers");
        for (Layer l : s.layers()) {
            ObjectNode lo = layers.addObject().put("name", l.name());
            Rotation r = l.rotation();
            ObjectNode ro = lo.putObject("rotation");
            if (!r.name().equals(l.name())) {
                ro.put("name", r.name());
            }
            ro.put("kind", r.kind().name());
            if (r.shiftLength() != 1) {
                ro.put("shiftLength", r.shiftLength());
            }
            ro.put("start", r.start().toString());
            if (!r.zone().equals(s.zone())) {
                ro.put("zone", r.zone().getId());
            }
            ArrayNode people = ro.putArray("participants");
            r.participants().forEach(people::add);
            if (!l.restrictions().isEmpty()) {
                ArrayNode rs = lo.putArray("restrictions");
                for (Restriction x : l.restrictions()) {
                    ObjectNode xo = rs.addObject();
                    ArrayNode days = xo.putArray("days");
                    x.days().forEach(d -> days.add(d.name()));
                    xo.put("start", x.start().toString()).put("length", x.length().toString());
                }
            }
        }
        if (!s.overrides().isEmpty()) {
            ArrayNode overrides = o.putArray("overrides");
            for (ScheduleOverride v : s.overrides()) {
                ObjectNode vo = overrides.addObject().put("kind", v.kind().name()).put("person", v.person());
                v.replacement().ifPresent(r -> vo.put("replacement", r));
                vo.put("start", v.start().toString()).put("end", v.end().toString());
            }
        }
        if (!s.temporarySchedules().isEmpty()) {
            ArrayNode temporary = o.putArray("temporarySchedules");
            for (TemporarySchedule t : s.temporarySchedules()) {
                ObjectNode to = temporary.addObject().put("start", t.start().toString()).put("end", t.end().toString());
                ArrayNode slots = to.putArray("slots");
                t.slots().forEach(x -> slots.addObject().put("person", x.person()).put("start", x.start().toString())
                        .put("end", x.end().toString()));
            }
        }
        return o;
    }

    private static ObjectNode person(Person p) {
        ObjectNode o = NODES.objectNode().put("id", p.id()).put("name", p.name());
        if (!p.contacts().isEmpty()) {
            ArrayNode contacts = o.putArray("contacts");
            p.contacts().forEach(c -> contacts.addObject().put("kind", c.kind()).put("address", c.address()));
        }
        return o;
    }

    private static ObjectNode policy(EscalationPolicy p, List<String> services) {
        ObjectNode o = NODES.objectNode().put("id", p.id()).put("name", p.name());
        if (!services.isEmpty()) {
            ArrayNode s = o.putArray("services");
            services.forEach(s::add);
        }
        o.set("calendar", calendar(p.calendar()));
        ArrayNode levels = o.putArray("levels");
        for (EscalationLevel l : p.levels()) {
            ObjectNode lo = levels.addObject().put("escalateAfter", l.escalateAfter().toString());
            ArrayNode targets = lo.putArray("targets");
            for (Target t : l.targets()) {
                ObjectNode target = t.fold(person -> NODES.objectNode().put("person", person.id()),
                        on -> NODES.objectNode().put("schedule", on.scheduleId()));
                targets.add(target);
            }
            if (l.severities().size() != Severity.values().length) {
                ArrayNode sev = lo.putArray("severities");
                l.severities().forEach(s -> sev.add(s.name()));
            }
            if (l.ifNobodyOnCall() != EscalationLevel.IfNobody.SKIP) {
                lo.put("ifNobodyOnCall", l.ifNobodyOnCall().name());
            }
        }
        if (p.repeat() instanceof EscalationPolicy.Repeat.Times t) {
            if (t.more() != 0) {
                o.put("repeat", t.more());
            }
        } else {
            o.put("repeat", "UNTIL_ACKNOWLEDGED");
        }
        Map<Severity, EscalationPolicy.Coverage> defaults = Map.of(
                Severity.SEV1, EscalationPolicy.Coverage.ALWAYS, Severity.SEV2, EscalationPolicy.Coverage.ALWAYS,
                Severity.SEV3, EscalationPolicy.Coverage.BUSINESS_HOURS, Severity.SEV4, EscalationPolicy.Coverage.BUSINESS_HOURS);
        if (!p.coverage().equals(defaults)) {
            ObjectNode c = o.putObject("coverage");
            p.coverage().forEach((s, when) -> c.put(s.name(), when.name()));
        }
        return o;
    }

    /** Days with the same hours share an entry, in the order of their first day. */
    private static ObjectNode calendar(BusinessCalendar c) {
        ObjectNode o = NODES.objectNode().put("zone", c.zone().getId());
        Map<List<BusinessCalendar.WorkingHours>, List<DayOfWeek>> byHours = new LinkedHashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            if (!c.hours(d).isEmpty()) {
                byHours.computeIfAbsent(c.hours(d), k -> new ArrayList<>()).add(d);
            }
        }
        ArrayNode hours = o.putArray("hours");
        byHours.forEach((periods, days) -> {
            for (BusinessCalendar.WorkingHours h : periods) {
                ObjectNode ho = hours.addObject();
                ArrayNode ds = ho.putArray("days");
                days.forEach(d -> ds.add(d.name()));
                ho.put("from", h.from().toString()).put("to", h.untilMidnight() ? "24:00" : h.to().toString());
            }
        });
        if (!c.holidays().isEmpty()) {
            ArrayNode holidays = o.putArray("holidays");
            c.holidays().forEach(d -> holidays.add(d.toString()));
        }
        return o;
    }

    /** A value, or an object of one value such as a target: written on one line. */
    private static boolean small(JsonNode n) {
        return n.isValueNode() || n.isObject() && n.size() == 1 && n.elements().next().isValueNode();
    }

    /** An object of one or two values, such as a contact method or a person without contacts: written on one line. */
    private static boolean oneLine(JsonNode n) {
        if (!n.isObject() || n.isEmpty() || n.size() > 2) {
            return false;
        }
        for (JsonNode v : n) {
            if (!v.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    private static void print(JsonNode n, String indent, StringBuilder out) {
        if (oneLine(n)) {
            out.append('{');
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.append(NODES.textNode(e.getKey())).append(": ").append(e.getValue()).append(it.hasNext() ? ", " : "");
            }
            out.append('}');
        } else if (n.isObject()) {
            if (n.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            String inner = indent + "  ";
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.append(inner).append(NODES.textNode(e.getKey())).append(": ");
                print(e.getValue(), inner, out);
                out.append(it.hasNext() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (n.isArray()) {
            boolean plain = true;
            for (JsonNode x : n) {
                plain &= small(x);
            }
            if (n.isEmpty()) {
                out.append("[]");
            } else if (plain) {
                out.append('[');
                for (int i = 0; i < n.size(); i++) {
                    out.append(i == 0 ? "" : ", ");
                    print(n.get(i), indent, out);
                }
                out.append(']');
            } else {
                out.append("[\n");
                String inner = indent + "  ";
                for (int i = 0; i < n.size(); i++) {
                    out.append(inner);
                    print(n.get(i), inner, out);
                    out.append(i + 1 < n.size() ? ",\n" : "\n");
                }
                out.append(indent).append(']');
            }
        } else {
            out.append(n);
        }
    }
}
